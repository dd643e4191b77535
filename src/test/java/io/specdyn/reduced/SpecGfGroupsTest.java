package io.specdyn.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.model.Algorithm;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.TrajectorySink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * SpecGF over K eigenvalue groups, several of them sliding at once: the Filippov mode against a
 * generic construction from the brackets' Jacobian, a sliding branch against its closed form,
 * and the discrete SpecGD map against the flow as lr goes to 0.
 */
class SpecGfGroupsTest {
    private static final double S = 1e-3;

    /**
     * Six groups: the signal (eigenvalue 1) and five others of eigenvalues 3, 2, 1.2, 0.6, 0.3 and
     * multiplicities 1, 2, 5, 10, 30 (d = 49). From the isotropic start the five non-signal
     * groups all come to slide together (from t = 0.258) while the signal grows.
     */
    private static final ReducedModel SIX = new ReducedModel(GroupSpectrum.of(
            new double[] {1, 3, 2, 1.2, 0.6, 0.3}, new long[] {1, 1, 2, 5, 10, 30}, 1, "six groups"));

    /** Every row's time and coefficients, and which rows are events. */
    static final class CoefficientRows implements TrajectorySink {
        final List<Double> t = new ArrayList<>();
        final List<double[]> w = new ArrayList<>();
        final Set<Integer> eventRows = new HashSet<>();
        final List<StageEvent> events = new ArrayList<>();
        Outcome outcome;

        @Override
        public TrajectorySink add(double... values) {
            t.add(values[1]);
            return this;
        }

        @Override
        public boolean wantsCoefficients() {
            return true;
        }

        @Override
        public TrajectorySink coefficients(double[] x) {
            w.add(x.clone());
            return this;
        }

        @Override
        public TrajectorySink event(StageEvent e) {
            eventRows.add(t.size());
            events.add(e);
            return this;
        }

        @Override
        public TrajectorySink outcome(Outcome value) {
            outcome = value;
            return this;
        }

        @Override
        public TrajectorySink diagnostic(String key, Object value) {
            return this;
        }

        double eventTime(String name) {
            return events.stream().filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no event " + name + " in " + events)).t();
        }
    }

    static CoefficientRows run(ReducedRunSpec spec) {
        CoefficientRows rows = new CoefficientRows();
        ReducedEngine.run(spec, rows);
        return rows;
    }

    static ReducedRunSpec specgf(ReducedModel model, double tEnd, int samples) {
        return new ReducedRunSpec(model, State.isotropic(model.size(), S), Algorithm.SPECGF,
                new Schedule.Continuous(tEnd, samples, IntegratorSettings.defaults()), Stages.DEFAULT_ALIGN_EPS);
    }

    /**
     * Points where two to five groups sit on their surfaces at once, with random free groups
     * around them: the mode the flow resolves (which slide, which leave and how) and its
     * velocities agree with Filippov's definition applied by brute force, without the scalar tau:
     * for each of the 3^m slide/grow/shrink assignments the sliding velocities solve
     * {@code J_SS v_S = -J_SR v_R} (J the brackets' Jacobian by central differences, exact for
     * these quadratics up to rounding, about 1e-10), and an assignment is consistent when every
     * sliding speed is at most 1 and every leaving group moves the way SpecGF then prescribes,
     * {@code v_i = -sign(w_i) sign(dh_i/dt)}. Exactly one is consistent at generic points.
     */
    @Test
    void multiGroupModeMatchesTheGenericFilippovConstruction() {
        Random rnd = new Random(41);
        FilippovSpecFlow flow = new FilippovSpecFlow(SIX, 1e-13);
        int k = SIX.size();
        int checked = 0;
        int severalSliding = 0;
        for (int trial = 0; trial < 3000 && checked < 400; trial++) {
            double[] x = new double[k];
            double[] sigma = new double[k];
            boolean[] onSurface = new boolean[k];
            int m = 0;
            for (int j = 0; j < k; j++) {
                sigma[j] = rnd.nextBoolean() ? 1 : -1;
                onSurface[j] = j > 0 && rnd.nextDouble() < 0.6;
                m += onSurface[j] ? 1 : 0;
                x[j] = j == 0 ? 0.05 + 0.6 * rnd.nextDouble() : 0.3 * (2 * rnd.nextDouble() - 1);
            }
            if (m < 2 || !placeOnSurfaces(SIX, x, onSurface)) {
                continue;
            }
            FilippovSpecFlow.Regime[] free = new FilippovSpecFlow.Regime[k];
            java.util.Arrays.fill(free, FilippovSpecFlow.Regime.FREE);
            FilippovSpecFlow.Mode mode = flow.resolve(x, new FilippovSpecFlow.Mode(free, sigma), onSurface, -1);
            double[] generic = genericFilippov(SIX, x, sigma, onSurface);
            if (generic == null) {
                continue;
            }
            double[] v = flow.velocity(mode, x);
            int sliding = 0;
            for (int j = 0; j < k; j++) {
                boolean slides = mode.regime(j) == FilippovSpecFlow.Regime.SLIDING;
                boolean genericSlides = onSurface[j] && Math.abs(generic[j]) < 1;
                assertEquals(genericSlides, slides, "trial " + trial + " group " + j);
                assertEquals(generic[j], v[j], 1e-7, "trial " + trial + " group " + j);
                sliding += slides ? 1 : 0;
            }
            checked++;
            severalSliding += sliding >= 2 ? 1 : 0;
        }
        assertTrue(checked >= 400 && severalSliding > 100, checked + " checked, " + severalSliding + " with several sliding");
    }

