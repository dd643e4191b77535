package io.specdyn.io;

import io.specdyn.model.InvalidSpecException;
import java.nio.file.Path;

/**
 * Reads a teacher's components in the covariance eigenbasis, in basis order, one number a line;
 * text after {@code #} is a comment and blank lines are skipped, as in {@link SpectrumFile}. The
 * numbers are returned as written: the caller fixes the length.
 */
public final class TeacherFile {

    private TeacherFile() {
    }

    /**
     * @param d the number of components the file must hold
     * @throws InvalidSpecException naming {@code teacher} if the file is missing or unreadable, a line
     *                              is not one finite number, or it holds other than {@code d} numbers
     */
    public static double[] read(Path path, int d) {
        String where = "file:" + path;
        double[] theta = new double[d];
        int[] count = {0};
        NumberLines.read(path, "teacher", (line, text, tokens) -> {
            if (tokens.length > 1) {
                throw new InvalidSpecException("teacher", where + " line " + line + ": '" + text
                        + "' holds more than one number; a line is one component");
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidSpecException("teacher", where + " line " + line + ": '" + text
                        + "' is not a number; expected a component, a finite number");
            }
            if (!Double.isFinite(value)) {
                throw new InvalidSpecException("teacher", where + " line " + line
                        + ": components must be finite numbers (got " + text + ")");
            }
            if (count[0] == d) {
                throw new InvalidSpecException("teacher", where + " line " + line + ": more than d = " + d
                        + " components");
            }
            theta[count[0]++] = value;
        });
        if (count[0] < d) {
            throw new InvalidSpecException("teacher", where + " holds " + count[0] + (count[0] == 1 ? " component" : " components")
                    + "; it must hold d = " + d);
        }
        for (double t : theta) {
            if (t != 0) {
                return theta;
            }
        }
        throw new InvalidSpecException("teacher", where + ": every component is zero; the teacher needs a direction");
    }
}
