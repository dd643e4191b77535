package io.specdyn.cli;

import io.specdyn.reduced.IntegratorSettings;
import picocli.CommandLine.Option;

/** The Hipparchus integrator of the flows (gf, specgf). */
final class IntegratorOptions {
    static final String[] NAMES = {"--integrator", "--rtol", "--atol"};

    @Option(names = "--integrator", converter = Converters.IntegratorName.class, defaultValue = "dp853",
            paramLabel = "NAME", description = "Integrator of gf and specgf: dp853, dp54 or gbs (default: ${DEFAULT-VALUE}).")
    IntegratorSettings.Kind integrator;

    @Option(names = "--rtol", converter = Converters.Positive.class, defaultValue = "1e-12", paramLabel = "TOL",
            description = "Relative tolerance of the integrator, > 0 (default: ${DEFAULT-VALUE}).")
    double rtol;

    @Option(names = "--atol", converter = Converters.Positive.class, defaultValue = "1e-15", paramLabel = "TOL",
            description = "Absolute tolerance of the integrator, > 0 (default: ${DEFAULT-VALUE}).")
    double atol;

    IntegratorSettings settings() {
        return new IntegratorSettings(integrator, rtol, atol);
    }
}
