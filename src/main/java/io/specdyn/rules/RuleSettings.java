package io.specdyn.rules;

import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * The hyper-parameters a user gave for a rule, each null where not given; the rule supplies its own
 * defaults ({@link io.specdyn.model.Algorithm#rule}) and refuses what does not apply to it, naming the
 * option, so that a setting is never silently ignored.
 *
 * @param momentum  {@code beta} of a momentum buffer, in [0, 1)
 * @param nesterov  Nesterov's look-ahead instead of the buffer itself
 * @param nsSteps   Newton-Schulz steps, in [0, 100]
 * @param nsEps     Newton-Schulz's normalisation {@code U / (|U|_F + eps)}, {@code eps >= 0}
 * @param bf16      the Newton-Schulz iteration in bfloat16, as published
 * @param beta1     Adam's first-moment decay, in [0, 1)
 * @param beta2     Adam's second-moment decay, in [0, 1)
 * @param adamEps   Adam's denominator term, {@code > 0}
 * @param orthogonalizer Muon's {@code newton-schulz} (as published) or {@code polar} (the exact polar factor)
 */
public record RuleSettings(Double momentum, Boolean nesterov, Integer nsSteps, Double nsEps, Boolean bf16,
                           Double beta1, Double beta2, Double adamEps, String orthogonalizer) {

    /** Nothing given: every rule at its defaults. */
    public static final RuleSettings DEFAULTS = new RuleSettings(null, null, null, null, null, null, null, null, null);

    private static final Range UNIT = Range.HALF_OPEN_UNIT;

    public RuleSettings {
        if (momentum != null) {
            UNIT.require("momentum", momentum);
        }
        if (nsSteps != null && (nsSteps < 0 || nsSteps > 100)) {
            throw new InvalidSpecException("ns-steps", "must be an integer in [0, 100] (got " + nsSteps + ")");
        }
        if (nsEps != null) {
            Range.NON_NEGATIVE.require("ns-eps", nsEps);
        }
        if (beta1 != null) {
            UNIT.require("beta1", beta1);
        }
        if (beta2 != null) {
            UNIT.require("beta2", beta2);
        }
        if (adamEps != null) {
            Range.POSITIVE.require("adam-eps", adamEps);
        }
        if (orthogonalizer != null && !orthogonalizer.equals("newton-schulz") && !orthogonalizer.equals("polar")) {
            throw new InvalidSpecException("orthogonalizer", "must be newton-schulz or polar (got '" + orthogonalizer
                    + "')");
        }
    }

    public RuleSettings withMomentum(double value) {
        return new RuleSettings(value, nesterov, nsSteps, nsEps, bf16, beta1, beta2, adamEps, orthogonalizer);
    }

    public RuleSettings withNesterov(boolean value) {
        return new RuleSettings(momentum, value, nsSteps, nsEps, bf16, beta1, beta2, adamEps, orthogonalizer);
    }

    public RuleSettings withNsSteps(int value) {
        return new RuleSettings(momentum, nesterov, value, nsEps, bf16, beta1, beta2, adamEps, orthogonalizer);
    }

    public RuleSettings withOrthogonalizer(String value) {
        return new RuleSettings(momentum, nesterov, nsSteps, nsEps, bf16, beta1, beta2, adamEps, value);
    }

    public RuleSettings withBf16(boolean value) {
        return new RuleSettings(momentum, nesterov, nsSteps, nsEps, value, beta1, beta2, adamEps, orthogonalizer);
    }

    /** The keys of the settings given, in the order of the components (as {@link #requireOnly} names them). */
    public List<String> given() {
        List<String> given = new ArrayList<>();
        if (momentum != null) {
            given.add("momentum");
        }
        if (nesterov != null) {
            given.add("nesterov");
        }
        if (nsSteps != null) {
            given.add("ns-steps");
        }
        if (nsEps != null) {
            given.add("ns-eps");
        }
        if (bf16 != null) {
            given.add("ns-precision");
        }
        if (beta1 != null) {
            given.add("beta1");
        }
        if (beta2 != null) {
            given.add("beta2");
        }
        if (adamEps != null) {
            given.add("adam-eps");
        }
        if (orthogonalizer != null) {
            given.add("orthogonalizer");
        }
        return given;
    }

    /** These settings without those whose keys are not in {@code keys}. */
    public RuleSettings only(List<String> keys) {
        return new RuleSettings(keys.contains("momentum") ? momentum : null, keys.contains("nesterov") ? nesterov : null,
                keys.contains("ns-steps") ? nsSteps : null, keys.contains("ns-eps") ? nsEps : null,
                keys.contains("ns-precision") ? bf16 : null, keys.contains("beta1") ? beta1 : null,
                keys.contains("beta2") ? beta2 : null, keys.contains("adam-eps") ? adamEps : null,
                keys.contains("orthogonalizer") ? orthogonalizer : null);
    }

    /**
     * Refuses every given setting not among {@code accepted} (keys as in the manifests).
     *
     * @throws InvalidSpecException naming the first such setting and the rule
     */
    public void requireOnly(String rule, String... accepted) {
        for (String key : given()) {
            if (!List.of(accepted).contains(key)) {
                throw new InvalidSpecException(key, "does not apply to " + rule + " (it applies to "
                        + Rules.appliesTo(key) + ")");
            }
        }
    }

    static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }

    static boolean or(Boolean value, boolean fallback) {
        return value != null ? value : fallback;
    }

    static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
