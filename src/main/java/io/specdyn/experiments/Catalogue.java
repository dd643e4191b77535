package io.specdyn.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of the paper's story, reconstructed: the paper's body and settings are not available,
 * so each experiment's parameters are the project's, chosen so that its phenomenon is plainly
 * visible. theory-notes/figures.md says what each shows and which claim it checks.
 */
public final class Catalogue {
    private static final List<Experiment> ALL = List.of(new F1Overview(), new F2StageOnePortrait(),
            new F3StageTwoPortrait(), new F4Alignment(), new F5BulkDecay(), new F6EscapeTimes(),
            new F7ReducedVersusFull(), new F8FiniteSamples(), new F9PowerLaw(), new F10LearningRate(), new F11RegimeMaps(),
            new F12Speedup(), new F13DimensionScaling(), new F14NewtonSchulz(), new F15RuleFamily(),
            new F16RandomTeacher());

    /** Says where the catalogue's parameters come from; written into the manifest. */
    public static final String PROVENANCE = "Reconstruction of the figures of Braun, Bao, Huang and Imaizumi, "
            + "arXiv:2601.22652. The paper's numerical settings are not known; these parameters are specdyn's.";

    private Catalogue() {
    }

    public static List<Experiment> all() {
        return ALL;
    }

    /**
     * The experiments named in {@code ids} (case-insensitive, for example {@code F2}), in catalogue
     * order.
     *
     * @throws IllegalArgumentException naming an unknown id and the known ones
     */
    public static List<Experiment> select(List<String> ids) {
        List<String> wanted = new ArrayList<>();
        for (String id : ids) {
            String key = id.trim().toUpperCase(Locale.ROOT);
            if (ALL.stream().noneMatch(e -> e.id().equals(key))) {
                throw new IllegalArgumentException("unknown figure '" + id + "' (expected F1 ... F" + ALL.size() + ")");
            }
            wanted.add(key);
        }
        return ALL.stream().filter(e -> wanted.contains(e.id())).toList();
    }
}
