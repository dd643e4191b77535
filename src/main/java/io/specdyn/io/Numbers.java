package io.specdyn.io;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles as the shortest decimal that reads back to the same double, in one fixed
 * style for every CSV and JSON file the program writes.
 *
 * <p>The digits come from the Schubfach algorithm (R. Giulietti, "The Schubfach way to render
 * doubles", 2020) as shipped in jackson-core. Schubfach picks the decimal of fewest significant
 * digits that rounds to the double and, among those, the one closest to it; Java 17's
 * {@link Double#toString(double)} does not always (JDK-4511638). One exception in Schubfach's
 * specification is corrected here: when a single digit would do, it may keep two digits if these
 * are closer ({@code 4.9E-324} for {@link Double#MIN_VALUE}). That can only happen where the gap
 * between neighbouring doubles is a sizeable fraction of the value, that is among the subnormals,
 * and there the closest one-digit decimal is taken ({@code 5e-324}).
 *
 * <p>The style:
 * <ul>
 *   <li>a decimal exponent e (the value is d.ddd &times; 10<sup>e</sup>) in [-7, 21) is written in
 *       plain notation: {@code 100}, {@code 0.001}, {@code 0.0000001}, {@code 123456789012345680000};
 *   <li>other values in scientific notation with a lower-case {@code e} and no {@code +} or
 *       leading zeros in the exponent: {@code 1e-8}, {@code 1.5e21}, {@code 5e-324};
 *   <li>no trailing zeros after a decimal point and no point for integral values: {@code 100},
 *       not {@code 100.0};
 *   <li>{@code 0} and {@code -0}; {@code NaN}, {@code Infinity} and {@code -Infinity} (JSON writers
 *       write non-finite values as {@code null} instead).
 * </ul>
 */
public final class Numbers {
    /** Decimal exponents in [PLAIN_MIN, PLAIN_END) are written without an exponent. */
    private static final int PLAIN_MIN = -7;
    private static final int PLAIN_END = 21;

    private Numbers() {
    }

    /** The shortest decimal that reads back to {@code x}, in the style of the class comment. */
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
        double abs = Math.abs(x);
        Decimal d = Decimal.of(DoubleToDecimal.toString(abs));
        if (d.count == 2 && abs < Double.MIN_NORMAL) {
            d = oneDigit(abs, d);
        }
        return d.render(x < 0);
    }

    /**
     * Formats a decimal exactly, every significant digit kept, in the same style; for the rare
     * value that is a {@link BigDecimal} rather than a double.
     */
    public static String format(BigDecimal x) {
        BigDecimal v = x.stripTrailingZeros();
        if (v.signum() == 0) {
            return "0";
        }
        int exponent = v.precision() - v.scale() - 1;
        if (exponent >= PLAIN_MIN && exponent < PLAIN_END) {
            return v.toPlainString();
        }
        String digits = v.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (v.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        return out.append('e').append(exponent).toString();
    }

    /** Formats a count exactly. */
    public static String format(long n) {
        return Long.toString(n);
    }

    /**
     * For a subnormal whose two-digit rendering {@code two} may hide a one-digit decimal that also
     * reads back: the closer of the two one-digit neighbours of the exact value that reads back,
     * or {@code two} if neither does.
     */
    private static Decimal oneDigit(double abs, Decimal two) {
        BigDecimal exact = new BigDecimal(abs);
        BigDecimal best = null;
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal candidate = exact.round(new MathContext(1, mode));
            if (candidate.doubleValue() == abs && (best == null
                    || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                best = candidate;
            }
        }
        return best == null ? two : Decimal.of(best.toString());
    }

    /**
     * A positive decimal 0.d<sub>1</sub>...d<sub>count</sub> &times; 10<sup>{@code point}</sup>,
     * with neither leading nor trailing zeros among its digits.
     */
    private static final class Decimal {
        private final char[] digits = new char[20];
        private int count;
        private int point;

        /** Reads Java's rendering of a positive double: {@code 123.45}, {@code 0.001}, {@code 1.0E-5}, {@code 5E-324}. */
        static Decimal of(String s) {
            Decimal d = new Decimal();
            int e = s.indexOf('E');
            int end = e < 0 ? s.length() : e;
            int exponent = e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10);
            int intDigits = end;
            int leadingZeros = 0;
            for (int i = 0; i < end; i++) {
                char c = s.charAt(i);
                if (c == '.') {
                    intDigits = i;
                } else if (c == '0' && d.count == 0) {
                    leadingZeros++;
                } else {
                    d.digits[d.count++] = c;
                }
            }
            while (d.count > 1 && d.digits[d.count - 1] == '0') {
                d.count--;
            }
            d.point = intDigits - leadingZeros + exponent;
            return d;
        }

        String render(boolean negative) {
            char[] out = new char[32];
            int at = 0;
            if (negative) {
                out[at++] = '-';
            }
            int exponent = point - 1;
            if (exponent >= PLAIN_MIN && exponent < PLAIN_END) {
                if (point <= 0) {
                    out[at++] = '0';
                    out[at++] = '.';
                    at = zeros(out, at, -point);
                    System.arraycopy(digits, 0, out, at, count);
                    at += count;
                } else if (point >= count) {
                    System.arraycopy(digits, 0, out, at, count);
                    at = zeros(out, at + count, point - count);
                } else {
                    System.arraycopy(digits, 0, out, at, point);
                    at += point;
                    out[at++] = '.';
                    System.arraycopy(digits, point, out, at, count - point);
                    at += count - point;
                }
                return new String(out, 0, at);
            }
            out[at++] = digits[0];
            if (count > 1) {
                out[at++] = '.';
                System.arraycopy(digits, 1, out, at, count - 1);
                at += count - 1;
            }
            out[at++] = 'e';
            return new String(out, 0, at) + exponent;
        }

        private static int zeros(char[] out, int at, int n) {
            for (int i = 0; i < n; i++) {
                out[at++] = '0';
            }
            return at;
        }
    }
}
