package io.specdyn.full;

import io.specdyn.linalg.Kernels;
import io.specdyn.linalg.LinearAlgebra;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageTracker;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.util.List;

/**
 * Trains the whole weight matrix and records, every {@code every} steps and at the last, the
 * measured coefficients, the loss, the alignment and the off-manifold residual.
 *
 * <p>Stage events are detected at the recorded steps (population runs measure every step anyway,
 * since the gradient needs {@code W^T W}, so their events are exact to the step whatever
 * {@code every}; finite-sample runs see events at recorded steps only).
 */
public final class FullEngine {
    /** The columns of a full trajectory. */
    public static final List<Column> COLUMNS = List.of(Column.STEP, Column.T, Column.A, Column.B, Column.C,
            Column.LOSS, Column.ALIGNMENT, Column.OFF_MANIFOLD);

    /**
     * The columns of a finite-sample run: {@link #COLUMNS} and {@code train_loss}, the empirical loss
     * on the training samples ({@code loss} stays the population loss).
     */
    public static final List<Column> SAMPLE_COLUMNS = List.of(Column.STEP, Column.T, Column.A, Column.B, Column.C,
            Column.LOSS, Column.ALIGNMENT, Column.OFF_MANIFOLD, Column.TRAIN_LOSS);

    private FullEngine() {
    }

    /**
     * The process's kernels with the thread budget {@link LinearAlgebra#threads()}, which they use on
     * calls large enough to pay for it.
     */
    public static Kernels kernels() {
        return LinearAlgebra.kernels().withThreads(LinearAlgebra.threads());
    }

    /** Runs {@code spec} with the process's {@link #kernels()}. */
    public static Trajectory run(FullRunSpec spec) {
        return run(spec, kernels());
    }

    /** Runs {@code spec} with the given kernels. */
    public static Trajectory run(FullRunSpec spec, Kernels kernels) {
        Trajectory.Builder rows = Trajectory.builder(columns(spec));
        run(spec, kernels, rows);
        return rows.build();
    }

    /** The columns a run of {@code spec} writes: {@link #SAMPLE_COLUMNS} for finite samples, else {@link #COLUMNS}. */
    public static List<Column> columns(FullRunSpec spec) {
        return spec.loss() instanceof LossSpec.Population ? COLUMNS : SAMPLE_COLUMNS;
    }

    /** Runs {@code spec} with the process's {@link #kernels()} into {@code rows} (columns {@link #columns}). */
    public static void run(FullRunSpec spec, TrajectorySink rows) {
        run(spec, kernels(), rows);
    }

    /** Runs {@code spec} with the given kernels into {@code rows} (columns {@link #columns}). */
    public static void run(FullRunSpec spec, Kernels kernels, TrajectorySink rows) {
        long start = System.nanoTime();
        FullSimulation sim = new FullSimulation(spec, kernels);
        boolean population = spec.loss() instanceof LossSpec.Population;
        StageTracker tracker = new StageTracker(weights(spec.problem()), spec.alignEps());
        Outcome outcome = null;
        Stray stray = new Stray();
        while (outcome == null) {
            long k = sim.step();
            double t = sim.time();
            boolean recorded = k % spec.every() == 0 || k == spec.steps();
            if (recorded || population) {
                Measurement x = sim.measure();
                stray.observe(k, x.offManifold());
                boolean fine = tracker.observe(k, t, x.a(), x.b(), x.c(), x.meanError(), x.alignment());
                if (recorded || !fine) {
                    if (population) {
                        rows.add(k, t, x.a(), x.b(), x.c(), x.loss(), x.alignment(), x.offManifold());
                    } else {
                        rows.add(k, t, x.a(), x.b(), x.c(), x.loss(), x.alignment(), x.offManifold(), sim.trainLoss());
                    }
                }
                if (!fine) {
                    outcome = Outcome.diverged(k, t, "a coefficient left [-1e6, 1e6] or became non-finite");
                    break;
                }
            }
            if (k == spec.steps()) {
                outcome = Outcome.completed(k, t);
                break;
            }
            try {
                sim.advance();
            } catch (FullSimulation.NonFiniteGradient e) {
                outcome = Outcome.diverged(k, t, e.getMessage() + " at step " + k);
            } catch (ArithmeticException e) {
                outcome = Outcome.failed(k, t, e.getMessage() + " at step " + k);
            }
        }
        rows.events(tracker.finish());
        rows.outcome(outcome);
        rows.diagnostic("steps", sim.step());
        stray.report(rows);
        rows.diagnostic("kernels", kernels.name());
        rows.diagnostic("threads", kernels.threads());
        rows.diagnostic("wall_seconds", (System.nanoTime() - start) * 1e-9);
    }

