package io.specdyn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.analysis.RunClassifier;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.reduced.ReducedEngine;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.reduced.Schedule;
import io.specdyn.rules.Muon;
import io.specdyn.rules.Rules;
import io.specdyn.rules.UpdateRule;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * F15's best rates and step counts, against searches written here: the sweeps' classifier over the same
 * grid for GD and SpecGD, and a recorded run of the reduced engine read row by row for Muon.
 */
class F15RuleFamilyTest {
    private static final ReducedModel MODEL = ReducedModel.spiked(F15RuleFamily.D, F15RuleFamily.KAPPA);

    /** The grid as the caption states it: 10^(-4 + i/8), i = 0 ... 32. */
    private static double rate(int i) {
        return Math.pow(10, -4 + i / 8.0);
    }

    @Test
    void theGridIsTheStatedOne() {
        double[] lrs = F15RuleFamily.rates();
        assertEquals(33, lrs.length);
        for (int i = 0; i < lrs.length; i++) {
            // logspace and pow round differently: a few ulps
            assertEquals(rate(i), lrs[i], 1e-14 * rate(i));
        }
    }

    /** GD's and SpecGD's best at kappa 5 equal a plain search with the sweeps' classifier over the same rates. */
    @Test
    void gdAndSpecGdBestEqualTheSweepClassifiersSearch() {
        for (Algorithm algorithm : new Algorithm[] {Algorithm.GD, Algorithm.SPECGD}) {
            long fewest = -1;
            double bestLr = Double.NaN;
            RunClassifier.Settings settings = new RunClassifier.Settings(F15RuleFamily.BUDGET, F15RuleFamily.HOLD,
                    Stages.DEFAULT_ALIGN_EPS, 0);
            for (int i = 0; i <= 32; i++) {
                RunClassifier.Result r = RunClassifier.classify(MODEL, algorithm,
                        State.isotropic(MODEL.size(), F15RuleFamily.S), F15RuleFamily.rates()[i], settings);
                if (r.status() == RunClassifier.Status.ALIGNED && (fewest < 0 || r.step() < fewest)) {
                    fewest = r.step();
                    bestLr = F15RuleFamily.rates()[i];
                }
            }
            F15RuleFamily.Best best = F15RuleFamily.best(MODEL, Rules.of(algorithm), F15RuleFamily.S);
            assertTrue(fewest > 0, algorithm + " aligns on the grid");
            assertEquals(fewest, best.steps(), algorithm.label());
            assertEquals(bestLr, best.lr(), 0, algorithm.label());
        }
    }

    /**
     * The spread panel's value for GD at kappa 50: most minus fewest of the classifier's searches from nine starts.
     * The rates must be the figure's doubles: GD is chaotic there, and with {@link #rate} (a few ulps off) the
     * spread is 4 instead of 10.
     */
    @Test
    void gdsSpreadAtKappa50EqualsTheClassifiersOverNineStarts() {
        ReducedModel model = ReducedModel.spiked(F15RuleFamily.D, 50);
        long fewest = Long.MAX_VALUE;
        long most = Long.MIN_VALUE;
        for (int j = -4; j <= 4; j++) {
            long steps = classifierBest(model, Algorithm.GD, F15RuleFamily.S * (1 + j * 1e-14));
            fewest = Math.min(fewest, steps);
            most = Math.max(most, steps);
        }
        assertTrue(fewest > 0 && most > fewest, "the starts give different counts: " + fewest + " to " + most);
        UpdateRule gd = Rules.of(Algorithm.GD);
        assertEquals(most - fewest, F15RuleFamily.spread(model, gd, F15RuleFamily.best(model, gd, F15RuleFamily.S)));
    }

    /** The fewest steps of a classifier-confirmed alignment over the grid, from {@code W0 = s I}; -1 if none. */
    private static long classifierBest(ReducedModel model, Algorithm algorithm, double s) {
        long fewest = -1;
        RunClassifier.Settings settings = new RunClassifier.Settings(F15RuleFamily.BUDGET, F15RuleFamily.HOLD,
                Stages.DEFAULT_ALIGN_EPS, 0);
        for (int i = 0; i <= 32; i++) {
            RunClassifier.Result r = RunClassifier.classify(model, algorithm, State.isotropic(model.size(), s),
                    F15RuleFamily.rates()[i], settings);
            if (r.status() == RunClassifier.Status.ALIGNED && (fewest < 0 || r.step() < fewest)) {
                fewest = r.step();
            }
        }
        return fewest;
    }

    /**
     * Muon's best at kappa 5, recomputed from a recorded run of the reduced engine at that rate: the first step
     * from which the alignment holds at 0.99 for 100 steps, and the largest |b| up to it; the rates one grid
     * point above and below need at least as many steps.
     */
    @Test
    void muonsBestIsTheRecordedRunsAlignment() {
        UpdateRule muon = Muon.published();
        F15RuleFamily.Best best = F15RuleFamily.best(MODEL, muon, F15RuleFamily.S);
        Trajectory t = recorded(muon, best.lr());
        long k0 = confirmedAlignment(t);
        assertEquals(k0, best.steps());
        double peak = 0;
        for (int row = 0; row <= k0; row++) {
            peak = Math.max(peak, Math.abs(t.get(Column.B, row)));
        }
        // the same engine code and arithmetic: equal
        assertEquals(peak, best.peakB(), 0);
        for (double factor : new double[] {Math.pow(10, 1 / 8.0), Math.pow(10, -1 / 8.0)}) {
            long other = confirmedAlignment(recorded(muon, best.lr() * factor));
            assertTrue(other < 0 || other >= k0, "rate " + best.lr() * factor + " aligns at " + other);
        }
    }

    private static Trajectory recorded(UpdateRule rule, double lr) {
        return ReducedEngine.run(new ReducedRunSpec(MODEL, State.isotropic(MODEL.size(), F15RuleFamily.S),
                rule.algorithm(), new Schedule.Discrete(lr, F15RuleFamily.BUDGET + F15RuleFamily.HOLD),
                Stages.DEFAULT_ALIGN_EPS, 1, rule, false));
    }

    /** The first row from which 101 rows in a row have alignment >= 0.99, starting by the budget; -1 if none. */
    private static long confirmedAlignment(Trajectory t) {
        double[] alignment = t.column(Column.ALIGNMENT);
        int run = 0;
        for (int row = 0; row < alignment.length; row++) {
            run = alignment[row] >= 1 - Stages.DEFAULT_ALIGN_EPS ? run + 1 : 0;
            if (run == F15RuleFamily.HOLD + 1) {
                int start = row - F15RuleFamily.HOLD;
                return start <= F15RuleFamily.BUDGET ? (long) t.get(Column.STEP, start) : -1;
            }
        }
        return -1;
    }
}
