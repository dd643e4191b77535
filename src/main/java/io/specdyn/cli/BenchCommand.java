package io.specdyn.cli;

import io.specdyn.analysis.RunClassifier;
import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullEngine;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.ReducedModel;
import io.specdyn.reduced.DiscreteMaps;
import io.specdyn.trajectory.StageTracker;
import io.specdyn.trajectory.Stages;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specdyn bench}: timing commands, to be run beside the numpy baseline in the same session. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times the engines; quote ratios against a baseline run in the same session, not absolute times.", ""},
        subcommands = {BenchCommand.Reduced.class, BenchCommand.Full.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The median of sorted values. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /** The population step of the full simulator, on the numpy baseline's problem. */
    @Command(name = "full", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Times population steps of the full simulator on the problem of the numpy baseline: spiked "
                    + "covariance (kappa 5) in a random basis, W0 = 1e-3 E (E the m x d matrix with ones on its "
                    + "diagonal; 1e-3 I for m = d), lr 0.01. A step is a measurement (as when recording every step) "
                    + "and an optimiser step; with --m below d both work on the m x m side, O(m^2 d) a step. Prints "
                    + "the median over --steps after --warmup untimed steps as a line ms_per_step=<number>.",
                ""},
            footerHeading = "%nExamples:%n",
            footer = {"  specdyn bench full --d 1024 --algo specgd --steps 10",
                "  specdyn bench full --m 1 --d 65536 --steps 50"})
    static final class Full implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--d", converter = Converters.Dimension.class, defaultValue = "512", paramLabel = "D",
                description = "Dimension, >= 3 (default: ${DEFAULT-VALUE}).")
        long d;

        @Option(names = "--m", converter = Converters.PositiveInt.class, paramLabel = "M",
                description = "Rows of W, >= 1 (default: d).")
        Integer m;

        @Option(names = "--algo", converter = Converters.AlgorithmName.class, defaultValue = "gd", paramLabel = "ALGO",
                description = "A discrete rule, at its defaults: gd, specgd, muon, momentum, ngd, adam or signgd "
                        + "(default: ${DEFAULT-VALUE}).")
        Algorithm algo;

        @Option(names = "--steps", converter = Converters.PositiveInt.class, defaultValue = "10", paramLabel = "K",
                description = "Timed steps, >= 1 (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--warmup", converter = Converters.PositiveInt.class, defaultValue = "2", paramLabel = "K",
                description = "Untimed steps first, >= 1 (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--threads", converter = Converters.PositiveInt.class, paramLabel = "N",
                description = "Threads of the linear algebra, in [1, 64], as in run --engine full (default: the "
                        + "available processors).")
        Integer threads;

        @Override
        public Integer call() {
            if (!algo.isDiscrete()) {
                throw new InvalidSpecException("algo", "must be a discrete rule (got '" + algo.label() + "')");
            }
            long width = m != null ? m : d;
            FullLimits.requireMatrix(width, d, width > d ? "--m " + width + " (with --d " + d + ")" : "--d " + d);
            FullProblem problem = new FullProblem((int) width, CovarianceSpectrum.spiked((int) d, 5),
                    FullProblem.Basis.RANDOM, 0);
            FullRunSpec run = new FullRunSpec(problem, FullInit.OnManifold.isotropic(1e-3), new LossSpec.Population(),
                    algo, 0.01, (long) warmup + steps, 1, 0.01);
            int budget = FullLimits.applyThreads(threads);
            FullLimits.require(run, run.steps(), spec.commandLine().getErr(), "bench full");
            double[] ms = FullEngine.timeSteps(run, warmup, steps);
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = median(sorted);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "specdyn d=%d m=%d algo=%s steps=%d threads=%d min=%.3f max=%.3f kernels=%s%n", d,
                    width, algo.label(), steps, budget, sorted[0], sorted[sorted.length - 1], FullEngine.kernels().name());
            out.printf(Locale.ROOT, "ms_per_step=%.3f%n", median);
            out.flush();
            return 0;
        }
    }

    /**
     * The reduced discrete maps: as a sweep cell runs them (three groups), or, with {@code --groups}, one
     * GD step over K groups as the engine runs it, on the problem of the numpy baseline.
     */
    @Command(name = "reduced", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Without --groups: times the reduced GD and SpecGD maps exactly as a sweep cell runs them (step, "
                    + "alignment, stage tracking and classification, nothing recorded): d 100, kappa 5, W0 = 1e-3 I, "
                    + "with a learning rate small enough (1e-8) that no run ends before --steps. Each of --threads "
                    + "threads runs its own cells; the throughput is the median over --repeats rounds, after one "
                    + "untimed round. Prints a line per algorithm and last the slower of the two as "
                    + "steps_per_second_per_core=<number>.",
                "",
                "With --groups K: times GD over K eigenvalue groups on the problem of the numpy baseline "
                    + "numpy_groups_reference.py: power-law eigenvalues (i/10)^-1 for i = 1..K, each of multiplicity "
                    + "1, the signal at i = 10, W0 = 1e-3 I, lr 0.01. A step is the map's step with its measurement "
                    + "and the stage tracking, as a run does it, nothing recorded. Runs an untimed block of --steps/5 "
                    + "steps (at least 1), then 5 timed blocks, on one thread, and prints the median block's time per "
                    + "step as a line ms_per_step=<number>.",
                ""},
            footerHeading = "%nExamples:%n",
            footer = {"  specdyn bench reduced --steps 50000000 --threads 2",
                "  specdyn bench reduced --groups 1000000 --steps 50"})
    static final class Reduced implements Callable<Integer> {
        /** Three-group steps per run by default. */
        static final long CELL_STEPS = 20_000_000;
        /** Steps over K groups by default. */
        static final long GROUP_STEPS = 50;
        /** The numpy baseline's learning rate, start and signal position. */
        static final double GROUP_LR = 0.01;
        static final double GROUP_START = 1e-3;
        static final int GROUP_SIGNAL = 10;
        /** Timed blocks with --groups, as in the numpy baseline. */
        static final int BLOCKS = 5;

        @Spec
        CommandSpec spec;

        @Option(names = "--groups", converter = GroupCount.class, paramLabel = "K",
                description = "Time GD over K groups instead, K in [10, " + GroupSpectrum.MAX_RUNS + "].")
        Integer groups;

        @Option(names = "--steps", converter = Converters.PositiveLong.class, paramLabel = "N",
                description = "Steps per run, >= 1 (default: " + CELL_STEPS + "; with --groups: " + GROUP_STEPS
                        + ", in 5 timed blocks of N/5).")
        Long steps;

        @Option(names = "--repeats", converter = Converters.PositiveInt.class, paramLabel = "N",
                description = "Timed rounds, >= 1 (default: 5); not with --groups.")
        Integer repeats;

        @Option(names = "--threads", converter = Converters.PositiveInt.class, paramLabel = "N",
                description = "Threads running cells at once, >= 1 (default: 1); not with --groups.")
        Integer threads;

        /** K groups: an integer in [10, MAX_RUNS], the signal being the tenth eigenvalue. */
        static final class GroupCount implements ITypeConverter<Integer> {
            @Override
            public Integer convert(String value) {
                return (int) Converters.parseLong(value, GROUP_SIGNAL, GroupSpectrum.MAX_RUNS);
            }
        }

        @Override
        public Integer call() throws Exception {
            if (groups != null) {
                if (repeats != null || threads != null) {
                    throw new ErrorHandlers.UsageException((repeats != null ? "--repeats" : "--threads")
                            + " does not apply with --groups (one thread, 5 timed blocks)");
                }
                return timeGroups(groups, steps == null ? GROUP_STEPS : steps);
            }
            PrintWriter out = spec.commandLine().getOut();
            long cellSteps = steps == null ? CELL_STEPS : steps;
            int rounds = repeats == null ? 5 : repeats;
            int workers = threads == null ? 1 : threads;
            double slowest = Double.POSITIVE_INFINITY;
            for (Algorithm algo : new Algorithm[] {Algorithm.GD, Algorithm.SPECGD}) {
                round(algo, cellSteps, workers);
                double[] rates = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    rates[r] = round(algo, cellSteps, workers);
                }
                Arrays.sort(rates);
                double median = median(rates);
                out.printf(Locale.ROOT, "specdyn reduced algo=%s steps=%d threads=%d repeats=%d min=%.4g max=%.4g "
                        + "median=%.4g steps/s/core%n", algo.label(), cellSteps, workers, rounds, rates[0],
                        rates[rates.length - 1], median);
                slowest = Math.min(slowest, median);
            }
            out.printf(Locale.ROOT, "steps_per_second_per_core=%.4g%n", slowest);
            out.flush();
            return 0;
        }

        /**
         * Times GD over {@code k} groups: an untimed block, then {@link #BLOCKS} blocks of {@code n / 5}
         * steps (at least 1), each step the engine's own loop with the stage tracking of a run.
         */
        private int timeGroups(int k, long n) {
            ReducedLimits.requireGroups(k, "--groups " + k, k);
            ReducedModel model = new ReducedModel(GroupSpectrum.powerLaw(k, 1, GROUP_SIGNAL));
            double[] init = new double[k];
            Arrays.fill(init, GROUP_START);
            long block = Math.max(n / BLOCKS, 1);
            long total = (BLOCKS + 1) * block;
            StageTracker tracker = new StageTracker(model.teacherMean(), Stages.DEFAULT_ALIGN_EPS);
            long[] marks = new long[BLOCKS + 2];
            int[] next = {0};
            long last = DiscreteMaps.iterate(model, false, GROUP_LR, total, init, (step, map) -> {
                boolean go = tracker.observe(step, step * GROUP_LR, map.signal(), map.spike(), map.bulk(),
                        map.meanError(), map.alignment(), map.change(), map.divergent());
                if (step == next[0] * block) {
                    marks[next[0]++] = System.nanoTime();
                }
                return go;
            });
            if (last < total) {
                throw new ErrorHandlers.RunFailure("the map diverged at step " + last + " before the timing ended");
            }
            double[] ms = new double[BLOCKS];
            for (int b = 0; b < BLOCKS; b++) {
                ms[b] = (marks[b + 2] - marks[b + 1]) * 1e-6 / block;
            }
            Arrays.sort(ms);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "specdyn reduced groups=%d algo=gd steps=%d block=%d min=%.6f max=%.6f%n", k,
                    BLOCKS * block, block, ms[0], ms[BLOCKS - 1]);
            out.printf(Locale.ROOT, "ms_per_step=%.6f%n", median(ms));
            out.flush();
            return 0;
        }

        /** One round: every thread runs one cell of {@code steps} steps; steps per second per thread. */
        private static double round(Algorithm algo, long steps, int threads) throws Exception {
            ReducedModel model = ReducedModel.spiked(100, 5);
            RunClassifier.Settings settings = RunClassifier.Settings.defaults(steps);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Long>> runs = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    runs.add(pool.submit(() -> RunClassifier.classify(model, algo,
                            Coefficients.isotropic(1e-3), 1e-8, settings).stepsRun()));
                }
                long total = 0;
                for (Future<Long> f : runs) {
                    total += f.get();
                }
                double seconds = (System.nanoTime() - start) * 1e-9;
                return total / seconds / threads;
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
