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
import java.util.Random;
import org.junit.jupiter.api.Test;

class GradientFlowTest {

    static Trajectory flow(ReducedModel model, Coefficients init, Algorithm algo, double tEnd, int samples,
                           IntegratorSettings settings) {
        return ReducedEngine.run(new ReducedRunSpec(model, init, algo, new Schedule.Continuous(tEnd, samples, settings),
                Stages.DEFAULT_ALIGN_EPS));
    }

    /**
     * On the signal axis (b = c = 0) GF reduces to a' = -3 lt^2 a (a^2 - 1), so a^2 is logistic:
     * a(t)^2 = 1 / (1 + (1/a0^2 - 1) exp(-6 lt^2 t)). With rtol 1e-12 the global error of DP853
     * over this interval stays below 1e-10.
     */
    @Test
    void signalAxisIsLogistic() {
        double lt = 1.7;
        double a0 = 0.05;
        ReducedModel m = new ReducedModel(20, new Spectrum(lt, 3, 0.5));
        for (IntegratorSettings.Kind kind : IntegratorSettings.Kind.values()) {
            Trajectory tr = flow(m, new Coefficients(a0, 0, 0), Algorithm.GF, 3, 61, IntegratorSettings.defaults().withKind(kind));
            for (int i = 0; i < tr.size(); i++) {
                double t = tr.get(Column.T, i);
                double expected = Math.sqrt(1 / (1 + (1 / (a0 * a0) - 1) * Math.exp(-6 * lt * lt * t)));
                assertEquals(expected, tr.get(Column.A, i), 1e-10, kind + " at t = " + t);
                assertEquals(0.0, tr.get(Column.B, i));
            }
        }
    }

    /**
     * On the bulk axis (a = b = 0, so T = -lt + (d - 2) lp c^2) GF gives
     * (c^2)' = 2 c^2 (lp lt - d lp^2 c^2): logistic with rate 2 lp lt and capacity K = lt / (d lp).
     * This checks the multiplicity d - 2 of the bulk and the extra 2 lp^2 c^2 of its bracket.
     */
    @Test
    void bulkAxisIsLogistic() {
        double lt = 0.8;
        double lp = 1.4;
        int d = 37;
        double c0 = 1e-3;
        Trajectory tr = flow(new ReducedModel(d, new Spectrum(lt, 2, lp)), new Coefficients(0, 0, c0), Algorithm.GF, 10, 101,
                IntegratorSettings.defaults());
        double k = lt / (d * lp);
        for (int i = 0; i < tr.size(); i++) {
            double t = tr.get(Column.T, i);
            double expected = Math.sqrt(k / (1 + (k / (c0 * c0) - 1) * Math.exp(-2 * lp * lt * t)));
            assertEquals(expected, tr.get(Column.C, i), 1e-11 + 1e-10 * expected, "t = " + t);
        }
    }

    /** The loss never increases along gradient flow, on random problems and starts. */
    @Test
    void lossNeverIncreases() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            ReducedModel m = new ReducedModel(3 + rnd.nextInt(300),
                    new Spectrum(0.2 + 3 * rnd.nextDouble(), 0.2 + 30 * rnd.nextDouble(), 0.2 + 3 * rnd.nextDouble()));
            Coefficients init = new Coefficients(rnd.nextDouble(), rnd.nextDouble(), 0.2 * rnd.nextDouble());
            Trajectory tr = flow(m, init, Algorithm.GF, 5, 2001, IntegratorSettings.defaults());
            assertEquals(Outcome.Status.COMPLETED, tr.outcome().status());
            double[] loss = tr.column(Column.LOSS);
            for (int i = 1; i < loss.length; i++) {
                assertTrue(loss[i] <= loss[i - 1] * (1 + 1e-12), "trial " + trial + " row " + i);
            }
        }
    }

    /** GF stage events: the mean output reaches a tenth of lt at escaped, alignment 0.99 at aligned, b' = 0 at the spike peak. */
    @Test
    void stageEventsAreLocatedOnTheirDefinitions() {
        ReducedModel m = ReducedModel.spiked(100, 5);
        Trajectory tr = flow(m, Coefficients.isotropic(1e-3), Algorithm.GF, 5, 101, IntegratorSettings.defaults());
        StageEvent escaped = tr.event(Stages.ESCAPED).orElseThrow();
        assertEquals(0.1, m.meanError(escaped.a(), escaped.b(), escaped.c()) + 1, 1e-10);
        StageEvent aligned = tr.event(Stages.ALIGNED).orElseThrow();
        assertEquals(0.99, m.alignment(aligned.a(), aligned.b(), aligned.c()), 1e-10);
        StageEvent peak = tr.event(Stages.SPIKE_PEAK).orElseThrow();
        assertEquals(0.0, m.gradient(peak.a(), peak.b(), peak.c()).b(), 1e-10);
        for (int i = 0; i < tr.size(); i++) {
            assertTrue(Math.abs(tr.get(Column.B, i)) <= Math.abs(peak.b()) + 1e-15);
        }
    }

    /** The three integrators agree on a full GF run (d = 100, kappa = 5) to well within their tolerances. */
    @Test
    void integratorsAgree() {
        ReducedModel m = ReducedModel.spiked(100, 5);
        Trajectory reference = flow(m, Coefficients.isotropic(1e-3), Algorithm.GF, 4, 41, IntegratorSettings.defaults());
        for (IntegratorSettings.Kind kind : new IntegratorSettings.Kind[] {IntegratorSettings.Kind.DP54, IntegratorSettings.Kind.GBS}) {
            Trajectory other = flow(m, Coefficients.isotropic(1e-3), Algorithm.GF, 4, 41,
                    IntegratorSettings.defaults().withKind(kind));
            double ta = reference.event(Stages.ALIGNED).orElseThrow().t();
            assertEquals(ta, other.event(Stages.ALIGNED).orElseThrow().t(), 1e-8, kind.label());
            assertEquals(reference.get(Column.A, reference.size() - 1), other.get(Column.A, other.size() - 1), 1e-8);
        }
    }
}
