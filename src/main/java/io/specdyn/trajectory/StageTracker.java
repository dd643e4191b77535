package io.specdyn.trajectory;

import java.util.ArrayList;
import java.util.List;

/**
 * Detects the stage events of a discrete run, one observed step at a time, at the step where each
 * happens. Used by every discrete engine, reduced or full: it sees only the measured coefficients,
 * the mean output error {@code T} and the alignment.
 *
 * <p>{@code spike-peak} needs the whole run and is emitted by {@link #finish()}.
 */
public final class StageTracker {
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

    /**
     * @param lt       eigenvalue of the signal direction (the teacher's mean output)
     * @param alignEps the run is aligned when the alignment is at least {@code 1 - alignEps}
     */
    public StageTracker(double lt, double alignEps) {
        this.lt = lt;
        this.alignThreshold = 1 - alignEps;
    }

    /**
     * Observes one step.
     *
     * @return false when the run diverged at this step and must stop
     */
    public boolean observe(long step, double t, double a, double b, double c, double meanError, double alignment) {
        lastStep = step;
        if (Stages.diverged(a, b, c) || !Double.isFinite(meanError)) {
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
        } else if (!meanMatched && Stages.meanMatchedIndicator(meanError, initialMeanErrorSign, lt) >= 0) {
            meanMatched = true;
            events.add(new StageEvent(Stages.MEAN_MATCHED, t, step, a, b, c));
        }
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
