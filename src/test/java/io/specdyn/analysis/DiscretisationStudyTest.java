package io.specdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.reduced.IntegratorSettings;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.reduced.Schedule;
import io.specdyn.trajectory.Stages;
import org.junit.jupiter.api.Test;

class DiscretisationStudyTest {
    private static final double S = 1e-3;
    private static final int D = 100;
    private static final double KAPPA = 5;

    private static ReducedRunSpec flow(Algorithm algorithm, double tEnd) {
        return new ReducedRunSpec(ReducedModel.spiked(D, KAPPA), Coefficients.isotropic(S), algorithm,
                new Schedule.Continuous(tEnd, 2, IntegratorSettings.defaults()), Stages.DEFAULT_ALIGN_EPS);
    }

    /**
     * GD is Euler's method for GF: its global error over a fixed horizon is first order in lr.
     * Measured (d = 100, kappa = 5, s = 1e-3, t in [0, 3]): late-phase errors 2.84e-2, 1.42e-2,
     * 7.12e-3, 3.56e-3 at lr = 1e-2, 5e-3, 2.5e-3, 1.25e-3, orders 0.997, 0.999, 0.999. The band
     * [0.9, 1.1] allows for the O(lr^2) term at the largest rate.
     */
    @Test
    void gdApproachesGfAtFirstOrder() {
        double[] lrs = {1e-2, 5e-3, 2.5e-3, 1.25e-3};
        DiscretisationStudy.Result r = DiscretisationStudy.run(flow(Algorithm.GF, 3), lrs);
        for (int p = 0; p < r.phases().size(); p++) {
            for (int i = 0; i + 1 < lrs.length; i++) {
                double order = r.order(p, i);
                assertTrue(order > 0.9 && order < 1.1, r.phases().get(p).name() + " order " + order);
            }
        }
    }

    /**
     * Over K groups the error is taken over every group's coefficient, and GD is first order
     * against GF as in the spiked case. Measured (power law, alpha = 1, d = 30: 30 groups, s = 1e-3,
     * t in [0, 3]): late-phase errors 2.54e-2, 1.27e-2, 6.35e-3, 3.18e-3 at lr = 1e-2 ... 1.25e-3,
     * orders 0.933 to 0.999 over the phases; the band [0.9, 1.1] as above. Comparing the wrong
     * coefficients gives errors that do not shrink with lr.
     */
    @Test
    void gdApproachesGfOverGroups() {
        ReducedModel model = new ReducedModel(GroupSpectrum.powerLaw(30, 1, 10));
        ReducedRunSpec flow = new ReducedRunSpec(model, State.isotropic(model.size(), S), Algorithm.GF,
                new Schedule.Continuous(3, 2, IntegratorSettings.defaults()), Stages.DEFAULT_ALIGN_EPS);
        double[] lrs = {1e-2, 5e-3, 2.5e-3, 1.25e-3};
        DiscretisationStudy.Result r = DiscretisationStudy.run(flow, lrs);
        for (int p = 0; p < r.phases().size(); p++) {
            for (int i = 0; i + 1 < lrs.length; i++) {
                double order = r.order(p, i);
                assertTrue(order > 0.9 && order < 1.1, r.phases().get(p).name() + " order " + order);
            }
        }
    }

