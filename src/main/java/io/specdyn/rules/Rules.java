package io.specdyn.rules;

import io.specdyn.model.Algorithm;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of update rules: each discrete algorithm with the factory of its rule and the settings it
 * takes. A new rule is a record in this package and a line here (and a label in {@link Algorithm}).
 */
public final class Rules {

    private record Entry(Algorithm algorithm, Function<RuleSettings, UpdateRule> factory, List<String> keys) {
    }

    private static final List<Entry> TABLE = List.of(
            new Entry(Algorithm.GD, Gd::of, List.of()),
            new Entry(Algorithm.SPECGD, SpecGd::of, List.of()),
            new Entry(Algorithm.MUON, Muon::of, List.of("momentum", "nesterov", "ns-steps", "ns-eps", "ns-precision",
                    "orthogonalizer")),
            new Entry(Algorithm.MOMENTUM, MomentumGd::of, List.of("momentum", "nesterov")),
            new Entry(Algorithm.NGD, NormalizedGd::of, List.of()),
            new Entry(Algorithm.ADAM, Adam::of, List.of("beta1", "beta2", "adam-eps")),
            new Entry(Algorithm.SIGNGD, SignGd::of, List.of()));

    private Rules() {
    }

    /**
     * The rule of a discrete algorithm with the given settings, the rule's defaults for the rest.
     *
     * @throws io.specdyn.model.InvalidSpecException if a setting does not apply to the rule or is out of range
     * @throws IllegalArgumentException for a flow, which has no update rule
     */
    public static UpdateRule of(Algorithm algorithm, RuleSettings settings) {
        for (Entry e : TABLE) {
            if (e.algorithm == algorithm) {
                settings.requireOnly(algorithm.label(), e.keys.toArray(new String[0]));
                return e.factory.apply(settings);
            }
        }
        throw new IllegalArgumentException(algorithm.label() + " is a flow, not a discrete update rule");
    }

    /** The rule of a discrete algorithm at its defaults. */
    public static UpdateRule of(Algorithm algorithm) {
        return of(algorithm, RuleSettings.DEFAULTS);
    }

    /**
     * The settings rule {@code algorithm} takes, by their option names without dashes (as in the
     * manifests); empty for a rule without settings.
     *
     * @throws IllegalArgumentException for a flow
     */
    public static List<String> settings(Algorithm algorithm) {
        for (Entry e : TABLE) {
            if (e.algorithm == algorithm) {
                return e.keys;
            }
        }
        throw new IllegalArgumentException(algorithm.label() + " is a flow, not a discrete update rule");
    }

    /** The algorithms that have an update rule, in table order. */
    public static List<Algorithm> algorithms() {
        return TABLE.stream().map(Entry::algorithm).collect(Collectors.toList());
    }

    /** The labels of the rules that take setting {@code key}, in words ("muon and momentum"). */
    public static String appliesTo(String key) {
        List<String> labels = TABLE.stream().filter(e -> e.keys.contains(key)).map(e -> e.algorithm.label())
                .collect(Collectors.toList());
        if (labels.size() <= 1) {
            return String.join("", labels);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }
}
