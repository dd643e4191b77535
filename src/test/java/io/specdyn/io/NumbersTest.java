package io.specdyn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTest {

    /**
     * Checks {@link Numbers#format} against exact arithmetic. The decimals that read back to
     * {@code x} form an interval around it, so a decimal of k significant digits reads back if and
     * only if one of the two k-digit neighbours of the exact value does (rounded toward zero or
     * away from it). The output, of n digits, is shortest if neither (n-1)-digit neighbour reads
     * back (a decimal of fewer digits is also one of n-1 digits), and it must be the n-digit
     * neighbour that reads back and is closer to x (the even one on a tie). Rounding only to the
     * nearest k-digit decimal is not enough: at a power of two the gap below is half the gap
     * above, so the nearest neighbour can miss the interval while the other one hits it.
     */
    private static void assertShortest(double x) {
        String s = Numbers.format(x);
        assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(Double.parseDouble(s)),
                () -> s + " does not read back");
        BigDecimal exact = new BigDecimal(x);
        BigDecimal actual = new BigDecimal(s);
        int n = actual.stripTrailingZeros().precision();
        if (n > 1) {
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP}) {
                BigDecimal fewer = exact.round(new MathContext(n - 1, mode));
                assertNotEquals(x, fewer.doubleValue(), () -> s + " is not shortest: " + fewer + " reads back");
            }
        }
        BigDecimal down = exact.round(new MathContext(n, RoundingMode.DOWN));
        BigDecimal up = exact.round(new MathContext(n, RoundingMode.UP));
        boolean downOk = down.doubleValue() == x;
        boolean upOk = up.doubleValue() == x;
        BigDecimal expected = downOk && upOk ? exact.round(new MathContext(n, RoundingMode.HALF_EVEN)) : downOk ? down : up;
        assertEquals(0, expected.compareTo(actual), () -> s + " is not the closest " + n + "-digit decimal " + expected);
    }

    /** All 2,098 finite powers of two, subnormals included, with both signs. */
    @Test
    void everyPowerOfTwoIsShortest() {
        for (int k = -1074; k <= 1023; k++) {
            double x = Math.scalb(1.0, k);
            assertShortest(x);
            assertShortest(-x);
        }
    }

    /** Random bit patterns (every exponent) and random values of moderate size, fixed seeds. */
    @Test
    void randomDoublesAreShortest() {
        Random rnd = new Random(20261130);
        for (int i = 0; i < 10_000; i++) {
            double x = i % 2 == 0 ? Double.longBitsToDouble(rnd.nextLong())
                    : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
            if (Double.isFinite(x)) {
                assertShortest(x);
            }
        }
    }

    /** The subnormals with the fewest bits, where one digit can do but Schubfach keeps two. */
    @Test
    void smallestSubnormalsAreShortest() {
        for (long bits = 1; bits <= 256; bits++) {
            assertShortest(Double.longBitsToDouble(bits));
        }
    }

    /** Random doubles read back exactly. */
    @Test
    void roundTrips() {
        Random rnd = new Random(1);
        for (int i = 0; i < 50_000; i++) {
            double x = i % 2 == 0 ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
            if (!Double.isFinite(x)) {
                continue;
            }
            String s = Numbers.format(x);
            assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(Double.parseDouble(s)), s);
        }
    }

    /** The output style of the class comment. */
    @Test
    void knownCases() {
        assertEquals("0.001", Numbers.format(1e-3));
        assertEquals("0.1", Numbers.format(0.1));
        assertEquals("-0.25", Numbers.format(-0.25));
        assertEquals("123.456", Numbers.format(123.456));
        assertEquals("100", Numbers.format(100.0));
        assertEquals("0", Numbers.format(0.0));
        assertEquals("-0", Numbers.format(-0.0));
        assertEquals("0.0000001", Numbers.format(1e-7));
        assertEquals("1e-8", Numbers.format(1e-8));
        assertEquals("1.5e-9", Numbers.format(1.5e-9));
        assertEquals("100000000000000000000", Numbers.format(1e20));
        assertEquals("1e21", Numbers.format(1e21));
        assertEquals("1.5e21", Numbers.format(1.5e21));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("Infinity", Numbers.format(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", Numbers.format(Double.NEGATIVE_INFINITY));
        // Java 17's Double.toString gives 2.82879384806159008E17 here (JDK-4511638)
        assertEquals("282879384806159000", Numbers.format(2.82879384806159E17));
        // 2^149: the earlier formatter wrote 7.1362384635297994e44, 3 digits too many
        assertEquals("7.1362384635298e44", Numbers.format(Math.scalb(1.0, 149)));
        assertEquals("5e-324", Numbers.format(Double.MIN_VALUE));
        assertEquals("1e-323", Numbers.format(2 * Double.MIN_VALUE));
        assertEquals("1.7976931348623157e308", Numbers.format(Double.MAX_VALUE));
        assertEquals("42", Numbers.format(42L));
    }
}
