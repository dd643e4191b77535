package io.specdyn.full;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.analysis.ReducedFullComparison;
import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.reduced.ReducedEngine;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.reduced.Schedule;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import org.junit.jupiter.api.Test;

class FullEngineTest {

    static FullRunSpec spec(int d, Algorithm algo, double lr, long steps) {
        FullProblem problem = new FullProblem(d, CovarianceSpectrum.spiked(d, 5), FullProblem.Basis.RANDOM, 0);
        return new FullRunSpec(problem, FullInit.OnManifold.isotropic(1e-3), new LossSpec.Population(), algo, lr, steps,
                1, Stages.DEFAULT_ALIGN_EPS);
    }

    static Trajectory reduced(int d, Algorithm algo, double lr, long steps) {
        return ReducedEngine.run(new ReducedRunSpec(ReducedModel.spiked(d, 5), Coefficients.isotropic(1e-3), algo,
                new Schedule.Discrete(lr, steps), Stages.DEFAULT_ALIGN_EPS));
    }

    /**
     * Random basis, iso start, d = 64: full GD follows reduced GD within 1e-9 relative for 500
     * steps (it stays on the manifold; the deviation is round-off, 6e-15 when written).
     */
    @Test
    void fullGdFollowsReducedGd() {
        Trajectory full = FullEngine.run(spec(64, Algorithm.GD, 0.01, 500));
        Trajectory red = reduced(64, Algorithm.GD, 0.01, 500);
        ReducedFullComparison.Summary s = ReducedFullComparison.compare(red, full).summary();
        assertTrue(s.stageIRelative() < 1e-9 && s.stageIIRelative() < 1e-9, s.toString());
        assertEquals(-1, s.firstOffManifoldStep());
        assertTrue(full.get(Column.ALIGNMENT, 500) > 0.99);
    }

    /**
     * Full SpecGD follows reduced SpecGD within 1e-9 relative as long as it stays on the manifold,
     * and leaves it only in the chattering phase: after the reduced map's signal has reached 1 and
     * started to turn back (section 5 of theory-notes/model.md).
     */
    @Test
    void fullSpecgdFollowsReducedSpecgdUntilTheChattering() {
        double lr = 0.002;
        Trajectory full = FullEngine.run(spec(64, Algorithm.SPECGD, lr, 1000));
        Trajectory red = reduced(64, Algorithm.SPECGD, lr, 1000);
        ReducedFullComparison.Summary s = ReducedFullComparison.compare(red, full).summary();
        assertTrue(s.onManifoldRelative() < 1e-9, s.toString());
        long chatter = -1;
        for (int k = 1; k < red.size(); k++) {
            if (red.get(Column.A, k) < red.get(Column.A, k - 1)) {
                chatter = k;
                break;
            }
        }
        assertTrue(chatter > 0);
        assertTrue(s.firstOffManifoldStep() >= chatter - 1, "left the manifold at " + s.firstOffManifoldStep()
                + ", chattering from " + chatter);
        assertTrue(full.get(Column.OFF_MANIFOLD, full.size() - 1) > 1e-6);
    }

    /** Online sampling draws a fresh batch each step, and still learns the signal. */
    @Test
    void onlineSamplingLearns() {
        FullRunSpec online = spec(20, Algorithm.SPECGD, 0.005, 400).withLoss(new LossSpec.Samples(2000, true));
        Trajectory t = FullEngine.run(online);
        assertEquals(Outcome.Status.COMPLETED, t.outcome().status());
        assertTrue(t.get(Column.ALIGNMENT, t.size() - 1) > 0.95);
        Trajectory fixed = FullEngine.run(online.withLoss(new LossSpec.Samples(2000, false)));
        assertTrue(t.get(Column.A, 200) != fixed.get(Column.A, 200));
    }

    /** Same inputs and seed, same bits; muon is a different dynamics from specgd. */
    @Test
    void isDeterministic() {
        for (Algorithm algo : new Algorithm[] {Algorithm.GD, Algorithm.SPECGD, Algorithm.MUON}) {
            FullRunSpec s = spec(24, algo, 0.005, 60).withInit(new FullInit.Gaussian(0.1));
            Trajectory one = FullEngine.run(s);
            Trajectory two = FullEngine.run(s);
            for (Column c : FullEngine.COLUMNS) {
                assertArrayEquals(one.column(c), two.column(c), 0.0, algo + " " + c);
            }
        }
        Trajectory spec = FullEngine.run(spec(24, Algorithm.SPECGD, 0.005, 60));
        Trajectory muon = FullEngine.run(spec(24, Algorithm.MUON, 0.005, 60));
        assertTrue(Math.abs(spec.get(Column.A, 60) - muon.get(Column.A, 60)) > 1e-3);
    }

    /** A learning rate far beyond GD's limit diverges: reported with its step, not thrown. */
    @Test
    void divergenceIsReported() {
        FullRunSpec s = spec(16, Algorithm.GD, 2.0, 500).withInit(new FullInit.OnManifold(Coefficients.isotropic(0.5)));
        Trajectory t = FullEngine.run(s);
        assertEquals(Outcome.Status.DIVERGED, t.outcome().status());
        assertTrue(t.outcome().step() < 500);
        assertTrue(t.event(Stages.DIVERGED).isPresent() || t.outcome().detail().contains("not finite"));
    }

    /** The power-law spectrum: i^(-alpha), 1 on the signal, spike first. */
    @Test
    void powerLawSpectrum() {
        CovarianceSpectrum s = CovarianceSpectrum.powerLaw(50, 1.5, 10);
        assertEquals(9, s.signal());
        assertEquals(0, s.spike());
        assertEquals(1.0, s.eigenvalue(9), 1e-15);
        assertEquals(Math.pow(10, 1.5), s.eigenvalue(0), 1e-12);
        assertEquals(Math.pow(50.0 / 10, -1.5), s.eigenvalue(49), 1e-15);
        assertFalse(s.groups().isThreeGroup());
        assertThreeGroups(CovarianceSpectrum.spiked(10, 5), 1, 6, 1);
    }

    /**
     * The spike of the spiked and three-level spectra is the problem's direction u, whatever its
     * eigenvalue; moving the signal moves its eigenvalue with it, and u takes the first other slot.
     */
    @Test
    void theSpikeIsTheProblemsDirectionWhateverItsEigenvalue() {
        CovarianceSpectrum below = CovarianceSpectrum.spiked(10, -0.5);
        assertEquals(0, below.signal());
        assertEquals(1, below.spike());
        assertEquals(0.5, below.eigenvalue(1), 0.0);
        assertThreeGroups(below, 1, 0.5, 1);
        CovarianceSpectrum levels = CovarianceSpectrum.threeLevel(10, 2, 0.5, 3, 4);
        assertEquals(3, levels.signal());
        assertEquals(0, levels.spike());
        assertEquals(2, levels.eigenvalue(3), 0.0);
        assertEquals(0.5, levels.eigenvalue(0), 0.0);
        assertThreeGroups(levels, 2, 0.5, 3);
        assertEquals(1, CovarianceSpectrum.of(new double[] {1, 3, 2, 2}, 3, "list").spike());
    }

    /** The spectrum's groups are the (a, b, c) model's: signal, spike and d - 2 bulk directions of these eigenvalues. */
    private static void assertThreeGroups(CovarianceSpectrum s, double lt, double lu, double lp) {
        assertTrue(s.groups().isThreeGroup());
        assertArrayEquals(new double[] {lt, lu, lp}, s.groups().eigenvalues());
        assertArrayEquals(new double[] {1, 1, s.dimension() - 2},
                s.groups().multiplicities());
    }
}
