package io.specdyn.analysis;

import io.specdyn.model.InvalidSpecException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of one sweep axis, written {@code lo:hi:linN} (N evenly spaced values from lo to hi),
 * {@code lo:hi:logN} (N geometrically spaced values, lo > 0) or as a comma list {@code v1,v2,...}.
 *
 * <p>Both ends of a range are exact; log points are {@code 10^(log10 lo + i (log10 hi - log10 lo) / (N - 1))},
 * (StrictMath, the same bits on every platform), so a range over whole decades hits every decade exactly when N - 1 is a multiple of their number.
 * A list is sorted; a value listed twice, an empty list, {@code lo > hi}, {@code N = 0} and
 * {@code lo != hi} with {@code N = 1} are errors.
 */
public final class Grid {
    private static final Pattern RANGE = Pattern.compile("([^:]+):([^:]+):(lin|log)(\\d{1,9})");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Grid() {
    }

    /**
     * Parses an axis.
     *
     * @param option the option's name without dashes, for errors
     * @throws InvalidSpecException naming the option, the text and the accepted forms
     */
    public static double[] parse(String option, String text) {
        return read(option, text).values();
    }

    /**
     * The number of values of an axis, checked as {@link #parse} checks it but without making them:
     * {@code 1e-9:1:log999999999} is counted, not allocated, so that a sweep's size can be checked first.
     *
     * @throws InvalidSpecException as {@link #parse}
     */
    public static long count(String option, String text) {
        return read(option, text).count();
    }

    /** A parsed axis: a range (lo, hi, log, n) or a sorted list. */
    private record Form(double lo, double hi, boolean log, int n, double[] list) {
        long count() {
            return list != null ? list.length : n;
        }

        double[] values() {
            if (list != null) {
                return list.clone();
            }
            return log ? logspace(lo, hi, n) : linspace(lo, hi, n);
        }
    }

    private static Form read(String option, String text) {
        String t = text.trim();
        Matcher m = RANGE.matcher(t.toLowerCase(Locale.ROOT));
        if (t.contains(":")) {
            if (!m.matches()) {
                throw malformed(option, text);
            }
            double lo = number(option, text, m.group(1));
            double hi = number(option, text, m.group(2));
            boolean log = m.group(3).equals("log");
            int n = Integer.parseInt(m.group(4));
            if (n == 0 || lo > hi || (n == 1 && lo != hi)) {
                throw new InvalidSpecException(option, "range '" + text + "' is empty: it needs lo <= hi and N >= 1 "
                        + "(N = 1 only with lo = hi)");
            }
            if (log && !(lo > 0)) {
                throw new InvalidSpecException(option, "log range '" + text + "' needs lo > 0");
            }
            return new Form(lo, hi, log, n, null);
        }
        if (t.isEmpty()) {
            throw new InvalidSpecException(option, "is empty: give lo:hi:linN, lo:hi:logN or a comma list");
        }
        String[] parts = t.split(",", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(option, text, parts[i]);
        }
        Arrays.sort(values);
        for (int i = 1; i < values.length; i++) {
            if (values[i] == values[i - 1]) {
                throw new InvalidSpecException(option, "lists " + values[i] + " twice (in '" + text + "')");
            }
        }
        return new Form(0, 0, false, 0, values);
    }

    /** As {@link #parse}, for an integer axis: every value must be a whole number once rounded ranges are. */
    public static int[] parseIntegers(String option, String text) {
        double[] v = parse(option, text);
        boolean range = text.contains(":");
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double r = range ? Math.rint(v[i]) : v[i];
            if (r != Math.rint(r) || Math.abs(r) > Integer.MAX_VALUE) {
                throw new InvalidSpecException(option, "must list whole numbers (got " + v[i] + " in '" + text + "')");
            }
            out[i] = (int) r;
            if (i > 0 && out[i] == out[i - 1]) {
                throw new InvalidSpecException(option, "range '" + text + "' repeats " + out[i]
                        + " once rounded to whole numbers: use fewer points");
            }
        }
        return out;
    }

    static double[] linspace(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
        }
        v[n - 1] = hi;
        return v;
    }

    static double[] logspace(double lo, double hi, int n) {
        double[] v = new double[n];
        double a = StrictMath.log10(lo);
        double b = StrictMath.log10(hi);
        for (int i = 0; i < n; i++) {
            v[i] = n == 1 ? lo : StrictMath.pow(10, a + (b - a) * i / (n - 1));
        }
        v[0] = lo;
        v[n - 1] = hi;
        return v;
    }

    private static double number(String option, String text, String part) {
        String p = part.trim();
        if (!NUMBER.matcher(p).matches()) {
            throw malformed(option, text);
        }
        double x = Double.parseDouble(p);
        if (!Double.isFinite(x)) {
            throw malformed(option, text);
        }
        return x;
    }

    private static InvalidSpecException malformed(String option, String text) {
        return new InvalidSpecException(option, "must be lo:hi:linN, lo:hi:logN or a comma list of numbers (got '"
                + text + "')");
    }
}
