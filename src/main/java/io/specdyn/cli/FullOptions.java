package io.specdyn.cli;

import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.LossSpec;
import io.specdyn.io.SpectrumFile;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.Spectrum;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of the full-matrix simulator. */
final class FullOptions {
    static final String[] NAMES = {"--m", "--spectrum", "--alpha", "--signal-index", "--basis", "--seed",
        "--samples-n", "--sampling", "--momentum", "--every", "--threads"};

    enum Sampling { fixed, online }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--m", converter = Converters.PositiveInt.class, paramLabel = "M",
            description = "Rows of W (width of the student), >= 1 (default: d).")
    Integer m;

    @Option(names = "--spectrum", defaultValue = "spiked", paramLabel = "KIND",
            description = "Covariance: spiked (I + kappa u u^T, or --lt/--lu/--lp), power-law (eigenvalue i "
                    + "proportional to i^(-alpha), 1 on the signal), or file:PATH (a list of eigenvalues) "
                    + "(default: ${DEFAULT-VALUE}).")
    String spectrum;

    @Option(names = "--alpha", converter = Converters.NonNegative.class, defaultValue = "1", paramLabel = "A",
            description = "Exponent of --spectrum power-law, >= 0 (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--signal-index", converter = Converters.PositiveInt.class, paramLabel = "I",
            description = "1-based eigen-direction of the signal, in [1, d] (default: 1; min(10, d) for power-law). "
                    + "With --spectrum spiked the signal's eigenvalue moves with it and the spike u takes the first "
                    + "other direction.")
    Integer signalIndex;

    @Option(names = "--basis", defaultValue = "random", paramLabel = "BASIS",
            description = "Eigenbasis of the covariance: random (Haar, from --seed) or canonical (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--momentum", converter = Converters.Momentum.class, defaultValue = "0", paramLabel = "MU",
            description = "Nesterov momentum of muon, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--every", converter = Converters.PositiveInt.class, defaultValue = "1", paramLabel = "K",
            description = "Record every K-th step (and the last), K >= 1 (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--threads", converter = Converters.PositiveInt.class, paramLabel = "N",
            description = "Threads of the linear algebra, in [1, 64] (default: the available processors, here "
                    + "${sys:specdyn.cores}). Only products of about 512^3 operations and up use more than one; the SVD "
                    + "always runs on one. Output is bit-identical for a given N, and for every N when all products are "
                    + "smaller (population runs with m = d < 466).")
    Integer threads;

    static {
        System.setProperty("specdyn.cores", Integer.toString(io.specdyn.linalg.LinearAlgebra.availableProcessors()));
    }

    /** The covariance of a full run, from these options and the shared problem options. */
    CovarianceSpectrum covariance(ProblemOptions problem) {
        String kind = spectrum.trim();
        if (kind.equals("spiked")) {
            Options.refuse(mixee, "--spectrum spiked", "--alpha");
            return threeLevel(problem.model(), problem, signalIndex != null ? signalIndex : 1);
        }
        Options.refuse(mixee, "--spectrum " + (kind.startsWith("file:") ? "file" : kind), "--kappa", "--lt", "--lu", "--lp");
        if (kind.equals("power-law")) {
            int d = problem.d;
            return CovarianceSpectrum.powerLaw(d, alpha, signalIndex != null ? signalIndex : CovarianceSpectrum.defaultPowerLawSignal(d));
        }
        if (kind.startsWith("file:")) {
            Options.refuse(mixee, "--spectrum file", "--alpha");
            Path path = Path.of(kind.substring("file:".length()));
            double[] values = SpectrumFile.read(path);
            if (Options.given(mixee, "--d") && values.length != problem.d) {
                throw new InvalidSpecException("spectrum", "file:" + path + " holds " + values.length
                        + " eigenvalues; it must hold d = " + problem.d);
            }
            return CovarianceSpectrum.of(values, signalIndex != null ? signalIndex : 1, path.toString());
        }
        throw new InvalidSpecException("spectrum", "must be spiked, power-law or file:PATH (got '" + spectrum + "')");
    }

    /**
     * The spiked covariance, or the three-level one that --lt/--lu/--lp give: the signal at
     * {@code signalIndex}, the spike u at the first other index, whatever its eigenvalue.
     */
    static CovarianceSpectrum threeLevel(ReducedModel model, ProblemOptions problem, int signalIndex) {
        Spectrum s = model.spectrum();
        if (s.lt() == 1 && s.lp() == 1 && problem.lu == null) {
            return CovarianceSpectrum.spiked(model.d(), problem.kappa, signalIndex);
        }
        return CovarianceSpectrum.threeLevel(model.d(), s.lt(), s.lu(), s.lp(), signalIndex);
    }

    FullProblem problem(ProblemOptions problem) {
        CovarianceSpectrum covariance = covariance(problem);
        return new FullProblem(m != null ? m : covariance.dimension(), covariance, basis, seed);
    }

    FullInit init(ProblemOptions problem) {
        if (problem.init instanceof InitChoice.Gaussian) {
            return new FullInit.Gaussian(problem.initScale);
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
