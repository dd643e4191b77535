package io.specdyn.cli;

import io.specdyn.model.Algorithm;
import io.specdyn.rules.RuleSettings;
import io.specdyn.rules.Rules;
import io.specdyn.rules.UpdateRule;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The settings of the update rules that take one value in every command: run, compare and sweep
 * ({@code --momentum} and {@code --ns-steps}, which sweep takes as axes, are {@link Single}'s). Every
 * option is optional: a rule takes its defaults for what is not given and refuses, with exit code 2,
 * an option that does not apply to it ({@link Rules#of}).
 */
final class RuleOptions {
    /** Every option of a run's rule, for commands and engines that take none of them. */
    static final String[] NAMES = {"--momentum", "--nesterov", "--ns-steps", "--ns-eps", "--ns-precision", "--beta1",
        "--beta2", "--adam-eps", "--orthogonalizer"};

    enum Precision { double_, bf16 }

    @Option(names = "--nesterov", arity = "1", converter = Converters.Flag.class, paramLabel = "BOOL",
            description = "muon and momentum: true or false, Nesterov's look-ahead (default: true for muon, "
                    + "U = (1 - beta) G + beta M; false for momentum, the heavy ball; true gives G + beta B).")
    Boolean nesterov;

    @Option(names = "--ns-eps", converter = Converters.NonNegative.class, paramLabel = "EPS",
            description = "muon: the iteration starts from X = U / (|U|_F + EPS), EPS >= 0 (default: 1e-7).")
    Double nsEps;

    @Option(names = "--ns-precision", paramLabel = "P", converter = PrecisionName.class,
            description = "muon: double, or bf16 to round every matrix of the iteration to bfloat16 as the "
                    + "published code stores it (default: double). Rounding single entries depends on the basis: "
                    + "bf16 runs on the reduced engine with --basis canonical only.")
    Precision nsPrecision;

    @Option(names = "--orthogonalizer", paramLabel = "O",
            description = "muon: newton-schulz (as published) or polar, the exact polar factor in place of the "
                    + "iteration, to isolate what the iteration changes (default: newton-schulz).")
    String orthogonalizer;

    @Option(names = "--beta1", converter = Converters.HalfOpenUnit.class, paramLabel = "B1",
            description = "adam: first-moment decay, in [0, 1) (default: 0.9).")
    Double beta1;

    @Option(names = "--beta2", converter = Converters.HalfOpenUnit.class, paramLabel = "B2",
            description = "adam: second-moment decay, in [0, 1) (default: 0.999).")
    Double beta2;

    @Option(names = "--adam-eps", converter = Converters.Positive.class, paramLabel = "EPS",
            description = "adam: the term added to the denominator, > 0 (default: 1e-8).")
    Double adamEps;

    /** What the user gave, with a momentum and a number of Newton-Schulz steps; null where nothing. */
    RuleSettings settings(Double momentum, Integer nsSteps) {
        return new RuleSettings(momentum, nesterov, nsSteps, nsEps,
                nsPrecision == null ? null : nsPrecision == Precision.bf16, beta1, beta2, adamEps,
                orthogonalizer == null ? null : orthogonalizer.trim());
    }

    /** The rule options of one run: the shared settings, and one momentum and one number of steps. */
    static final class Single {
        @Mixin
        RuleOptions shared;

        @Option(names = "--momentum", converter = Converters.HalfOpenUnit.class, paramLabel = "BETA",
                description = "muon and momentum: the momentum beta, in [0, 1) (default: 0.95 for muon, whose buffer "
                        + "is M <- beta M + (1 - beta) G; 0.9 for momentum, whose buffer is B <- beta B + G).")
        Double momentum;

        @Option(names = "--ns-steps", converter = Converters.NsSteps.class, paramLabel = "N",
                description = "muon: Newton-Schulz steps, in [0, 100] (default: 5).")
        Integer nsSteps;

        /** The rule of a discrete {@code algorithm} with these settings. */
        UpdateRule rule(Algorithm algorithm) {
            return Rules.of(algorithm, shared.settings(momentum, nsSteps));
        }
    }

    /** {@code double} or {@code bf16}. */
    static final class PrecisionName implements picocli.CommandLine.ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            return switch (value.trim()) {
                case "double" -> Precision.double_;
                case "bf16" -> Precision.bf16;
                default -> throw new picocli.CommandLine.TypeConversionException("must be double or bf16 (got '"
                        + value + "')");
            };
        }
    }
}
