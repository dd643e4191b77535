package io.specdyn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTest {

    /** Every finite double reads back exactly, over random bit patterns and random magnitudes. */
    @Test
    void roundTrips() {
        Random rnd = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            double x = i % 2 == 0 ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
            if (!Double.isFinite(x)) {
                continue;
            }
            String s = Numbers.format(x);
            assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(Double.parseDouble(s)), s);
        }
    }

    /**
     * Shortest: no decimal with fewer significant digits reads back to the same double. Checked
     * independently by rounding the exact value to one digit fewer with BigDecimal.
     */
    @Test
    void isShortest() {
        Random rnd = new Random(2);
        for (int i = 0; i < 50_000; i++) {
            double x = rnd.nextDouble() * Math.pow(10, rnd.nextInt(20) - 10);
            String s = Numbers.format(x);
            int digits = new BigDecimal(s).stripTrailingZeros().precision();
            if (digits > 1) {
                BigDecimal fewer = new BigDecimal(x).round(new java.math.MathContext(digits - 1));
                assertTrue(fewer.doubleValue() != x, s + " is not shortest");
            }
        }
    }

    @Test
    void knownCases() {
        assertEquals("0.001", Numbers.format(1e-3));
        assertEquals("0.1", Numbers.format(0.1));
        assertEquals("100", Numbers.format(100.0));
        assertEquals("0", Numbers.format(0.0));
        assertEquals("-0", Numbers.format(-0.0));
        assertEquals("1e-8", Numbers.format(1e-8));
        assertEquals("1.5e21", Numbers.format(1.5e21));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("-Infinity", Numbers.format(Double.NEGATIVE_INFINITY));
        // Java 17's Double.toString gives 2.82879384806159008E17 here (JDK-4511638)
        assertEquals("282879384806159000", Numbers.format(2.82879384806159E17));
        assertEquals("5e-324", Numbers.format(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e308", Numbers.format(Double.MAX_VALUE));
    }
}
