package io.specdyn.cli;

import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullEngine;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.linalg.LinearAlgebra;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specdyn bench}: timing commands, to be run beside the numpy baseline in the same session. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times the engines; quote ratios against a baseline run in the same session, not absolute times.", ""},
        subcommands = {BenchCommand.Full.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The population step of the full simulator, on the numpy baseline's problem. */
    @Command(name = "full", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Times population steps of the full simulator on the problem of the numpy baseline: spiked "
                    + "covariance (kappa 5) in a random basis, W0 = 1e-3 I, m = d, lr 0.01. A step is a measurement "
                    + "(as when recording every step) and an optimiser step. Prints the median over --steps after "
                    + "--warmup untimed steps as a line ms_per_step=<number>.",
                ""},
            footerHeading = "%nExample:%n",
            footer = "  specdyn bench full --d 1024 --algo specgd --steps 10")
    static final class Full implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--d", converter = Converters.Dimension.class, defaultValue = "512", paramLabel = "D",
                description = "Dimension, >= 3 (default: ${DEFAULT-VALUE}).")
        int d;

        @Option(names = "--algo", converter = Converters.AlgorithmName.class, defaultValue = "gd", paramLabel = "ALGO",
                description = "gd, specgd or muon (default: ${DEFAULT-VALUE}).")
        Algorithm algo;

        @Option(names = "--steps", converter = Converters.PositiveInt.class, defaultValue = "10", paramLabel = "K",
                description = "Timed steps, >= 1 (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--warmup", converter = Converters.PositiveInt.class, defaultValue = "2", paramLabel = "K",
                description = "Untimed steps first, >= 1 (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Override
        public Integer call() {
            if (!algo.isDiscrete()) {
                throw new InvalidSpecException("algo", "must be gd, specgd or muon (got '" + algo.label() + "')");
            }
            FullProblem problem = new FullProblem(d, CovarianceSpectrum.spiked(d, 5), FullProblem.Basis.RANDOM, 0);
            FullRunSpec run = new FullRunSpec(problem, FullInit.OnManifold.isotropic(1e-3), new LossSpec.Population(),
                    algo, 0.01, (long) warmup + steps, 1, 0, 0.01);
            double[] ms = FullEngine.timeSteps(run, warmup, steps);
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "specdyn d=%d algo=%s steps=%d min=%.3f max=%.3f kernels=%s%n", d, algo.label(), steps,
                    sorted[0], sorted[sorted.length - 1], LinearAlgebra.kernels().name());
            out.printf(Locale.ROOT, "ms_per_step=%.3f%n", median);
            out.flush();
            return 0;
        }
    }
}