    /**
     * How far a run strays from the manifold: the largest off-manifold residual over the measured
     * steps (every step of a population run, the recorded ones of a finite-sample run), its step, and
     * the last one measured.
     */
    private static final class Stray {
        private double largest = Double.NaN;
        private long largestStep = -1;
        private double last = Double.NaN;

        void observe(long step, double offManifold) {
            last = offManifold;
            if (largestStep < 0 || offManifold > largest || Double.isNaN(largest)) {
                largest = offManifold;
                largestStep = step;
            }
        }

        void report(TrajectorySink rows) {
            rows.diagnostic(OFFMANIFOLD_MAX, largest);
            rows.diagnostic(OFFMANIFOLD_MAX_STEP, largestStep);
            rows.diagnostic(OFFMANIFOLD_FINAL, last);
        }
    }

    /** Diagnostics of every full run: the largest off-manifold residual measured, its step, and the last. */
    public static final String OFFMANIFOLD_MAX = "offmanifold_max";
    public static final String OFFMANIFOLD_MAX_STEP = "offmanifold_max_step";
    public static final String OFFMANIFOLD_FINAL = "offmanifold_final";

    /** One full run advanced step by step, for callers that decide when to stop. */
    public interface Stepper {
        /** The current step. */
        long step();

        /** The time of the current step: the sum of the learning rates of the steps before it. */
        double time();

        /** Measures the current weights. */
        Measurement measure();

        /**
         * One optimiser step.
         *
         * @throws ArithmeticException if the gradient is not finite (divergence) or the SVD fails
         */
        void advance();
    }

    /** A stepper at step 0 of {@code spec} (its {@code steps} and {@code every} are not used). */
    public static Stepper stepper(FullRunSpec spec) {
        return new FullSimulation(spec, kernels());
    }

    /**
     * Times {@code steps} steps after {@code warmup} untimed ones: each step is a measurement (as
     * in a run recording every step) and an optimiser step. Returns milliseconds per step.
     */
    public static double[] timeSteps(FullRunSpec spec, int warmup, int steps) {
        FullSimulation sim = new FullSimulation(spec, kernels());
        double[] ms = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            sim.measure();
            sim.advance();
            long t1 = System.nanoTime();
            if (i >= warmup) {
                ms[i - warmup] = (t1 - t0) * 1e-6;
            }
        }
        return ms;
    }

    /** How {@code T} depends on the measured coefficients (c^2 the mean bulk entry), for the stage tracker. */
    public static StageTracker.Weights weights(CovarianceSpectrum spectrum) {
        double signal = spectrum.eigenvalue(spectrum.signal());
        double spike = spectrum.eigenvalue(spectrum.spike());
        double total = 0;
        for (double v : spectrum.eigenvalues()) {
            total += v;
        }
        return new StageTracker.Weights(signal, spike, total - signal - spike);
    }

    /**
     * {@link #weights(CovarianceSpectrum)} with the teacher's mean output {@code theta^T Lambda theta} as
     * the signal's weight (the stage tracker's {@code lt}); the same weights for the default teacher.
     * Off the eigenvectors {@code T} is no longer a function of {@code (a, b, c)}, and the weights only
     * scale the tracker's rounding tolerance.
     */
    public static StageTracker.Weights weights(FullProblem problem) {
        StageTracker.Weights eigen = weights(problem.spectrum());
        double[] teacher = problem.teacher();
        if (teacher == null) {
            return eigen;
        }
        double mean = 0;
        for (int j = 0; j < teacher.length; j++) {
            mean += problem.spectrum().eigenvalue(j) * teacher[j] * teacher[j];
        }
        return new StageTracker.Weights(mean, eigen.spike(), eigen.bulk());
    }
}
