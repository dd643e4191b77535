package io.specdyn.cli;

import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.LossSpec;
import io.specdyn.model.GroupSpectrum;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of the full-matrix simulator. */
final class FullOptions {
    static final String[] NAMES = {"--m", "--basis", "--seed",
        "--samples-n", "--sampling", "--threads"};

    enum Sampling { fixed, online }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--m", converter = Converters.PositiveInt.class, paramLabel = "M",
            description = "Rows of W (width of the student), >= 1 (default: d).")
    Integer m;

    @Option(names = "--basis", defaultValue = "random", paramLabel = "BASIS",
            description = "Eigenbasis of the covariance: random (Haar, from --seed) or canonical (default: ${DEFAULT-VALUE}). "
                    + "The reduced engine takes --basis canonical for adam and signgd, which act on single entries of W "
                    + "and reduce onto the groups only in the coordinate basis; its other rules do not depend on it.")
    FullProblem.Basis basis;

    @Option(names = "--seed", converter = Converters.Seed.class, defaultValue = "0", paramLabel = "SEED",
            description = "Seed of everything random: basis, Gaussian start, samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples-n", converter = Converters.PositiveInt.class, paramLabel = "N",
            description = "Train on the empirical loss of N samples, N >= 1, instead of the population loss.")
    Integer samplesN;

    @Option(names = "--sampling", defaultValue = "fixed", paramLabel = "MODE",
            description = "With --samples-n: fixed (one dataset, empirical risk) or online (a fresh batch each step) "
                    + "(default: ${DEFAULT-VALUE}).")
    Sampling sampling;

    @Option(names = "--threads", converter = Converters.PositiveInt.class, paramLabel = "N",
            description = "Threads of the linear algebra, in [1, 64] (default: the available processors, here "
                    + "${sys:specdyn.cores}). Only products of about 512^3 operations and up use more than one; the SVD "
                    + "always runs on one. Output is bit-identical for a given N, and for every N when all products are "
                    + "smaller (population runs with m = d < 466).")
    Integer threads;

    static {
        System.setProperty("specdyn.cores", Integer.toString(io.specdyn.linalg.LinearAlgebra.availableProcessors()));
    }

    /**
     * The covariance of a full run: the problem's spectrum expanded to its d eigenvalues, refused
     * before the expansion where one m x d matrix would not fit (below m = d the engine holds no
     * d x d matrix; FullPlan checks the rest).
     */
    CovarianceSpectrum covariance(ProblemOptions problem) {
        GroupSpectrum groups = problem.spectrum();
        long d = groups.d();
        long width = m != null ? m : d;
        FullLimits.requireMatrix(width, d, m != null && m > d ? "--m " + m + " (with --d " + d + ")"
                : "list".equals(groups.description().get("kind"))
                ? "--spectrum file:" + groups.description().get("source") + " (d = " + d + ")" : "--d " + d);
        return CovarianceSpectrum.of(groups);
    }

    FullProblem problem(ProblemOptions problem) {
        CovarianceSpectrum covariance = covariance(problem);
        return new FullProblem(m != null ? m : covariance.dimension(), covariance, basis, seed);
    }

    FullInit init(ProblemOptions problem) {
        if (problem.init instanceof InitChoice.Gaussian) {
            return new FullInit.Gaussian(problem.initScale);
        }
        if (problem.init instanceof InitChoice.Orthogonal) {
            return new FullInit.Orthogonal(problem.initScale);
        }
        return new FullInit.OnManifold(problem.startOnManifold());
    }

    LossSpec loss() {
        if (samplesN == null) {
            Options.refuse(mixee, "the population loss (no --samples-n)", "--sampling");
            return new LossSpec.Population();
        }
        return new LossSpec.Samples(samplesN, sampling == Sampling.online);
    }
}
