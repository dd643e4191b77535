package io.specdyn.analysis;

import io.specdyn.full.FullEngine;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.Measurement;
import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.LearningRate;
import io.specdyn.model.ReducedModel;
import io.specdyn.reduced.DiscreteMaps;
import io.specdyn.reduced.GroupMap;
import io.specdyn.model.State;
import io.specdyn.rules.Rules;
import io.specdyn.rules.UpdateRule;
import io.specdyn.trajectory.StageTracker;
import io.specdyn.trajectory.Stages;

/**
 * Runs a discrete update rule (on the reduced groups or the full matrix) without recording it and says
 * how it ended:
 *
 * <ul>
 *   <li>{@code ALIGNED} at step {@code k}: the alignment is at least {@code 1 - alignEps} from step
 *       {@code k} on, confirmed over {@code hold} more steps (so that a transient crossing on the way to
 *       divergence does not count); a dip during the confirmation starts the search again;</li>
 *   <li>{@code CONVERGED}: the loss reached {@code lossTol} before alignment was confirmed;</li>
 *   <li>{@code DIVERGED} at the step where a coefficient became non-finite or left [-1e6, 1e6];</li>
 *   <li>{@code STALLED}: none of these by {@code maxSteps} (the first crossing must come by then; its
 *       confirmation may run up to {@code hold} steps beyond).</li>
 * </ul>
 *
 * It also records the stage events of the run: the steps of {@code escaped} and
 * {@code mean-matched}, the spike peak (largest {@code |b|} and its step) and the smallest alignment
 * from the escape on.
 */
public final class RunClassifier {

    public enum Status {
        ALIGNED, CONVERGED, DIVERGED, STALLED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What a run gave: its status and the step (and time, {@code step * lr} at a constant rate, the sum of
     * the rates of the steps before it on a schedule) that decided it, -1 and
     * NaN for a stalled run; the alignment and loss at the last step run; the smallest alignment from
     * the escape on (NaN without an escape); the spike peak {@code max |b|} and its step; the steps of
     * the {@code escaped} and {@code mean-matched} events (-1 if they did not happen); the last step run.
     */
    public record Result(Status status, long step, double t, double finalAlignment, double finalLoss,
                         double minAlignmentAfterEscape, double spikePeak, long spikePeakStep, long escapedStep,
                         long meanMatchedStep, long stepsRun) {
    }

    /** The run's settings. */
    public record Settings(long maxSteps, int hold, double alignEps, double lossTol) {
        public static Settings defaults(long maxSteps) {
            return new Settings(maxSteps, 100, Stages.DEFAULT_ALIGN_EPS, 0.0);
        }
    }

    private RunClassifier() {
    }

    /** Classifies a reduced discrete run of {@code algorithm}'s rule at its defaults, without recording it. */
    public static Result classify(ReducedModel model, Algorithm algorithm, Coefficients init, double lr, Settings s) {
        return classify(model, algorithm, State.of(init), lr, s);
    }

    /** As {@link #classify(ReducedModel, Algorithm, Coefficients, double, Settings)}, from any state of the groups. */
    public static Result classify(ReducedModel model, Algorithm algorithm, State init, double lr, Settings s) {
        return classify(model, Rules.of(algorithm), LearningRate.CONSTANT, init, lr, s);
    }

    /**
     * Classifies a reduced run of {@code rule} with the schedule {@code rate} (base rate {@code lr}, over the
     * budget of {@code maxSteps + hold} steps) from any state of the groups, without recording it. A
     * basis-dependent rule runs as if the eigenbasis were the coordinate basis.
     */
    public static Result classify(ReducedModel model, UpdateRule rule, LearningRate rate, State init, double lr,
                                  Settings s) {
        Tracker tracker = new Tracker(model.teacherMean(), s);
        boolean needLoss = s.lossTol() > 0;
        double[] finalLoss = {Double.NaN};
        long budget = s.maxSteps() + s.hold();
        DiscreteMaps.iterate(model, rule, rate, lr, budget, init.toArray(),
                (k, map) -> {
                    boolean go = tracker.observe(k, map, needLoss);
                    if (!go) {
                        finalLoss[0] = map.loss();
                    }
                    return go;
                });
        return tracker.result(timeOf(rate, lr, budget), finalLoss[0]);
    }

    /** The time of step k: {@code k * lr} at a constant rate, else the sum of the rates of the steps before. */
    private static java.util.function.LongToDoubleFunction timeOf(LearningRate rate, double lr, long budget) {
        if (rate.isConstant()) {
            return k -> k * lr;
        }
        return k -> {
            LearningRate.Clock clock = rate.clock(lr, budget);
            for (long j = 0; j < k; j++) {
                clock.advance();
            }
            return clock.time();
        };
    }

