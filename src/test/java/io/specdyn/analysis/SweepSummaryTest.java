package io.specdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.analysis.RunClassifier.Result;
import io.specdyn.analysis.RunClassifier.Status;
import io.specdyn.model.Algorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SweepSummaryTest {

    private static final SweepSpec SPEC = new SweepSpec("full", List.of(Algorithm.GD, Algorithm.SPECGD), new int[] {10},
            new double[] {0, 5}, new double[] {0.01, 0.1, 1}, 2, 1000, 10, 0.01, 0, "iso", 1e-3, 0);

    private static Result result(Status status, long step) {
        return new Result(status, step, step * 0.1, 0.5, 0.1, 0.2, 0.3, 1, 2, 3, 100);
    }

    /** Results made up cell by cell: {@code outcome} gives (status, step) for a cell. */
    private static SweepSummary summary(Function<SweepSpec.Cell, Result> outcome) {
        List<SweepSpec.CellResult> results = new ArrayList<>();
        for (int i = 0; i < SPEC.cellCount(); i++) {
            results.add(new SweepSpec.CellResult(SPEC.cell(i), outcome.apply(SPEC.cell(i))));
        }
        return SweepSummary.of(SPEC, results);
    }

    /**
     * A learning rate aligns only if every seed aligned, with the worst seed's steps; the best is the
     * fewest steps, the smaller lr on a tie; the headline divides GD's best steps by SpecGD's.
     */
    @Test
    void seedsBestLearningRatesAndTheHeadline() {
        SweepSummary s = summary(c -> {
            boolean gd = c.algorithm() == Algorithm.GD;
            if (gd && c.shape() == 0) {
                // lr 0.01: 400/500 steps; lr 0.1: 40 and 60; lr 1: one seed diverges
                if (c.lr() == 1) {
                    return c.seed() == 0 ? result(Status.ALIGNED, 5) : result(Status.DIVERGED, 3);
                }
                return result(Status.ALIGNED, (c.lr() == 0.01 ? 400 : 40) + 20L * c.seed() * (c.lr() == 0.01 ? 5 : 1));
            }
            if (gd) {
                // kappa 5: lr 0.01 aligns in 300 for seed 0 but stalls for seed 1; 0.1 and 1 diverge
                return c.lr() == 0.01 && c.seed() == 0 ? result(Status.ALIGNED, 300)
                        : c.lr() == 0.01 ? result(Status.STALLED, -1) : result(Status.DIVERGED, 2);
            }
            // SpecGD: 20 steps at 0.1 and at 1 (a tie), 200 at 0.01, both kappas
            return result(Status.ALIGNED, c.lr() == 0.01 ? 200 : 20);
        });
        SweepSummary.Best gd0 = s.best(Algorithm.GD, 10).get(0);
        assertEquals(0.1, gd0.lr(), 0.0);
        assertEquals(60, gd0.steps(), "the worst seed's steps");
        assertFalse(gd0.atEdge());
        SweepSummary.Best gd5 = s.best(Algorithm.GD, 10).get(1);
        assertFalse(gd5.found(), "seed 1 stalled at the only lr that did not diverge");
        SweepSummary.Best sg0 = s.best(Algorithm.SPECGD, 10).get(0);
        assertEquals(0.1, sg0.lr(), 0.0, "a tie goes to the smaller learning rate");
        assertEquals(20, sg0.steps());
        assertEquals(2.0, sg0.time(), 1e-15);
        assertEquals(0.1, sg0.finalLoss(), 0.0, "the point's final loss travels with its best rate");

        List<SweepSummary.Headline> h = s.headline();
        assertEquals(2, h.size());
        assertEquals(3.0, h.get(0).ratio(), 0.0);
        assertTrue(Double.isNaN(h.get(1).ratio()));

        List<SweepSummary.Point> gd = s.points(Algorithm.GD, 10);
        assertEquals(Status.DIVERGED, gd.get(2).status(), "any diverged seed makes the point diverged");
        assertEquals(Status.STALLED, gd.get(3).status());
        assertEquals(-1, gd.get(3).steps());
        int[] counts = s.counts(Algorithm.GD);
        assertEquals(2, counts[Status.ALIGNED.ordinal()]);
        assertEquals(3, counts[Status.DIVERGED.ordinal()]);
        assertEquals(1, counts[Status.STALLED.ordinal()]);
    }

    /** The best learning rate at an end of the swept range is flagged: a wider range might beat it. */
    @Test
    void aBestAtTheEdgeOfTheRangeIsFlagged() {
        SweepSummary s = summary(c -> result(Status.ALIGNED, Math.round(10 / c.lr())));
        for (SweepSummary.Best b : s.best()) {
            assertEquals(1, b.lr(), 0.0);
            assertTrue(b.atEdge());
        }
    }

    /**
     * The spread under start jitter against an independent computation: each start s (1 + j 1e-14) classified
     * rate by rate with {@link RunClassifier}, the best taken by hand, the range over j. GD at kappa = 1000 near
     * its stability edge is chaotic (the range must not collapse to a point there); SpecGD's best does not move.
     */
    @Test
    void spreadUnderStartJitterMatchesIndependentRuns() throws Exception {
        double[] lrs = {0.00178, 0.001995262314968879, 0.00224};
        SweepSpec spec = new SweepSpec("reduced", List.of(Algorithm.GD, Algorithm.SPECGD), new int[] {100},
                new double[] {1000}, lrs, 1, 20_000, 100, 0.01, 0, "iso", 1e-3, 0);
        SweepSummary summary = SweepSummary.of(spec, SweepExecutor.computeAll(spec, 2));
        SweepSummary.Spread[] spread = summary.spread(2, 1e-14, 2);
        io.specdyn.model.ReducedModel model = io.specdyn.model.ReducedModel.spiked(100, 1000);
        for (int a = 0; a < 2; a++) {
            Algorithm algo = a == 0 ? Algorithm.GD : Algorithm.SPECGD;
            long fewest = Long.MAX_VALUE;
            long most = Long.MIN_VALUE;
            for (int j = -2; j <= 2; j++) {
                long best = Long.MAX_VALUE;
                for (double lr : lrs) {
                    Result r = RunClassifier.classify(model, algo, io.specdyn.model.Coefficients.isotropic(1e-3 * (1 + j * 1e-14)),
                            lr, new RunClassifier.Settings(20_000, 100, 0.01, 0));
                    if (r.status() == Status.ALIGNED) {
                        best = Math.min(best, r.step());
                    }
                }
                fewest = Math.min(fewest, best);
                most = Math.max(most, best);
            }
            assertEquals(algo, spread[a].algorithm());
            assertEquals(fewest, spread[a].fewest(), algo.label());
            assertEquals(most, spread[a].most(), algo.label());
            assertEquals(5, spread[a].starts());
        }
        assertTrue(spread[0].most() > spread[0].fewest(), "GD at kappa = 1000 near its edge: " + spread[0]);
        assertEquals(spread[1].fewest(), spread[1].most(), "SpecGD does not move");
        assertTrue(SweepSummary.describe(spread, 1e-14).contains("moves at kappa 1000 (" + spread[0].fewest() + " to "
                + spread[0].most() + ")"));
    }
}