    /**
     * Moves the groups marked {@code onSurface} onto their bracket surfaces, the others fixed:
     * {@code h_i = 0} gives {@code w_i^2 = -T / (2 lambda_i)} and then T is
     * {@code P / (1 + M / 2)}, P the part of T from the others; false where that needs T >= 0.
     */
    private static boolean placeOnSurfaces(ReducedModel m, double[] x, boolean[] onSurface) {
        double p = 0;
        double count = 0;
        for (int j = 0; j < x.length; j++) {
            if (onSurface[j]) {
                count += m.multiplicity(j);
            } else {
                p += m.weight(j) * (x[j] * x[j] - m.target(j));
            }
        }
        double t = p / (1 + count / 2);
        if (t >= -1e-3) {
            return false;
        }
        for (int j = 0; j < x.length; j++) {
            if (onSurface[j]) {
                x[j] = (x[j] < 0 ? -1 : 1) * Math.sqrt(-t / (2 * m.eigenvalue(j)));
            }
        }
        for (int j = 0; j < x.length; j++) {
            if (onSurface[j] && Math.abs(m.bracket(j, x)) > 1e-14) {
                return false;
            }
        }
        return true;
    }

    /**
     * The velocity of the unique consistent assignment, by enumeration; null when the point is
     * within 1e-6 of a tie (a sliding speed near 1 or a bracket rate near 0), where the finite
     * differences could not tell.
     */
    private static double[] genericFilippov(ReducedModel m, double[] x, double[] sigma, boolean[] onSurface) {
        int k = x.length;
        double[][] jacobian = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                jacobian[i][j] = SpecGfTest.centralDifference(m, i, j, x);
            }
        }
        List<Integer> z = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (onSurface[j]) {
                z.add(j);
            }
        }
        double[] found = null;
        int consistent = 0;
        for (int code = 0; code < Math.pow(3, z.size()); code++) {
            double[] v = sigma.clone();
            List<Integer> sliding = new ArrayList<>();
            int c = code;
            for (int i : z) {
                switch (c % 3) {
                    case 0 -> sliding.add(i);
                    case 1 -> v[i] = Math.signum(x[i]);
                    default -> v[i] = -Math.signum(x[i]);
                }
                c /= 3;
            }
            if (!sliding.isEmpty()) {
                RealMatrix jss = MatrixUtils.createRealMatrix(sliding.size(), sliding.size());
                RealVector rhs = MatrixUtils.createRealVector(new double[sliding.size()]);
                for (int p = 0; p < sliding.size(); p++) {
                    int i = sliding.get(p);
                    double r = 0;
                    for (int j = 0; j < k; j++) {
                        if (!sliding.contains(j)) {
                            r -= jacobian[i][j] * v[j];
                        }
                    }
                    rhs.setEntry(p, r);
                    for (int q = 0; q < sliding.size(); q++) {
                        jss.setEntry(p, q, jacobian[i][sliding.get(q)]);
                    }
                }
                RealVector solution = new LUDecomposition(jss).getSolver().solve(rhs);
                for (int p = 0; p < sliding.size(); p++) {
                    v[sliding.get(p)] = solution.getEntry(p);
                }
            }
            boolean ok = true;
            for (int i : z) {
                if (sliding.contains(i)) {
                    if (Math.abs(Math.abs(v[i]) - 1) < 1e-6) {
                        return null;
                    }
                    ok &= Math.abs(v[i]) < 1;
                } else {
                    double rate = 0;
                    for (int j = 0; j < k; j++) {
                        rate += jacobian[i][j] * v[j];
                    }
                    if (Math.abs(rate) < 1e-6) {
                        return null;
                    }
                    ok &= v[i] == -Math.signum(x[i]) * Math.signum(rate);
                }
            }
            if (ok) {
                consistent++;
                found = v;
            }
        }
        assertEquals(1, consistent, "consistent assignments");
        return found;
    }

    /**
     * The branch where all five non-signal groups slide and the signal grows at speed 1. With
     * {@code M = 48} sliding directions, {@code h_k = 0} gives {@code w_k^2 = -T / (2 lambda_k)},
     * so {@code T = lambda_s (a^2 - 1) - (M / 2) T}, that is
     * {@code w_k^2 = lambda_s (1 - a^2) / ((2 + M) lambda_k)} with {@code a = s + t}. The slide of
     * group k lasts while {@code lambda_k w_k >= tau = lambda_s a / (2 + M)}: the smallest
     * eigenvalue (group 6) leaves first, at {@code a^2 = lambda_6 (2 + M) / (lambda_6 (2 + M) + lambda_s)}.
     * Times are located to 1e-13 and the segments are integrated exactly up to rounding, so 1e-10
     * bounds the time and 1e-9 the branch (as for the three-group branch in SpecGfTest).
     */
    @Test
    void fiveGroupsSlideTogetherOnTheClosedFormBranch() {
        CoefficientRows rows = run(specgf(SIX, 1.2, 1201));
        double from = rows.eventTime(Stages.slideStart("2"));
        double lambdaS = SIX.eigenvalue(0);
        double m = 48;
        double l6 = SIX.eigenvalue(5);
        double to = Math.sqrt(l6 * (2 + m) / (l6 * (2 + m) + lambdaS)) - S;
        assertEquals(to, rows.eventTime(Stages.slideEnd("6")), 1e-10);
        for (StageEvent e : rows.events) {
            assertTrue(e.t() <= from || e.t() >= to - 1e-10 || e.name().equals(Stages.ALIGNED), e.toString());
        }
        int checked = 0;
        for (int r = 0; r < rows.t.size(); r++) {
            double t = rows.t.get(r);
            if (t > from && t < to) {
                double a = S + t;
                assertEquals(a, rows.w.get(r)[0], 1e-9);
                for (int k = 1; k < SIX.size(); k++) {
                    double expected = Math.sqrt(lambdaS * (1 - a * a) / ((2 + m) * SIX.eigenvalue(k)));
                    assertEquals(expected, rows.w.get(r)[k], 1e-9, "group " + (k + 1) + " at t = " + t);
                }
                checked++;
            }
        }
        assertTrue(checked > 600, "rows checked: " + checked);
    }

    /**
     * SpecGD against SpecGF as lr goes to 0 (lr = 1e-4, 5e-5, 2.5e-5), over the run up to the
     * landing (the end of the five-group slide): the largest difference of any coefficient halves
     * with lr, first order. Before the first switch the map is exact, and each switch leaves an
     * offset between 0 and 2 lr that depends on where the switch falls in a step; on the branch the
     * map chatters within a step of the surfaces. Measured: 7.2e-4, 3.8e-4, 1.9e-4 (ratios 1.91,
     * 2.01), so 1.7 to 2.3 bounds a first-order ratio with that jitter. After the landing the
     * difference is of order sqrt(lr), as in the three-group case: the map's chattering signal
     * holds the small groups up. The flow itself ends at rest exactly at the minimiser.
     */
    @Test
    void specgdApproachesSpecgfFirstOrderAndTheFlowEndsAtTheMinimiser() {
        double landing = Math.sqrt(0.3 * 50 / (0.3 * 50 + 1)) - S;
        double[] lrs = {1e-4, 5e-5, 2.5e-5};
        double[] deviation = new double[lrs.length];
        for (int i = 0; i < lrs.length; i++) {
            double lr = lrs[i];
            long steps = Math.round(1.2 / lr);
            ReducedRunSpec spec = specgf(SIX, steps * lr, (int) steps + 1);
            CoefficientRows flow = run(spec);
            CoefficientRows map = run(spec.withAlgorithm(Algorithm.SPECGD, new Schedule.Discrete(lr, steps)));
            int step = 0;
            for (int r = 0; r < flow.t.size(); r++) {
                if (flow.eventRows.contains(r)) {
                    continue;
                }
                if (flow.t.get(r) < landing) {
                    for (int g = 0; g < SIX.size(); g++) {
                        deviation[i] = Math.max(deviation[i], Math.abs(flow.w.get(r)[g] - map.w.get(step)[g]));
                    }
                }
                step++;
            }
            assertEquals(Outcome.Status.COMPLETED, flow.outcome.status());
            double[] last = flow.w.get(flow.w.size() - 1);
            assertEquals(1.0, last[0]);
            for (int g = 1; g < SIX.size(); g++) {
                assertEquals(0.0, last[g], "group " + (g + 1));
            }
        }
        for (int i = 1; i < lrs.length; i++) {
            double ratio = deviation[i - 1] / deviation[i];
            assertTrue(ratio > 1.7 && ratio < 2.3, "deviations " + java.util.Arrays.toString(deviation));
        }
    }
}
