package io.specdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.full.FullProblem;
import io.specdyn.io.Json;
import io.specdyn.io.SweepJson;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.LearningRate;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.State;
import io.specdyn.rules.Gd;
import io.specdyn.rules.MomentumGd;
import io.specdyn.rules.Muon;
import io.specdyn.rules.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule axes of a sweep: its variants, their numbering, their rules and their description in sweep.json. */
class SweepRuleAxesTest {
    private static final LearningRate COSINE = new LearningRate(LearningRate.Kind.COSINE, 0, 0, 1);

    private static SweepSpec spec(String engine, List<Algorithm> algorithms, SweepSpec.RuleAxes rules) {
        return new SweepSpec(engine, algorithms, new int[] {8, 12}, new double[] {0, 5}, new double[] {0.01, 0.1, 0.3},
                1, 50, 5, 0.01, 0, "iso", 1e-3, 0, 0, SweepSpec.Family.SPIKED, 0, rules);
    }

    private static final SweepSpec.RuleAxes AXES = new SweepSpec.RuleAxes(new double[] {0.5, 0.9}, new int[] {3, 5},
            List.of(LearningRate.CONSTANT, COSINE), new RuleSettings(null, true, null, null, null, null, null, null, null),
            false);

    @Test
    void eachRuleRunsAlongTheAxesItTakesAndOnceAlongTheOthers() {
        SweepSpec s = spec("reduced", List.of(Algorithm.GD, Algorithm.MOMENTUM, Algorithm.MUON), AXES);
        List<SweepSpec.Variant> expected = new ArrayList<>();
        for (LearningRate r : List.of(LearningRate.CONSTANT, COSINE)) {
            expected.add(new SweepSpec.Variant(Algorithm.GD, null, null, r));
        }
        for (double beta : new double[] {0.5, 0.9}) {
            for (LearningRate r : List.of(LearningRate.CONSTANT, COSINE)) {
                expected.add(new SweepSpec.Variant(Algorithm.MOMENTUM, beta, null, r));
            }
        }
        for (double beta : new double[] {0.5, 0.9}) {
            for (int ns : new int[] {3, 5}) {
                for (LearningRate r : List.of(LearningRate.CONSTANT, COSINE)) {
                    expected.add(new SweepSpec.Variant(Algorithm.MUON, beta, ns, r));
                }
            }
        }
        assertEquals(expected, s.variants());
        // 14 variants x 2 d x 2 kappa x 3 lr, the variant outermost
        assertEquals(14 * 12, s.cellCount());
        assertEquals(new SweepSpec.Cell(12 * 5, expected.get(5), 8, 0, 0.01, 0), s.cell(12 * 5));
        assertEquals(new SweepSpec.Cell(12 * 13 + 11, expected.get(13), 12, 5, 0.3, 0), s.cell(12 * 13 + 11));
        // the rules carry the axes' values and the fixed setting, each where it applies
        assertEquals(new Gd(), s.rule(expected.get(0)));
        MomentumGd momentum = (MomentumGd) s.rule(expected.get(4));
        assertEquals(0.9, momentum.beta());
        assertTrue(momentum.nesterov());
        Muon muon = (Muon) s.rule(expected.get(12));
        assertEquals(0.9, muon.beta());
        assertEquals(5, muon.steps());
        assertTrue(muon.nesterov());
    }

    @Test
    void theAxesRoundTripThroughSweepJsonAndASweepWithoutThemIsWrittenAsBefore() {
        SweepSpec s = spec("reduced", List.of(Algorithm.GD, Algorithm.MOMENTUM, Algorithm.MUON), AXES);
        String json = Json.write(s.toJson());
        SweepSpec back = Json.read(json, SweepJson.Spec.class).toSpec();
        assertEquals(json, Json.write(back.toJson()));
        assertEquals(s.variants(), back.variants());
        SweepSpec plain = spec("reduced", List.of(Algorithm.GD, Algorithm.SPECGD), SweepSpec.RuleAxes.NONE);
        // the keys sweep.json had before the rule axes existed, in their order
        assertEquals(List.of("engine", "algo", "d", "kappa", "lr", "seeds", "max-steps", "hold", "align-eps", "loss-tol",
                "init", "init-scale", "samples-n", "cells"), new ArrayList<>(plain.toJson().keySet()));
        assertEquals(List.of(SweepSpec.Variant.of(Algorithm.GD), SweepSpec.Variant.of(Algorithm.SPECGD)), plain.variants());
    }

    /**
     * Heavy-ball momentum with beta 0 is GD (B = 0 B + G = G): run through the rule's own code on the groups, it
     * classifies a run as GD's fused pass does. Far from GD's stability edge, where the two passes' different
     * rounding cannot change a step count.
     */
    @Test
    void momentumAtBetaZeroClassifiesAsGd() {
        SweepSpec s = new SweepSpec("reduced", List.of(Algorithm.GD, Algorithm.MOMENTUM), new int[] {20},
                new double[] {0, 5}, new double[] {0.01, 0.05}, 1, 3000, 20, 0.01, 0, "iso", 1e-3, 0, 0,
                SweepSpec.Family.SPIKED, 0, new SweepSpec.RuleAxes(new double[] {0, 0.9}, new int[0],
                        List.of(LearningRate.CONSTANT), RuleSettings.DEFAULTS, false));
        int perVariant = 4;
        for (int i = 0; i < perVariant; i++) {
            RunClassifier.Result gd = s.compute(s.cell(i));
            RunClassifier.Result beta0 = s.compute(s.cell(perVariant + i));
            RunClassifier.Result beta9 = s.compute(s.cell(2 * perVariant + i));
            assertEquals(RunClassifier.Status.ALIGNED, gd.status());
            assertEquals(gd.status(), beta0.status());
            assertEquals(gd.step(), beta0.step());
            assertEquals(gd.escapedStep(), beta0.escapedStep());
            assertNotEquals(gd.step(), beta9.step(), "beta 0.9 is another rule");
        }
        // the same through the classifier directly: the rule, not the algorithm's default, is what runs
        GroupSpectrum p = GroupSpectrum.spiked(20, 5);
        RunClassifier.Result viaRule = RunClassifier.classify(new ReducedModel(p), new MomentumGd(0, false),
                LearningRate.CONSTANT, State.isotropic(p.groups(), 1e-3), 0.05, s.settings());
        assertEquals(s.compute(s.cell(3)).step(), viaRule.step());
    }

    @Test
    void theBasisDecidesWhereAdamRuns() {
        SweepSpec.RuleAxes canonical = new SweepSpec.RuleAxes(new double[0], new int[0], List.of(LearningRate.CONSTANT),
                RuleSettings.DEFAULTS, true);
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> spec("reduced", List.of(Algorithm.ADAM), SweepSpec.RuleAxes.NONE));
        assertEquals("basis", e.parameter());
        SweepSpec reduced = spec("reduced", List.of(Algorithm.ADAM, Algorithm.SIGNGD), canonical);
        assertEquals("canonical", reduced.toJson().get("basis"));
        SweepSpec full = spec("full", List.of(Algorithm.ADAM), canonical);
        assertEquals(FullProblem.Basis.CANONICAL, full.fullRun(full.cell(0)).problem().basis());
        SweepSpec random = spec("full", List.of(Algorithm.ADAM), SweepSpec.RuleAxes.NONE);
        assertEquals(FullProblem.Basis.RANDOM, random.fullRun(random.cell(0)).problem().basis());
        assertFalse(random.toJson().containsKey("basis"));
        Map<String, Object> settings = full.fullRun(full.cell(0)).rule().settings();
        assertEquals(0.9, settings.get("beta1"));
    }
}
