package io.specdyn.io;

import io.specdyn.model.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list of covariance eigenvalues: numbers separated by whitespace, commas or new lines;
 * text after {@code #} on a line is a comment.
 */
public final class SpectrumFile {
    /** The signal, the spike and at least one bulk direction. */
    public static final int MIN_EIGENVALUES = 3;

    private SpectrumFile() {
    }

    /**
     * @throws InvalidSpecException naming {@code --spectrum} if the file is missing, unreadable,
     *                              holds something that is not a number, a value that is not a
     *                              finite number > 0, or fewer than {@link #MIN_EIGENVALUES} values
     */
    public static double[] read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException("spectrum", "file:" + path + ": no such file");
        } catch (IOException e) {
            throw new InvalidSpecException("spectrum", "file:" + path + ": cannot be read (" + e.getMessage() + ")");
        }
        List<Double> values = new ArrayList<>();
        for (int line = 0; line < lines.size(); line++) {
            String text = lines.get(line);
            int hash = text.indexOf('#');
            if (hash >= 0) {
                text = text.substring(0, hash);
            }
            for (String token : text.trim().split("[\\s,]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new InvalidSpecException("spectrum", "file:" + path + " line " + (line + 1) + ": '" + token
                            + "' is not a number; expected eigenvalues, finite numbers > 0");
                }
                if (!(Double.isFinite(value) && value > 0)) {
                    throw new InvalidSpecException("spectrum", "file:" + path + " line " + (line + 1)
                            + ": eigenvalues must be finite numbers > 0 (got " + token + ")");
                }
                values.add(value);
            }
        }
        if (values.size() < MIN_EIGENVALUES) {
            String count = values.isEmpty() ? "no eigenvalues" : values.size() + (values.size() == 1 ? " eigenvalue" : " eigenvalues");
            throw new InvalidSpecException("spectrum", "file:" + path + " holds " + count + "; it needs at least " + MIN_EIGENVALUES
                    + " (the signal, the spike and a bulk direction)");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
