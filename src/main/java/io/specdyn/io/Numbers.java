package io.specdyn.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles as the shortest decimal that reads back to the same double.
 *
 * <p>Java 17's {@link Double#toString(double)} round-trips but is not always shortest
 * (JDK-4511638: {@code 2.0E-3} is fine, but {@code 1.0E23}-like cases and values such as
 * {@code 2.82879384806159E17} get a spurious extra digit). This class rounds the exact binary value
 * to ever fewer significant digits while the result still reads back: if no decimal of
 * {@code k} digits lies in the rounding interval, none of fewer digits does, so the search stops
 * at the first failure.
 *
 * <p>Output: plain notation for decimal exponents in [-7, 21), otherwise {@code 1.5e-9} style;
 * {@code NaN}, {@code Infinity}, {@code -Infinity}; integral values without a fraction
 * ({@code 100}, {@code -0}).
 */
public final class Numbers {
    private Numbers() {
    }

    public static String format(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return Double.doubleToRawLongBits(x) == 0 ? "0" : "-0";
        }
        BigDecimal exact = new BigDecimal(x);
        BigDecimal best = new BigDecimal(Double.toString(x));
        for (int digits = best.precision() - 1; digits >= 1; digits--) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() != x) {
                break;
            }
            best = candidate;
        }
        return render(best.stripTrailingZeros());
    }

    /** Formats a count exactly. */
    public static String format(long n) {
        return Long.toString(n);
    }

    private static String render(BigDecimal value) {
        int exponent = value.precision() - value.scale() - 1;
        if (exponent >= -7 && exponent < 21) {
            return value.toPlainString();
        }
        String digits = value.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder();
        if (value.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        return out.append('e').append(exponent).toString();
    }
}
