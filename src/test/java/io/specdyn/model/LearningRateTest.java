package io.specdyn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The schedules against their closed forms. Tolerances: a rate is a few floating-point operations
 * on numbers of order lr, so it is within a few ulps of lr of the closed form, 1e-15 of the larger of
 * lr and the rate (near the end of cosine and linear, 1 + cos and lr + (lr_min - lr) cancel down to
 * a rate far below lr, whose absolute error stays that of lr); a sum of
 * N rates accumulated with compensation is within a few ulps of the exact sum, which the tests take
 * from BigDecimal arithmetic or a closed form evaluated in double (itself within 1e-15).
 */
class LearningRateTest {
    private static final double LR = 1e-2;
    private static final double LR_MIN = 1e-4;
    private static final double REL = 1e-15;

    private static LearningRate of(LearningRate.Kind kind, double lrMin, long warmup) {
        return new LearningRate(kind, lrMin, warmup, 1);
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, REL * Math.max(Math.abs(expected), LR), () -> "expected " + expected + ", got " + actual);
    }

    /** The clock's time after n steps, and every rate summed exactly in BigDecimal, for comparison. */
    private static double[] timeAndExactSum(LearningRate rate, double lr, long n) {
        LearningRate.Clock clock = rate.clock(lr, n);
        BigDecimal exact = BigDecimal.ZERO;
        for (long k = 0; k < n; k++) {
            assertEquals(k, clock.step());
            exact = exact.add(new BigDecimal(rate.rate(lr, n, k)));
            clock.advance();
        }
        return new double[] {clock.time(), exact.doubleValue()};
    }

    @Test
    void cosineStartsAtLrPassesTheMidpointAndEndsAtLrMinPlusAQuadraticStep() {
        LearningRate cosine = of(LearningRate.Kind.COSINE, LR_MIN, 0);
        long n = 1000;
        assertEquals(LR, cosine.rate(LR, n, 0));
        assertClose((LR + LR_MIN) / 2, cosine.rate(LR, n, n / 2));
        // (1 + cos(pi (N-1)/N))/2 = (1 - cos(pi/N))/2 = sin^2(pi/(2N)): the last step is a hair above lr_min
        double s = Math.sin(Math.PI / (2 * n));
        assertClose(LR_MIN + (LR - LR_MIN) * s * s, cosine.rate(LR, n, n - 1));
    }

    /** sum_{k<N} (1 + cos(pi k/N))/2 = (N + 1)/2, since sum_{k<N} cos(pi k/N) = Re 2/(1 - e^{i pi/N}) = 1. */
    @Test
    void cosineSumsToItsClosedForm() {
        long n = 100_000;
        double[] r = timeAndExactSum(of(LearningRate.Kind.COSINE, LR_MIN, 0), LR, n);
        assertClose(n * LR_MIN + (LR - LR_MIN) * (n + 1) / 2.0, r[0]);
        assertClose(r[1], r[0]);
    }

    @Test
    void linearFallsByEqualStepsAndSumsToItsClosedForm() {
        LearningRate linear = of(LearningRate.Kind.LINEAR, LR_MIN, 0);
        long n = 400;
        assertEquals(LR, linear.rate(LR, n, 0));
        assertClose(LR + (LR_MIN - LR) / 4, linear.rate(LR, n, 100));
        assertClose(LR + (LR_MIN - LR) * 399 / 400, linear.rate(LR, n, 399));
        // sum_{k<N} (lr + (lr_min - lr) k/N) = N lr + (lr_min - lr)(N - 1)/2
        long big = 1_000_000;
        double[] r = timeAndExactSum(linear, LR, big);
        assertClose(big * LR + (LR_MIN - LR) * (big - 1) / 2.0, r[0]);
        assertClose(r[1], r[0]);
    }

    @Test
    void exponentialIsGeometricAndClipsAtLrMin() {
        double gamma = 0.999;
        LearningRate exp = new LearningRate(LearningRate.Kind.EXP, 0, 0, gamma);
        long n = 3000;
        assertEquals(LR, exp.rate(LR, n, 0));
        assertClose(LR * gamma * gamma * gamma, exp.rate(LR, n, 3));
        assertClose(LR * Math.exp(1000 * Math.log(gamma)), exp.rate(LR, n, 1000));
        // geometric: sum_{k<N} lr gamma^k = lr (1 - gamma^N)/(1 - gamma); 1 - gamma is exact in double
        // to 1e-13 relative (0.999 is not a binary fraction), so the closed form is good to 1e-12
        double[] r = timeAndExactSum(exp, LR, n);
        double closed = LR * (1 - Math.pow(gamma, n)) / (1 - gamma);
        assertEquals(closed, r[0], 1e-12 * closed);
        assertClose(r[1], r[0]);
        LearningRate clipped = new LearningRate(LearningRate.Kind.EXP, LR_MIN, 0, gamma);
        // lr gamma^k falls below lr_min = lr/100 after ln(100)/-ln(gamma) = 4603 steps
        long cross = (long) Math.ceil(Math.log(LR_MIN / LR) / Math.log(gamma));
        assertClose(LR * Math.pow(gamma, cross - 1), clipped.rate(LR, 10_000, cross - 1));
        assertEquals(LR_MIN, clipped.rate(LR, 10_000, cross));
        assertEquals(LR_MIN, clipped.rate(LR, 10_000, 9999));
    }

    @Test
    void inverseSqrtDividesBySqrtOfStepPlusOne() {
        LearningRate inv = of(LearningRate.Kind.INVERSE_SQRT, 0, 0);
        assertEquals(LR, inv.rate(LR, 100, 0));
        assertClose(LR / 2, inv.rate(LR, 100, 3));
        assertClose(LR / 10, inv.rate(LR, 100, 99));
        assertEquals(LR / 5, of(LearningRate.Kind.INVERSE_SQRT, LR / 5, 0).rate(LR, 100, 99));
    }

    @Test
    void warmupRampsLinearlyOverItsSteps() {
        LearningRate warm = of(LearningRate.Kind.CONSTANT, 0, 4);
        assertEquals(LR / 4, warm.rate(LR, 100, 0));
        assertEquals(LR / 2, warm.rate(LR, 100, 1));
        assertEquals(LR * 3 / 4, warm.rate(LR, 100, 2));
        assertEquals(LR, warm.rate(LR, 100, 3));
        assertEquals(LR, warm.rate(LR, 100, 50));
        LearningRate cosine = of(LearningRate.Kind.COSINE, 0, 10);
        long n = 100;
        assertClose(0.5 * LR * (1 + Math.cos(Math.PI * 4 / n)) / 2, cosine.rate(LR, n, 4));
        assertClose(LR * (1 + Math.cos(Math.PI * 9 / n)) / 2, cosine.rate(LR, n, 9));
        // the warm-up's own steps sum to lr (1 + 2 + 3 + 4)/4 = 2.5 lr, then lr each
        double[] r = timeAndExactSum(warm, LR, 10);
        assertClose(2.5 * LR + 6 * LR, r[0]);
        assertTrue(!warm.isConstant());
        assertTrue(of(LearningRate.Kind.CONSTANT, 0, 1).isConstant(), "a warm-up of one step is no warm-up");
    }

    /** The constant rate's time is k lr exactly, not a running sum (which drifts from it). */
    @Test
    void constantTimeIsStepTimesLrExactly() {
        double lr = 1e-3;
        LearningRate.Clock clock = LearningRate.CONSTANT.clock(lr, 100_000);
        double naive = 0;
        boolean drifted = false;
        for (long k = 0; k < 100_000; k++) {
            assertEquals(k * lr, clock.time(), 0.0);
            assertEquals(lr, clock.rate(), 0.0);
            drifted |= naive != k * lr;
            naive += lr;
            clock.advance();
        }
        assertTrue(drifted, "a running sum of 1e-3 departs from k * 1e-3, so the test tells the two apart");
    }

    @Test
    void refusesItsOutOfRangeParameters() {
        assertThrows(InvalidSpecException.class, () -> of(LearningRate.Kind.COSINE, 2 * LR, 0).clock(LR, 10));
        assertThrows(InvalidSpecException.class, () -> of(LearningRate.Kind.COSINE, -1, 0));
        assertThrows(InvalidSpecException.class, () -> new LearningRate(LearningRate.Kind.EXP, 0, 0, 1.5));
        assertThrows(InvalidSpecException.class, () -> new LearningRate(LearningRate.Kind.EXP, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> of(LearningRate.Kind.CONSTANT, LR_MIN, 0));
        assertThrows(InvalidSpecException.class, () -> of(LearningRate.Kind.LINEAR, 0, -1));
    }
}
