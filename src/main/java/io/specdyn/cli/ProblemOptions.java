package io.specdyn.cli;

import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.Spectrum;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The problem (dimension and covariance spectrum) and the start of a reduced run. */
final class ProblemOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--d", converter = Converters.Dimension.class, defaultValue = "100", paramLabel = "D",
            description = "Dimension d >= 3: signal, spike and d - 2 bulk directions (default: ${DEFAULT-VALUE}).")
    int d;

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
            description = "Start: iso (W0 = s I, so a = b = c = s), a,b,c (W0 = a theta theta^T + b u u^T + c P), "
                    + "or gaussian (full engine: independent entries of variance s^2/d) (default: ${DEFAULT-VALUE}).")
    InitChoice init;

    @Option(names = "--init-scale", converter = Converters.Positive.class, defaultValue = "1e-3", paramLabel = "S",
            description = "The scale s of --init iso and gaussian, > 0 (default: ${DEFAULT-VALUE}).")
    double initScale;

    /** The problem: the spiked spectrum with any eigenvalue overridden. */
    ReducedModel model() {
        if (Options.given(mixee, "--kappa") && Options.given(mixee, "--lu")) {
            throw new ErrorHandlers.UsageException("--lu sets the spike eigenvalue that --kappa sets to 1 + kappa; give one of them");
        }
        Spectrum spectrum = Spectrum.spiked(kappa);
        if (lt != null) {
            spectrum = spectrum.withLt(lt);
        }
        if (lu != null) {
            spectrum = spectrum.withLu(lu);
        }
        if (lp != null) {
            spectrum = spectrum.withLp(lp);
        }
        return new ReducedModel(d, spectrum);
    }

    /** The start of a reduced run: iso or given coefficients. */
    Coefficients start() {
        if (init instanceof InitChoice.Gaussian) {
            throw new ErrorHandlers.UsageException("--init gaussian applies to --engine full (it starts off the manifold)");
        }
        return startOnManifold();
    }

    /** The coefficients of an iso or a,b,c start. */
    Coefficients startOnManifold() {
        if (init instanceof InitChoice.Triple triple) {
            if (Options.given(mixee, "--init-scale")) {
                throw new ErrorHandlers.UsageException("--init a,b,c sets the start; --init-scale applies to iso and gaussian");
            }
            return triple.coefficients();
        }
        return Coefficients.isotropic(initScale);
    }
}
