package io.specdyn.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.Spectrum;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import org.junit.jupiter.api.Test;

class DiscreteMapsTest {

    static Trajectory run(ReducedModel model, Coefficients init, Algorithm algo, double lr, long steps) {
        return ReducedEngine.run(new ReducedRunSpec(model, init, algo, new Schedule.Discrete(lr, steps),
                Stages.DEFAULT_ALIGN_EPS));
    }

    /**
     * Three GD steps written out by hand from theory-notes/model.md section 3 (d = 5, lt = 2, lu = 3, lp = 0.5,
     * start (0.4, 0.3, 0.2), lr = 0.05). The arithmetic is the same up to association, so the
     * results agree to a few ulps.
     */
    @Test
    void threeGdStepsEqualAHandComputation() {
        double lt = 2;
        double lu = 3;
        double lp = 0.5;
        int d = 5;
        double lr = 0.05;
        double a = 0.4;
        double b = 0.3;
        double c = 0.2;
        Trajectory tr = run(new ReducedModel(d, new Spectrum(lt, lu, lp)), new Coefficients(a, b, c), Algorithm.GD, lr, 3);
        for (int k = 1; k <= 3; k++) {
            double t = lt * (a * a - 1) + lu * b * b + (d - 2) * lp * c * c;
            double alpha = a * (lt * t + 2 * lt * lt * (a * a - 1));
            double beta = b * (lu * t + 2 * lu * lu * b * b);
            double gamma = c * (lp * t + 2 * lp * lp * c * c);
            a -= lr * alpha;
            b -= lr * beta;
            c -= lr * gamma;
            assertEquals(a, tr.get(Column.A, k), 1e-15);
            assertEquals(b, tr.get(Column.B, k), 1e-15);
            assertEquals(c, tr.get(Column.C, k), 1e-15);
            assertEquals(k * lr, tr.get(Column.T, k), 0.0);
        }
        // the first step by hand, with the numbers: T = 2(0.16-1) + 3(0.09) + 1.5(0.04) = -1.35,
        // alpha = 0.4 (2(-1.35) + 8(-0.84)) = -3.768, so a1 = 0.4 + 0.05 * 3.768 = 0.5884
        assertEquals(0.5884, tr.get(Column.A, 1), 1e-15);
    }

    /** SpecGD before any switch: every coefficient grows by exactly lr per step, a = s + k lr. */
    @Test
    void specgdGrowsEveryCoefficientByLrPerStep() {
        double lr = 1e-3;
        double s = 1e-3;
        Trajectory tr = run(ReducedModel.spiked(100, 20), Coefficients.isotropic(s), Algorithm.SPECGD, lr, 60);
        for (int k = 0; k <= 60; k++) {
            double expected = s + k * lr;
            assertEquals(expected, tr.get(Column.A, k), 1e-14);
            if (k < 50) {
                assertEquals(expected, tr.get(Column.B, k), 1e-14);
                assertEquals(expected, tr.get(Column.C, k), 1e-14);
            }
        }
    }

    /**
     * The phenomenon of theory-notes/model.md section 5 at d = 100, kappa = 5, s = 1e-3: under GD (lr 0.02) the
     * spike grows at rate 1 + kappa = 6 against the signal's 3, outgrows it and drags the alignment
     * below 0.05; under SpecGD (lr 0.002) all coefficients grow alike and the alignment never drops
     * below its starting 1/sqrt(d) = 0.1 after step 50. Both align (0.99) within 2000 steps.
     */
    @Test
    void gdIsMisalignedBySpikeAndSpecgdIsNot() {
        ReducedModel m = ReducedModel.spiked(100, 5);
        Trajectory gd = run(m, Coefficients.isotropic(1e-3), Algorithm.GD, 0.02, 2000);
        Trajectory spec = run(m, Coefficients.isotropic(1e-3), Algorithm.SPECGD, 0.002, 2000);
        assertTrue(gd.get(Column.B, 50) > 5 * gd.get(Column.A, 50), "spike outgrows signal under GD");
        assertTrue(gd.get(Column.ALIGNMENT, 50) < 0.05, "GD alignment at step 50: " + gd.get(Column.ALIGNMENT, 50));
        for (int k = 51; k <= 2000; k++) {
            assertTrue(spec.get(Column.ALIGNMENT, k) > 0.1, "SpecGD alignment at step " + k);
        }
        StageEvent gdAligned = gd.event(Stages.ALIGNED).orElseThrow();
        StageEvent specAligned = spec.event(Stages.ALIGNED).orElseThrow();
        assertTrue(gdAligned.step() <= 2000 && specAligned.step() <= 2000);
        assertTrue(gd.get(Column.ALIGNMENT, (int) gdAligned.step()) >= 0.99);
        assertTrue(gd.get(Column.ALIGNMENT, (int) gdAligned.step() - 1) < 0.99);
    }

    /** A learning rate far above GD's stability limit diverges: reported with its step, not thrown. */
    @Test
    void divergenceIsAResult() {
        Trajectory tr = run(ReducedModel.spiked(100, 5), Coefficients.isotropic(0.5), Algorithm.GD, 1.0, 1000);
        assertEquals(Outcome.Status.DIVERGED, tr.outcome().status());
        StageEvent diverged = tr.event(Stages.DIVERGED).orElseThrow();
        assertEquals(tr.outcome().step(), diverged.step());
        assertEquals(diverged.step() + 1, tr.size());
        assertTrue(Stages.diverged(diverged.a(), diverged.b(), diverged.c()));
        for (int k = 0; k < tr.size() - 1; k++) {
            assertTrue(!Stages.diverged(tr.get(Column.A, k), tr.get(Column.B, k), tr.get(Column.C, k)));
        }
    }

    /** Each stage event sits at the step its definition names, read back from the trajectory's columns. */
    @Test
    void stageEventsSitWhereTheirDefinitionsSay() {
        ReducedModel m = ReducedModel.spiked(100, 5);
        Trajectory tr = run(m, Coefficients.isotropic(1e-3), Algorithm.GD, 0.01, 3000);
        double[] b = tr.column(Column.B);
        int argmax = 0;
        for (int k = 1; k < b.length; k++) {
            if (Math.abs(b[k]) > Math.abs(b[argmax])) {
                argmax = k;
            }
        }
        assertEquals(argmax, tr.event(Stages.SPIKE_PEAK).orElseThrow().step());
        int escaped = (int) tr.event(Stages.ESCAPED).orElseThrow().step();
        assertTrue(meanOutput(m, tr, escaped) >= 0.1 && meanOutput(m, tr, escaped - 1) < 0.1);
        int aligned = (int) tr.event(Stages.ALIGNED).orElseThrow().step();
        assertTrue(tr.get(Column.ALIGNMENT, aligned) >= 0.99 && tr.get(Column.ALIGNMENT, aligned - 1) < 0.99);
    }

    private static double meanOutput(ReducedModel m, Trajectory tr, int k) {
        return m.meanError(tr.get(Column.A, k), tr.get(Column.B, k), tr.get(Column.C, k)) + m.spectrum().lt();
    }
}
