package io.specdyn.io;

import io.specdyn.model.InvalidSpecException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads covariance eigenvalues in basis order, one run a line: {@code eigenvalue} (one direction)
 * or {@code eigenvalue multiplicity} (that many directions), separated by blanks or a comma; text after
 * {@code #} is a comment and blank lines are skipped. So {@code d = 10^9} takes a few lines:
 *
 * <pre>
 * 1          # the signal (--signal-index 1)
 * 20         # a spike
 * 1 999999998
 * </pre>
 */
public final class SpectrumFile {
    /** The signal, the spike and at least one bulk direction. */
    public static final long MIN_DIRECTIONS = 3;

    /** The runs of a file: {@code counts[r]} directions of eigenvalue {@code values[r]}, in basis order. */
    public record Runs(double[] values, long[] counts) {
        /** The number of directions {@code d}. */
        public long dimension() {
            long d = 0;
            for (long c : counts) {
                d += c;
            }
            return d;
        }
    }

    private SpectrumFile() {
    }

    /**
     * @throws InvalidSpecException naming {@code spectrum} if the file is missing, unreadable, holds
     *                              a line that is not one or two numbers, an eigenvalue that is not a
     *                              finite number > 0, a multiplicity that is not an integer >= 1, fewer
     *                              than {@link #MIN_DIRECTIONS} directions or more than 2^53
     */
    public static Runs read(Path path) {
        String where = "file:" + path;
        Reader reader = new Reader(where);
        NumberLines.read(path, "spectrum", reader::line);
        long d = reader.d;
        if (d < MIN_DIRECTIONS) {
            String count = d == 0 ? "no eigenvalues" : d + (d == 1 ? " direction" : " directions");
            throw new InvalidSpecException("spectrum", where + " holds " + count + "; it needs at least " + MIN_DIRECTIONS
                    + " (the signal, the spike and a bulk direction)");
        }
        return new Runs(Arrays.copyOf(reader.values, reader.runs), Arrays.copyOf(reader.counts, reader.runs));
    }

    /** The runs read so far. */
    private static final class Reader {
        private final String where;
        private double[] values = new double[16];
        private long[] counts = new long[16];
        private int runs;
        private long d;

        Reader(String where) {
            this.where = where;
        }

        void line(int line, String text, String[] tokens) {
            if (tokens.length > 2) {
                throw new InvalidSpecException("spectrum", where + " line " + line + ": '" + text + "' holds "
                        + tokens.length + " numbers; a line is 'eigenvalue' or 'eigenvalue multiplicity'");
            }
            double value;
            try {
                value = Double.parseDouble(tokens[0]);
            } catch (NumberFormatException e) {
                throw new InvalidSpecException("spectrum", where + " line " + line + ": '" + tokens[0]
                        + "' is not a number; expected an eigenvalue, a finite number > 0");
            }
            if (!(Double.isFinite(value) && value > 0)) {
                throw new InvalidSpecException("spectrum", where + " line " + line
                        + ": eigenvalues must be finite numbers > 0 (got " + tokens[0] + ")");
            }
            long count = 1;
            if (tokens.length == 2) {
                count = multiplicity(tokens[1], where, line);
            }
            if (runs == values.length) {
                values = Arrays.copyOf(values, 2 * runs);
                counts = Arrays.copyOf(counts, 2 * runs);
            }
            values[runs] = value;
            counts[runs] = count;
            runs++;
            d += count;
            if (d > io.specdyn.model.GroupSpectrum.MAX_DIMENSION || d < 0) {
                throw new InvalidSpecException("spectrum", where + " line " + line + ": more than 2^53 directions");
            }
            if (runs > io.specdyn.model.GroupSpectrum.MAX_RUNS) {
                throw new InvalidSpecException("spectrum", where + " holds more than "
                        + io.specdyn.model.GroupSpectrum.MAX_RUNS + " lines");
            }
        }
    }

    private static long multiplicity(String token, String where, int line) {
        if (token.matches("\\d{1,18}")) {
            long count = Long.parseLong(token);
            if (count >= 1) {
                return count;
            }
        }
        throw new InvalidSpecException("spectrum", where + " line " + line + ": the multiplicity must be an integer >= 1 (got "
                + token + ")");
    }
}