    /**
     * SpecGD against SpecGF at lr = 1e-3, 1e-4, 1e-5 (d = 100, kappa = 5, s = 1e-3), phase by phase,
     * against closed forms from theory-notes/reduced-dynamics.md:
     * <ul>
     *   <li>escape: the only error is the overshoot of the spike at its switch t_b: the map turns b
     *       back at the first step past t_b, so the error is exactly 2 (ceil(t_b / lr) lr - t_b)
     *       (first order, bounded by 2 lr);</li>
     *   <li>sliding: first order once lr is small against the coefficients (b is 4e-3 at the end of
     *       the branch): order 1 within 0.1 between 1e-4 and 1e-5;</li>
     *   <li>terminal: the chattering of a between 1 - lr and 1 holds the bulk at
     *       c* = sqrt(2 lt lr / (d lp)) (here a hits 1 exactly since 1 - s is a whole number of
     *       steps), within one step lr; order 1/2 within 0.1.</li>
     * </ul>
     */
    @Test
    void specgdApproachesSpecgfPhaseByPhase() {
        double[] lrs = {1e-3, 1e-4, 1e-5};
        DiscretisationStudy.Result r = DiscretisationStudy.run(flow(Algorithm.SPECGF, 2), lrs);
        int escape = r.phaseIndex("escape");
        int sliding = r.phaseIndex("sliding");
        int terminal = r.phaseIndex("terminal");
        double tb = 1 / Math.sqrt(D + 3 * KAPPA + 2) - S;
        for (int i = 0; i < lrs.length; i++) {
            double lr = lrs[i];
            double overshoot = 2 * (Math.ceil(tb / lr) * lr - tb);
            assertEquals(overshoot, r.errors()[i][escape], 1e-12, "escape at lr " + lr);
            assertTrue(r.errors()[i][escape] <= 2 * lr);
            double floor = Math.sqrt(2 * lr / D);
            double terminalError = r.errors()[i][terminal];
            assertTrue(Math.abs(terminalError - floor) <= lr, "terminal at lr " + lr + ": " + terminalError + " vs " + floor);
        }
        assertEquals(1.0, r.order(sliding, 1), 0.1);
        assertEquals(0.5, r.order(terminal, 0), 0.1);
        assertEquals(0.5, r.order(terminal, 1), 0.1);
    }

    /**
     * The study compares the flow and the map row by row as they are computed, without keeping
     * either. Its errors equal those computed from both runs held whole in memory, with the event
     * rows of the flow skipped (the way the study worked before it streamed), for GF and SpecGF.
     */
    @Test
    void streamedErrorsEqualThoseOfRunsHeldInMemory() {
        for (Algorithm flowAlgorithm : new Algorithm[] {Algorithm.GF, Algorithm.SPECGF}) {
            ReducedRunSpec flowSpec = flow(flowAlgorithm, 2);
            double[] lrs = {1e-2, 2e-3};
            DiscretisationStudy.Result r = DiscretisationStudy.run(flowSpec, lrs);
            Algorithm map = flowAlgorithm == Algorithm.GF ? Algorithm.GD : Algorithm.SPECGD;
            for (int i = 0; i < lrs.length; i++) {
                long steps = Math.round(2 / lrs[i]);
                io.specdyn.trajectory.Trajectory reference = io.specdyn.reduced.ReducedEngine.run(flowSpec.withSchedule(
                        new Schedule.Continuous(2, (int) steps + 1, IntegratorSettings.defaults())));
                io.specdyn.trajectory.Trajectory discrete = io.specdyn.reduced.ReducedEngine.run(
                        flowSpec.withAlgorithm(map, new Schedule.Discrete(lrs[i], steps)));
                java.util.Set<Long> eventRows = new java.util.HashSet<>();
                reference.events().forEach(e -> eventRows.add(e.step()));
                double[] expected = new double[r.phases().size()];
                java.util.Arrays.fill(expected, Double.NaN);
                int k = 0;
                for (int row = 0; row < reference.size() && k < discrete.size(); row++) {
                    if (eventRows.contains((long) row)) {
                        continue;
                    }
                    double t = discrete.get(io.specdyn.trajectory.Column.T, k);
                    double error = 0;
                    for (var c : java.util.List.of(io.specdyn.trajectory.Column.A, io.specdyn.trajectory.Column.B,
                            io.specdyn.trajectory.Column.C)) {
                        error = Math.max(error, Math.abs(discrete.get(c, k) - reference.get(c, row)));
                    }
                    for (int p = 0; p < expected.length; p++) {
                        var phase = r.phases().get(p);
                        if (t >= phase.from() && t < phase.to()) {
                            expected[p] = Double.isNaN(expected[p]) ? error : Math.max(expected[p], error);
                        }
                    }
                    k++;
                }
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, r.errors()[i], flowAlgorithm + " lr " + lrs[i]);
            }
        }
    }
}
