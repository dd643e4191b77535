package io.specdyn.model;

import java.util.function.DoublePredicate;

/**
 * An accepted range of a numeric parameter, with the words used to describe it in errors.
 *
 * <p>Specification records and the command-line converters check values through the same
 * instances, so a range is stated once.
 */
public final class Range {
    public static final Range FINITE = new Range("a finite number", Double::isFinite);
    public static final Range POSITIVE = new Range("a finite number > 0", x -> Double.isFinite(x) && x > 0);
    public static final Range NON_NEGATIVE = new Range("a finite number >= 0", x -> Double.isFinite(x) && x >= 0);
    public static final Range ABOVE_MINUS_ONE = new Range("a finite number > -1", x -> Double.isFinite(x) && x > -1);
    public static final Range OPEN_UNIT = new Range("a number in (0, 1)", x -> x > 0 && x < 1);
    public static final Range HALF_OPEN_UNIT = new Range("a number in [0, 1)", x -> x >= 0 && x < 1);

    private final String description;
    private final DoublePredicate accepts;

    private Range(String description, DoublePredicate accepts) {
        this.description = description;
        this.accepts = accepts;
    }

    /** The range in words, for example {@code "a finite number > 0"}. */
    public String description() {
        return description;
    }

    public boolean accepts(double value) {
        return accepts.test(value);
    }

    /**
     * Returns {@code value} if it lies in this range.
     *
     * @throws InvalidSpecException naming {@code parameter} and the range otherwise
     */
    public double require(String parameter, double value) {
        if (!accepts(value)) {
            throw new InvalidSpecException(parameter, "must be " + description + " (got " + value + ")");
        }
        return value;
    }

    /** Requires an integer parameter to be at least {@code min}. */
    public static long requireAtLeast(String parameter, long value, long min) {
        if (value < min) {
            throw new InvalidSpecException(parameter, "must be an integer >= " + min + " (got " + value + ")");
        }
        return value;
    }
}
