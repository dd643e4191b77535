package io.specdyn.cli;

import io.specdyn.io.SpectrumFile;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The problem (dimension and covariance spectrum) and the start of a run, the same for both engines:
 * the spectrum is a {@link GroupSpectrum}, which the reduced engine runs as it is and the full engine
 * expands to its {@code d} eigenvalues.
 */
final class ProblemOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--d", converter = Converters.Dimension.class, defaultValue = "100", paramLabel = "D",
            description = "Dimension d >= 3 (default: ${DEFAULT-VALUE}; a file: spectrum sets it). The reduced engine "
                    + "takes any d up to 2^53 (1e9 is fine), the full engine what fits its matrices.")
    long d;

    @Option(names = "--spectrum", defaultValue = "spiked", paramLabel = "KIND",
            description = "Covariance: spiked (I + kappa u u^T, or --lt/--lu/--lp), power-law (eigenvalue i "
                    + "equal to (i/s)^(-alpha), 1 on the signal at s = --signal-index), spikes:K1,K2,... (I + sum "
                    + "K_i u_i u_i^T, each K_i > -1, the u_i the first directions other than the signal, whose "
                    + "eigenvalue is 1), or file:PATH (one line per "
                    + "run of equal eigenvalues in basis order: 'eigenvalue' or 'eigenvalue multiplicity'; # starts a "
                    + "comment) (default: ${DEFAULT-VALUE}).")
    String spectrum;

    @Option(names = "--alpha", converter = Converters.NonNegative.class, defaultValue = "1", paramLabel = "A",
            description = "Exponent of --spectrum power-law, >= 0 (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--signal-index", converter = Converters.PositiveLong.class, paramLabel = "I",
            description = "1-based eigen-direction of the signal, in [1, d], counted in the expanded list of d "
                    + "directions (default: 1; min(10, d) for power-law). With --spectrum spiked the signal's "
                    + "eigenvalue moves with it and the spike u takes the first other direction.")
    Long signalIndex;

    @Option(names = "--kappa", converter = Converters.AboveMinusOne.class, defaultValue = "5", paramLabel = "K",
            description = "Spike strength, Sigma = I + kappa u u^T, kappa > -1 (default: ${DEFAULT-VALUE}).")
    double kappa;

    @Option(names = "--lt", converter = Converters.Positive.class, paramLabel = "L",
            description = "Covariance eigenvalue on the signal, > 0 (default 1).")
    Double lt;

    @Option(names = "--lu", converter = Converters.Positive.class, paramLabel = "L",
            description = "Covariance eigenvalue on the spike, > 0 (default 1 + kappa; give --kappa or --lu).")
    Double lu;

    @Option(names = "--lp", converter = Converters.Positive.class, paramLabel = "L",
            description = "Covariance eigenvalue on each bulk direction, > 0 (default 1).")
    Double lp;

    @Option(names = "--init", converter = Converters.Init.class, defaultValue = "iso", paramLabel = "INIT",
            description = "Start: iso (W0 = s I: every coefficient s), a,b,c (spiked spectrum: W0 = a theta theta^T + "
                    + "b u u^T + c P), gaussian (full engine: independent entries of variance s^2/d) or orthogonal (full "
                    + "engine: s times a Haar-random m x d matrix with orthonormal rows for m <= d, columns for m >= d; "
                    + "the polar factor of the gaussian start's matrix) (default: ${DEFAULT-VALUE}).")
    InitChoice init;

    @Option(names = "--init-scale", converter = Converters.Positive.class, defaultValue = "1e-3", paramLabel = "S",
            description = "The scale s of --init iso, gaussian and orthogonal, > 0 (default: ${DEFAULT-VALUE}).")
    double initScale;

    private GroupSpectrum groups;

    /** The spectrum the options describe, read and checked once. */
    GroupSpectrum spectrum() {
        if (groups == null) {
            groups = makeSpectrum();
        }
        return groups;
    }

    private GroupSpectrum makeSpectrum() {
        String kind = spectrum.trim();
        if (kind.equals("spiked")) {
            Options.refuse(mixee, "--spectrum spiked", "--alpha");
            if (Options.given(mixee, "--kappa") && Options.given(mixee, "--lu")) {
                throw new ErrorHandlers.UsageException("--lu sets the spike eigenvalue that --kappa sets to 1 + kappa; give one of them");
            }
            long s = signalIndex != null ? signalIndex : 1;
            if (lt == null && lu == null && lp == null) {
                return GroupSpectrum.spiked(d, kappa, s);
            }
            return GroupSpectrum.threeLevel(d, lt != null ? lt : 1, lu != null ? lu : 1 + kappa, lp != null ? lp : 1, s);
        }
        Options.refuse(mixee, "--spectrum " + (kind.startsWith("file:") ? "file" : kind), "--kappa", "--lt", "--lu", "--lp");
        if (kind.equals("power-law")) {
            ReducedLimits.requireGroups(d, "--d", d);
            return GroupSpectrum.powerLaw(d, alpha, signalIndex != null ? signalIndex : GroupSpectrum.defaultPowerLawSignal(d));
        }
        if (kind.startsWith("spikes:")) {
            Options.refuse(mixee, "--spectrum spikes", "--alpha");
            return GroupSpectrum.spikes(d, spikeStrengths(kind), signalIndex != null ? signalIndex : 1);
        }
        if (kind.startsWith("file:")) {
            Options.refuse(mixee, "--spectrum file", "--alpha");
            Path path = Path.of(kind.substring("file:".length()));
            SpectrumFile.Runs runs = SpectrumFile.read(path);
            long n = runs.dimension();
            if (Options.given(mixee, "--d") && n != d) {
                throw new InvalidSpecException("spectrum", "file:" + path + " holds " + n
                        + " directions; it must hold d = " + d);
            }
            ReducedLimits.requireGroups(runs.values().length, "--spectrum file:" + path, n);
            return GroupSpectrum.of(runs.values(), runs.counts(), signalIndex != null ? signalIndex : 1, path.toString());
        }
        throw new InvalidSpecException("spectrum", "must be spiked, power-law, spikes:K1,K2,... or file:PATH (got '"
                + spectrum + "')");
    }

    /** The strengths of {@code spikes:K1,K2,...}: a comma list of numbers, each finite and > -1. */
    private static double[] spikeStrengths(String kind) {
        String list = kind.substring("spikes:".length()).trim();
        String[] items = list.split(",", -1);
        double[] k = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            double value;
            try {
                value = Double.parseDouble(items[i].trim());
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!(Double.isFinite(value) && value > -1)) {
                throw new InvalidSpecException("spectrum", "must be spikes:K1,K2,... with each K a finite number > -1 "
                        + "(got '" + kind + "')");
            }
            k[i] = value;
        }
        return k;
    }

    /** The problem of a reduced run. */
    ReducedModel model() {
        return new ReducedModel(spectrum());
    }

    /** The start of a reduced run: iso or given coefficients. */
    State start() {
        if (init instanceof InitChoice.Gaussian) {
            throw new ErrorHandlers.UsageException("--init gaussian applies to --engine full (it starts off the manifold)");
        }
        if (init instanceof InitChoice.Orthogonal) {
            throw new ErrorHandlers.UsageException("--init orthogonal applies to --engine full (a random matrix, not "
                    + "coefficients)");
        }
        return startOnManifold();
    }

    /** The coefficients of an iso or a,b,c start, one per group. */
    State startOnManifold() {
        GroupSpectrum g = spectrum();
        if (init instanceof InitChoice.Triple triple) {
            if (Options.given(mixee, "--init-scale")) {
                throw new ErrorHandlers.UsageException("--init a,b,c sets the start; --init-scale applies to iso, gaussian and orthogonal");
            }
            if (!g.isThreeGroup()) {
                throw new InvalidSpecException("init", String.format(Locale.ROOT, "a,b,c applies to the spiked spectrum "
                        + "(signal, spike, bulk); this spectrum has %d groups: use iso", g.groups()));
            }
            return State.of(triple.coefficients());
        }
        return State.isotropic(g.groups(), initScale);
    }
}
