package io.specdyn.cli;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.Range;
import io.specdyn.reduced.IntegratorSettings;
import java.math.BigInteger;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option converters that parse and check the accepted range in one step, so that a malformed
 * number and an out-of-range one get the same message: {@code must be <range> (got '<text>')}.
 */
final class Converters {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private Converters() {
    }

    static double parseDouble(String text, Range range) {
        String trimmed = text.trim();
        if (DECIMAL.matcher(trimmed).matches()) {
            double value = Double.parseDouble(trimmed);
            if (range.accepts(value)) {
                return value;
            }
        }
        throw new TypeConversionException("must be " + range.description() + " (got '" + text + "')");
    }

    /**
     * An integer in {@code [min, max]}, in digits or in a decimal notation of an exact integer such as
     * {@code 1e9}. Any number of digits is read, so that a value beyond the range is told the range with
     * its upper end; otherwise the message states the lower end.
     */
    static long parseLong(String text, long min, long max) {
        String trimmed = text.trim();
        String range = "an integer >= " + min;
        BigInteger integral = null;
        if (INTEGER.matcher(trimmed).matches()) {
            integral = new BigInteger(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
        } else if (DECIMAL.matcher(trimmed).matches()) {
            java.math.BigDecimal decimal = new java.math.BigDecimal(trimmed);
            if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
                integral = decimal.toBigIntegerExact();
            }
        }
        if (integral != null) {
            BigInteger value = integral;
            if (value.compareTo(BigInteger.valueOf(max)) > 0) {
                range = "an integer in [" + min + ", " + max + "]";
            } else if (value.compareTo(BigInteger.valueOf(min)) >= 0) {
                return value.longValueExact();
            }
        }
        throw new TypeConversionException("must be " + range + " (got '" + text + "')");
    }

    /** A double in a {@link Range}. */
    abstract static class InRange implements ITypeConverter<Double> {
        private final Range range;

        InRange(Range range) {
            this.range = range;
        }

        @Override
        public Double convert(String value) {
            return parseDouble(value, range);
        }
    }

    static final class Finite extends InRange {
        Finite() {
            super(Range.FINITE);
        }
    }

    static final class Positive extends InRange {
        Positive() {
            super(Range.POSITIVE);
        }
    }

    static final class NonNegative extends InRange {
        NonNegative() {
            super(Range.NON_NEGATIVE);
        }
    }

    static final class AboveMinusOne extends InRange {
        AboveMinusOne() {
            super(Range.ABOVE_MINUS_ONE);
        }
    }

    static final class OpenUnit extends InRange {
        OpenUnit() {
            super(Range.OPEN_UNIT);
        }
    }

    /** An {@code int} of at least {@code min}. */
    abstract static class IntAtLeast implements ITypeConverter<Integer> {
        private final int min;

        IntAtLeast(int min) {
            this.min = min;
        }

        @Override
        public Integer convert(String value) {
            return (int) parseLong(value, min, Integer.MAX_VALUE);
        }
    }

    /**
     * A dimension: an integer >= 3 (signal, spike and at least one bulk direction), at most 2^53 so that
     * multiplicities are exact in doubles.
     */
    static final class Dimension implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parseLong(value, 3, io.specdyn.model.GroupSpectrum.MAX_DIMENSION);
        }
    }

    static final class NonNegativeInt extends IntAtLeast {
        NonNegativeInt() {
            super(0);
        }
    }

    static final class PositiveInt extends IntAtLeast {
        PositiveInt() {
            super(1);
        }
    }

    /** A sample count: both ends of the interval at least, so >= 2. */
    static final class SampleCount extends IntAtLeast {
        SampleCount() {
            super(2);
        }
    }

    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parseLong(value, 1, Long.MAX_VALUE);
        }
    }

    static final class AlgorithmName implements ITypeConverter<Algorithm> {
        @Override
        public Algorithm convert(String value) {
            try {
                return Algorithm.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be one of " + java.util.Arrays.stream(Algorithm.values())
                        .map(Algorithm::label).collect(java.util.stream.Collectors.joining(", ")) + " (got '" + value + "')");
            }
        }
    }

    static final class IntegratorName implements ITypeConverter<IntegratorSettings.Kind> {
        @Override
        public IntegratorSettings.Kind convert(String value) {
            try {
                return IntegratorSettings.Kind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be one of dp853, dp54, gbs (got '" + value + "')");
            }
        }
    }

    /** {@code iso}, {@code gaussian} or three finite numbers {@code a,b,c}. */
    static final class Init implements ITypeConverter<InitChoice> {
        @Override
        public InitChoice convert(String value) {
            String key = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (key.equals("iso")) {
                return new InitChoice.Iso();
            }
            if (key.equals("gaussian")) {
                return new InitChoice.Gaussian();
            }
            if (key.equals("orthogonal")) {
                return new InitChoice.Orthogonal();
            }
            String[] parts = value.split(",", -1);
            if (parts.length == 3) {
                try {
                    return new InitChoice.Triple(new Coefficients(parseDouble(parts[0], Range.FINITE),
                            parseDouble(parts[1], Range.FINITE), parseDouble(parts[2], Range.FINITE)));
                } catch (TypeConversionException ignored) {
                    // reported below with the whole value
                }
            }
            throw new TypeConversionException("must be iso, gaussian, orthogonal or three finite numbers a,b,c (got '" + value + "')");
        }
    }

    /** A 64-bit integer seed. */
    static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be an integer in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE
                        + "] (got '" + value + "')");
            }
        }
    }

    /** A decay such as a momentum, in [0, 1). */
    static final class HalfOpenUnit extends InRange {
        HalfOpenUnit() {
            super(Range.HALF_OPEN_UNIT);
        }
    }

    /** {@code true} or {@code false}, nothing else. */
    static final class Flag implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            String trimmed = value.trim();
            if (trimmed.equals("true") || trimmed.equals("false")) {
                return Boolean.valueOf(trimmed);
            }
            throw new TypeConversionException("must be true or false (got '" + value + "')");
        }
    }

    /** A number of Newton-Schulz steps, in [0, 100]. */
    static final class NsSteps implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return (int) parseLong(value, 0, 100);
            } catch (TypeConversionException e) {
                throw new TypeConversionException("must be an integer in [0, 100] (got '" + value + "')");
            }
        }
    }
}
