package io.specdyn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.model.ReducedModel;
import org.junit.jupiter.api.Test;

/** F13's numbers (escape and alignment times against d) against closed forms of the reduced dynamics. */
class F13DimensionScalingTest {
    private static final double KAPPA = F13DimensionScaling.KAPPA;
    private static final double RHO = F13DimensionScaling.START_FRACTION;

    /** The start of the spiked problem: {@code s^2 tr(Sigma) = rho}, with {@code tr(Sigma) = 1 + (1 + kappa) + (d - 2)}. */
    private static double spikedScale(long d) {
        return Math.sqrt(RHO / (d + KAPPA));
    }

    @Test
    void theStartHasTheSameMeanOutputAtEveryD() {
        for (long d : new long[] {100, 100_000_000}) {
            // tr(Sigma) summed over three groups against d + kappa: a few roundings
            assertEquals(spikedScale(d), F13DimensionScaling.startScale(F13DimensionScaling.spiked(d)),
                    1e-14 * spikedScale(d), "d = " + d);
        }
    }

    /**
     * While every gradient coefficient is negative SpecGD moves every coefficient by lr, so from {@code W0 = s I}
     * with {@code lr = s} the coefficients are {@code (1 + k) s} and {@code E f = (1 + k)^2 s^2 tr(Sigma) =
     * (1 + k)^2 rho lt}: the escape ({@code E f >= lt / 10}) is at the first k with {@code (1 + k)^2 >= 0.1 / rho},
     * 31 for rho = 10^-4, whatever d and whatever the spectrum (theory-notes/reduced-dynamics.md, section 2). Exact:
     * 32^2 rho = 0.1024 and 31^2 rho = 0.0961 are far from 0.1 on the scale of rounding.
     */
    @Test
    void specgdEscapesAfterTheSameNumberOfStepsAtEveryD() {
        long expected = (long) Math.ceil(Math.sqrt(0.1 / RHO)) - 1;
        assertEquals(31, expected);
        for (long d : new long[] {100, 10_000, 100_000_000}) {
            double s = spikedScale(d);
            assertEquals(expected, F13DimensionScaling.events(F13DimensionScaling.spiked(d), true, s, s, 100).escaped(),
                    "spiked, d = " + d);
        }
        for (long d : new long[] {100, 10_000}) {
            ReducedModel model = F13DimensionScaling.powerLaw(d);
            double s = F13DimensionScaling.startScale(model);
            assertEquals(expected, F13DimensionScaling.events(model, true, s, s, 100).escaped(), "power law, d = " + d);
        }
    }

    /**
     * GD's escape is driven by the spike, which a step multiplies by {@code 1 + lt lu lr} (section 2 of
     * theory-notes/reduced-dynamics.md): it escapes when {@code lu b^2 = lu s^2 (1 + lu lr)^(2k)} reaches about
     * {@code lt / 10}, with {@code s^2 = rho / (d + kappa)}. Between two dimensions the escape therefore moves by
     * {@code ln((d2 + kappa)/(d1 + kappa)) / (2 ln(1 + lu lr))} steps: a logarithm of d, not a constant. What the
     * estimate leaves out (the slowing of the growth as T rises, the signal's and the bulk's share of E f, under
     * 1 % of lt at the escape here) is nearly the same at both dimensions; the tolerance is the two roundings of
     * the escape to a whole step, one step each.
     */
    @Test
    void gdEscapeMovesWithTheLogarithmOfD() {
        double lr = F13DimensionScaling.LR_GD;
        double lu = 1 + KAPPA;
        long[][] pairs = {{100, 10_000}, {1_000_000, 100_000_000}};
        for (long[] pair : pairs) {
            long k1 = gdEscape(pair[0]);
            long k2 = gdEscape(pair[1]);
            double predicted = Math.log((pair[1] + KAPPA) / (pair[0] + KAPPA)) / (2 * Math.log1p(lu * lr));
            assertEquals(predicted, k2 - k1, 2, "escape steps at d = " + pair[0] + " and " + pair[1]);
        }
    }

    private static long gdEscape(long d) {
        return F13DimensionScaling.events(F13DimensionScaling.spiked(d), false, spikedScale(d),
                F13DimensionScaling.LR_GD, 100_000).escaped();
    }

    /** The closed form of SpecGF's alignment time puts the branch point at alignment 0.99 exactly. */
    @Test
    void specgfBranchAlignmentIsAtTheThreshold() {
        for (long d : new long[] {100, 10_000, 100_000_000}) {
            double s = spikedScale(d);
            double a = F13DimensionScaling.specgfAligned(d, KAPPA, s) + s;
            double c = Math.sqrt((1 - a * a) / (d + 1));
            double b = c / Math.sqrt(1 + KAPPA);
            // the alignment of the reduced model, an independent code path; rounding of a few operations
            assertEquals(0.99, ReducedModel.spiked(d, KAPPA).alignment(a, b, c), 1e-12, "d = " + d);
        }
    }

    /**
     * SpecGD at {@code lr = s} aligns where SpecGF's double-sliding branch does. The map's signal is exactly
     * {@code s + k lr} until then; its bulk chatters around the branch by one step {@code lr = s}, which changes the
     * {@code (d - 2) c^4} term of the alignment by up to {@code 4 lr / c} and so moves the {@code a} where 0.99 is
     * reached by up to about {@code lr / c = 0.01 / sqrt(1 - a^2)} relative (c on the branch is
     * {@code sqrt((1 - a^2)/(d + 1))}, lr is {@code 0.01 / sqrt(d + kappa)}): about 1 %. Allowed: 2 %.
     */
    @Test
    void specgdAlignsOnTheSpecgfBranch() {
        for (long d : new long[] {10_000, 100_000_000}) {
            double s = spikedScale(d);
            long step = F13DimensionScaling.events(F13DimensionScaling.spiked(d), true, s, s, 10_000_000).aligned();
            assertTrue(step > 0, "aligned at d = " + d);
            double branch = F13DimensionScaling.specgfAligned(d, KAPPA, s);
            assertEquals(branch, step * s, 0.02 * branch, "d = " + d);
        }
    }

    /** The slope of the figure's legends: least squares of log t on log d, exact on an exact power law. */
    @Test
    void logLogSlopeOfAnExactPowerLaw() {
        double[] d = {1e2, 1e3, 1e4, 1e5};
        double[] t = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            t[i] = 3 * Math.pow(d[i], -0.25);
        }
        assertEquals(-0.25, F13DimensionScaling.logLogSlope(d, t), 1e-12);
        t[1] = Double.NaN;
        assertEquals(-0.25, F13DimensionScaling.logLogSlope(d, t), 1e-12, "points not reached are left out");
    }
}
