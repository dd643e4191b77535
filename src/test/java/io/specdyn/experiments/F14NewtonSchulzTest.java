package io.specdyn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.LinearAlgebra;
import io.specdyn.linalg.NewtonSchulz;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.reduced.DiscreteMaps;
import org.junit.jupiter.api.Test;

/** F14's band and its reduction of Newton-Schulz onto the groups, against independent computations. */
class F14NewtonSchulzTest {
    private static final F14NewtonSchulz.Band BAND = F14NewtonSchulz.Band.of(NewtonSchulz.STEPS);

    private static double p(double s) {
        return NewtonSchulz.A * s + NewtonSchulz.B * s * s * s + NewtonSchulz.C * s * s * s * s * s;
    }

    /**
     * One step maps the band [m, p(m)] into itself, and m is the least value of p over the band (a local
     * minimum): checked on a grid with the quintic written out. The slack 1e-15 covers the rounding of p's
     * three terms near the ends, where the grid meets them.
     */
    @Test
    void theBandIsMappedIntoItself() {
        assertEquals(p(BAND.low()), BAND.top(), 1e-15);
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 100_000; i++) {
            double s = BAND.low() + (BAND.top() - BAND.low()) * i / 100_000;
            double v = p(s);
            least = Math.min(least, v);
            assertTrue(v >= BAND.low() - 1e-15 && v <= BAND.top() + 1e-15, "p(" + s + ") = " + v);
        }
        assertEquals(BAND.low(), least, 1e-9, "the grid's least value is within its spacing squared of the minimum");
    }

    /**
     * From {@code enter} on, five steps land in the band (on a grid of its own, 7^-1 10^-5 apart, so not the
     * scan's points), and just below it they leave it; five steps first reach 0.5 at {@code half}.
     */
    @Test
    void fiveStepsEnterTheBandAndReachOneHalfWhereStated() {
        for (int i = 0; i <= 70_000; i++) {
            double s = BAND.enter() + (1 - BAND.enter()) * i / 70_000;
            double v = NewtonSchulz.scalar(s, 5);
            assertTrue(v >= BAND.low() && v <= BAND.top(), "p^5(" + s + ") = " + v);
        }
        double below = NewtonSchulz.scalar(BAND.enter() - 1e-6, 5);
        assertTrue(below < BAND.low() || below > BAND.top(), "p^5 just below the entry point: " + below);
        // p^5 rises with slope near p'(0)^5 < 500 there: a bisection to 1e-16 in s gives 0.5 to 1e-13
        assertEquals(0.5, NewtonSchulz.scalar(BAND.half(), 5), 1e-13);
        for (int i = 0; i < 1000; i++) {
            assertTrue(NewtonSchulz.scalar(BAND.half() * i / 1000, 5) < 0.5);
        }
    }

    /**
     * On the spiked manifold the gradient is diagonal in the eigenbasis with the groups' values repeated over
     * their directions. The matrix iteration on that d x d matrix (d = 100) gives on each direction the sign of
     * the group's value times the scalar map of the group's normalised value, the norm counting multiplicities.
     * Taken at a state along the figure's SpecGD run. Tolerance 1e-12 relative: the two Frobenius norms differ
     * by roundings of order 1e-15, which the map's slope (below 500) amplifies to under 1e-12.
     */
    @Test
    void onTheManifoldTheMatrixIterationActsOnEachGroupsValue() {
        ReducedModel model = ReducedModel.spiked(F14NewtonSchulz.D, F14NewtonSchulz.KAPPA);
        for (long at : new long[] {0, 60, 500, 1200}) {
            double[] w = new double[model.size()];
            DiscreteMaps.iterate(model, true, F14NewtonSchulz.LR, at,
                    State.isotropic(model.size(), F14NewtonSchulz.S).toArray(), (k, map) -> {
                        map.copyState(w);
                        return true;
                    });
            double[] g = model.gradient(w);
            int[] group = model.groups().groupOfDirections();
            int d = group.length;
            DenseMatrix full = DenseMatrix.zeros(d, d);
            for (int i = 0; i < d; i++) {
                full.set(i, i, g[group[i]]);
            }
            DenseMatrix out = DenseMatrix.zeros(d, d);
            new NewtonSchulz(LinearAlgebra.kernels(), d, d).compute(full, out);
            double[] u = F14NewtonSchulz.normalised(model, w, 0);
            for (int i = 0; i < d; i++) {
                double expected = Math.signum(g[group[i]]) * NewtonSchulz.scalar(u[group[i]], NewtonSchulz.STEPS);
                assertEquals(expected, out.get(i, i), 1e-12 * Math.abs(expected), "step " + at + ", direction " + i);
            }
        }
    }
}