    /**
     * Classifies a full-matrix run (its {@code steps} and {@code every} are not used: the settings'
     * budget applies). A non-finite gradient counts as divergence at the step where it appears.
     */
    public static Result classify(FullRunSpec spec, Settings s) {
        Tracker tracker = new Tracker(FullEngine.weights(spec.problem()), s);
        FullEngine.Stepper stepper = FullEngine.stepper(spec);
        double loss = Double.NaN;
        while (true) {
            Measurement m = stepper.measure();
            loss = m.loss();
            if (!tracker.observe(stepper.step(), m.a(), m.b(), m.c(), m.meanError(), m.alignment(), loss)) {
                break;
            }
            try {
                stepper.advance();
            } catch (ArithmeticException e) {
                tracker.diverged(stepper.step());
                break;
            }
        }
        return tracker.result(timeOf(spec.rate(), spec.lr(), spec.steps()), loss);
    }

    /**
     * The classification of a run fed one step at a time, by any engine: each step's coefficients,
     * mean output error, alignment and (when a loss tolerance is set) loss.
     */
    public static final class Tracker {
        private final Settings s;
        private final double threshold;
        private final StageTracker stages;
        private Status status;
        private long stopStep = -1;
        private long alignedFrom = -1;
        private double minAlignmentAfterEscape = Double.POSITIVE_INFINITY;
        private double lastAlignment = Double.NaN;
        private long lastStep;

        /** @param weights how the mean output error depends on the coefficients (the signal's is the teacher's mean output) */
        public Tracker(StageTracker.Weights weights, Settings s) {
            this(new StageTracker(weights, s.alignEps()), s);
        }

        /** A tracker of a reduced map, which measures the change of T and divergence itself. */
        Tracker(double teacherMean, Settings s) {
            this(new StageTracker(teacherMean, s.alignEps()), s);
        }

        private Tracker(StageTracker stages, Settings s) {
            this.s = s;
            this.threshold = 1 - s.alignEps();
            this.stages = stages;
        }

        /** Observes step {@code k} of a reduced map. */
        boolean observe(long k, GroupMap map, boolean needLoss) {
            double alignment = map.alignment();
            boolean go = stages.observe(k, k, map.signal(), map.spike(), map.bulk(), map.meanError(), alignment,
                    map.change(), map.divergent());
            return decide(k, go, alignment, needLoss ? map.loss() : Double.NaN);
        }

        /**
         * Observes step {@code k}.
         *
         * @param loss the loss at this step, or NaN when no loss tolerance is set
         * @return false when the run is decided (or the step budget is spent) and must stop
         */
        public boolean observe(long k, double a, double b, double c, double meanError, double alignment, double loss) {
            // the stage events (divergence, escape, mean matching, spike peak) as every discrete run detects
            // them; the time passed is the step, as only steps are reported here
            return decide(k, stages.observe(k, k, a, b, c, meanError, alignment), alignment, loss);
        }

        /** The classification's part of a step, once the stage tracker has seen it ({@code go} false: diverged). */
        private boolean decide(long k, boolean go, double alignment, double loss) {
            lastStep = k;
            lastAlignment = alignment;
            if (!go) {
                status = Status.DIVERGED;
                stopStep = k;
                return false;
            }
            if (stages.escaped()) {
                minAlignmentAfterEscape = Math.min(minAlignmentAfterEscape, alignment);
            }
            if (alignment >= threshold) {
                if (alignedFrom < 0) {
                    if (k > s.maxSteps()) {
                        return false;
                    }
                    alignedFrom = k;
                }
                if (k - alignedFrom >= s.hold()) {
                    status = Status.ALIGNED;
                    return false;
                }
            } else {
                alignedFrom = -1;
                if (k >= s.maxSteps()) {
                    return false;
                }
            }
            if (s.lossTol() > 0) {
                if (loss <= s.lossTol()) {
                    status = Status.CONVERGED;
                    stopStep = k;
                    return false;
                }
            }
            return k < s.maxSteps() + s.hold();
        }

        /** Marks the run as diverged at step {@code k} (a non-finite gradient). */
        public void diverged(long k) {
            status = Status.DIVERGED;
            stopStep = k;
            lastStep = k;
        }

        /**
         * The result, once {@link #observe} has returned false.
         *
         * @param lr        converts steps to time
         * @param finalLoss the loss at the last step observed
         */
        public Result result(double lr, double finalLoss) {
            return result(k -> k * lr, finalLoss);
        }

        /**
         * The result, once {@link #observe} has returned false.
         *
         * @param time      the time of a step
         * @param finalLoss the loss at the last step observed
         */
        public Result result(java.util.function.LongToDoubleFunction time, double finalLoss) {
            Status st = status != null ? status : Status.STALLED;
            long step = switch (st) {
                case ALIGNED -> alignedFrom;
                case CONVERGED, DIVERGED -> stopStep;
                case STALLED -> -1;
            };
            long escaped = stages.stepOf(Stages.ESCAPED);
            return new Result(st, step, step >= 0 ? time.applyAsDouble(step) : Double.NaN, lastAlignment, finalLoss,
                    escaped >= 0 ? minAlignmentAfterEscape : Double.NaN, stages.peakAbsB(), stages.peakStep(), escaped,
                    stages.stepOf(Stages.MEAN_MATCHED), lastStep);
        }
    }
}
