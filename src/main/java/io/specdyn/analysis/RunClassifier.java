package io.specdyn.analysis;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.reduced.DiscreteMaps;
import io.specdyn.trajectory.Stages;

/**
 * Runs a reduced discrete map (GD or SpecGD) without recording it and says how it ended:
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

    /** What a cell's run gave. Steps are -1 where an event did not happen. */
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

    public static Result classify(ReducedModel model, Algorithm algorithm, Coefficients init, double lr, Settings s) {
        if (algorithm != Algorithm.GD && algorithm != Algorithm.SPECGD) {
            throw new IllegalArgumentException("classification runs gd or specgd, not " + algorithm.label());
        }
        Visitor v = new Visitor(model, s);
        DiscreteMaps.iterate(model, algorithm == Algorithm.SPECGD, lr, s.maxSteps() + s.hold(), init.a(), init.b(),
                init.c(), v);
        Status status = v.status != null ? v.status : Status.STALLED;
        long step = switch (status) {
            case ALIGNED -> v.alignedFrom;
            case CONVERGED, DIVERGED -> v.stopStep;
            case STALLED -> s.maxSteps();
        };
        return new Result(status, step, step * lr, v.lastAlignment, v.lastLoss,
                v.escaped >= 0 ? v.minAlignmentAfterEscape : Double.NaN, v.peak, v.peakStep, v.escaped, v.meanMatched,
                v.lastStep);
    }

    private static final class Visitor implements DiscreteMaps.Visitor {
        private final ReducedModel model;
        private final Settings s;
        private final double threshold;
        private final double lt;
        Status status;
        long stopStep = -1;
        long alignedFrom = -1;
        long escaped = -1;
        long meanMatched = -1;
        double initialSign;
        double minAlignmentAfterEscape = Double.POSITIVE_INFINITY;
        double peak = -1;
        long peakStep = -1;
        double lastAlignment = Double.NaN;
        double lastLoss = Double.NaN;
        long lastStep;

        Visitor(ReducedModel model, Settings s) {
            this.model = model;
            this.s = s;
            this.threshold = 1 - s.alignEps();
            this.lt = model.spectrum().lt();
        }

        @Override
        public boolean visit(long k, double a, double b, double c, double meanError) {
            lastStep = k;
            if (Stages.diverged(a, b, c) || !Double.isFinite(meanError)) {
                status = Status.DIVERGED;
                stopStep = k;
                return false;
            }
            double alignment = model.alignment(a, b, c);
            lastAlignment = alignment;
            if (k == 0) {
                initialSign = Math.signum(meanError);
                if (initialSign == 0) {
                    meanMatched = 0;
                }
            } else if (meanMatched < 0 && Stages.meanMatchedIndicator(meanError, initialSign, lt) >= 0) {
                meanMatched = k;
            }
            if (escaped < 0 && Stages.escapeIndicator(meanError, lt) >= 0) {
                escaped = k;
            }
            if (escaped >= 0) {
                minAlignmentAfterEscape = Math.min(minAlignmentAfterEscape, alignment);
            }
            double absB = Math.abs(b);
            if (absB > peak) {
                peak = absB;
                peakStep = k;
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
                    lastLoss = model.loss(a, b, c);
                    return false;
                }
            } else {
                alignedFrom = -1;
                if (k >= s.maxSteps()) {
                    lastLoss = model.loss(a, b, c);
                    return false;
                }
            }
            if (s.lossTol() > 0) {
                double loss = model.loss(a, b, c);
                lastLoss = loss;
                if (loss <= s.lossTol()) {
                    status = Status.CONVERGED;
                    stopStep = k;
                    return false;
                }
            } else if (k == s.maxSteps() + s.hold()) {
                lastLoss = model.loss(a, b, c);
            }
            return true;
        }
    }
}
