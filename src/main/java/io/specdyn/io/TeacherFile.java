package io.specdyn.io;

import io.specdyn.model.InvalidSpecException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        int count = 0;
        try (BufferedReader reader = Files.newBufferedReader(path)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                int hash = text.indexOf('#');
                if (hash >= 0) {
                    text = text.substring(0, hash);
                }
                text = text.trim();
                if (text.isEmpty()) {
                    continue;
                }
                if (text.split("[\\s,]+").length > 1) {
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
                if (count == d) {
                    throw new InvalidSpecException("teacher", where + " line " + line + ": more than d = " + d
                            + " components");
                }
                theta[count++] = value;
            }
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException("teacher", where + ": no such file");
        } catch (IOException e) {
            throw new InvalidSpecException("teacher", where + ": cannot be read (" + e.getMessage() + ")");
        }
        if (count < d) {
            throw new InvalidSpecException("teacher", where + " holds " + count + (count == 1 ? " component" : " components")
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
