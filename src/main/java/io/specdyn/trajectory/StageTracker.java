package io.specdyn.trajectory;

import java.util.ArrayList;
import java.util.List;

/**
 * Detects the stage events of a discrete run, one observed step at a time, at the step where each
 * happens. Used by every discrete engine, reduced or full: it sees only the measured coefficients,
 * the mean output error {@code T} and the alignment.
 *
 * <p>{@code spike-peak} needs the whole run and is emitted by {@link #finish()}.
 *
 * <p>{@code mean-matched} is defined so that chattering does not trigger it (theory-notes/reduced-dynamics.md,
 * section 5): a discrete map that chatters moves {@code T} back and forth by up to the unsigned change
 * {@code |dT| = w_a |d(a^2)| + w_b |d(b^2)| + w_c |d(c^2)|} of one step, so the event fires at the first
 * step {@code k >= 1} where the two-step mean {@code (T_k + T_(k-1)) / 2} has passed zero, against its
 * starting sign, by more than that change (and by the rounding tolerance of {@link Stages}).
 */
public final class StageTracker {
    /**
     * How the mean output error depends on the coefficients: {@code T + signal = signal a^2 + spike b^2 + bulk c^2}
     * ({@code signal = lt}, {@code spike = lu}, {@code bulk = (d - 2) lp} on the reduced manifold; for a general
     * spectrum, {@code bulk} is the sum of the bulk eigenvalues, with {@code c^2} the mean bulk entry).
     */
    public record Weights(double signal, double spike, double bulk) {
        /** The unsigned change of {@code T} between two states. */
        double change(double a0, double b0, double c0, double a1, double b1, double c1) {
            return signal * Math.abs(a1 * a1 - a0 * a0) + spike * Math.abs(b1 * b1 - b0 * b0)
                    + bulk * Math.abs(c1 * c1 - c0 * c0);
        }
    }

    private final Weights weights;
    private final double lt;
    private final double alignThreshold;
    private final List<StageEvent> events = new ArrayList<>();

    private boolean first = true;
    private double initialMeanErrorSign;
    private boolean meanMatched;
    private boolean escaped;
    private boolean aligned;
    private boolean diverged;

    private double peakAbsB = -1;
    private long peakStep;
    private double peakT;
    private double peakA;
    private double peakB;
    private double peakC;
    private long lastStep;

    private double prevA;
    private double prevB;
    private double prevC;
    private double prevMeanError;

    /**
     * @param weights  how {@code T} depends on the coefficients; {@code weights.signal()} is the teacher's mean
     *                 output {@code lt}
     * @param alignEps the run is aligned when the alignment is at least {@code 1 - alignEps}
     */
    public StageTracker(Weights weights, double alignEps) {
        this.weights = weights;
        this.lt = weights.signal();
        this.alignThreshold = 1 - alignEps;
    }

    /**
     * A tracker whose caller gives each step's unsigned change of {@code T} and divergence itself
     * ({@link #observe(long, double, double, double, double, double, double, double, boolean)}): the
     * reduced engine over any number of groups, which measures both in its one pass over them.
     *
     * @param teacherMean the teacher's mean output {@code lt}
     */
    public StageTracker(double teacherMean, double alignEps) {
        this(new Weights(teacherMean, Double.NaN, Double.NaN), alignEps);
    }

    /**
     * Observes one step of the (a, b, c) coefficients, measuring the change of {@code T} with the
     * tracker's weights.
     *
     * @return false when the run diverged at this step and must stop
     */
    public boolean observe(long step, double t, double a, double b, double c, double meanError, double alignment) {
        double change = first ? 0 : weights.change(prevA, prevB, prevC, a, b, c);
        return observe(step, t, a, b, c, meanError, alignment, change, Stages.diverged(a, b, c));
    }

    /**
     * Observes one step.
     *
     * @param a         the signal's coefficient
     * @param b         the spike's coefficient
     * @param c         the bulk's coefficient, or its root mean square where the bulk has several groups
     * @param change    the unsigned change of {@code T} since the previous step,
     *                  {@code sum_k n_k lambda_k |w_k^2 - w_k'^2|} (ignored at the first step)
     * @param divergent whether a coefficient is non-finite or beyond {@link Stages#DIVERGENCE_BOUND}
     * @return false when the run diverged at this step and must stop
     */
    public boolean observe(long step, double t, double a, double b, double c, double meanError, double alignment,
                           double change, boolean divergent) {
        lastStep = step;
        if (divergent || !Double.isFinite(meanError)) {
            diverged = true;
            events.add(new StageEvent(Stages.DIVERGED, t, step, a, b, c));
            return false;
        }
        if (first) {
            first = false;
            initialMeanErrorSign = Math.signum(meanError);
            if (initialMeanErrorSign == 0) {
                meanMatched = true;
                events.add(new StageEvent(Stages.MEAN_MATCHED, t, step, a, b, c));
            }
        } else if (!meanMatched && Stages.meanMatchedIndicator((meanError + prevMeanError) / 2, initialMeanErrorSign, lt)
                - change >= 0) {
            meanMatched = true;
            events.add(new StageEvent(Stages.MEAN_MATCHED, t, step, a, b, c));
        }
        prevA = a;
        prevB = b;
        prevC = c;
        prevMeanError = meanError;
        if (!escaped && Stages.escapeIndicator(meanError, lt) >= 0) {
            escaped = true;
            events.add(new StageEvent(Stages.ESCAPED, t, step, a, b, c));
        }
        if (!aligned && alignment >= alignThreshold) {
            aligned = true;
            events.add(new StageEvent(Stages.ALIGNED, t, step, a, b, c));
        }
        double absB = Math.abs(b);
        if (absB > peakAbsB) {
            peakAbsB = absB;
            peakStep = step;
            peakT = t;
            peakA = a;
            peakB = b;
            peakC = c;
        }
        return true;
    }

    public boolean diverged() {
        return diverged;
    }

    /** Whether the {@code escaped} event has happened. */
    public boolean escaped() {
        return escaped;
    }

    /** The step of the first event named {@code name} so far, -1 if it has not happened. */
    public long stepOf(String name) {
        for (StageEvent e : events) {
            if (e.name().equals(name)) {
                return e.step();
            }
        }
        return -1;
    }

    /** The largest {@code |b|} so far, -1 before the first step. */
    public double peakAbsB() {
        return peakAbsB;
    }

    /** The step of the largest {@code |b|} so far, -1 before the first step. */
    public long peakStep() {
        return peakAbsB >= 0 ? peakStep : -1;
    }

    /** Whether the alignment threshold has been reached. */
    public boolean aligned() {
        return aligned;
    }

    /** All events so far, with {@code spike-peak} if the largest {@code |b|} is interior. */
    public List<StageEvent> finish() {
        List<StageEvent> all = new ArrayList<>(events);
        boolean interior = peakAbsB >= 0 && peakStep > 0 && peakStep < lastStep;
        if (interior) {
            all.add(new StageEvent(Stages.SPIKE_PEAK, peakT, peakStep, peakA, peakB, peakC));
        }
        all.sort((x, y) -> Long.compare(x.step(), y.step()));
        return all;
    }
}
