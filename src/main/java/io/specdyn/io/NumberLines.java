package io.specdyn.io;

import io.specdyn.model.InvalidSpecException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The lines of a numbers file, as spectrum and teacher files are written: text after {@code #} is a
 * comment, blank lines are skipped, and each remaining line is split into its tokens (separated by
 * white space or commas). Errors name the option whose file it is and the file, in one line.
 */
final class NumberLines {

    /** Receives one content line: its number in the file (from 1) and its tokens. */
    @FunctionalInterface
    interface Visitor {
        void line(int number, String text, String[] tokens);
    }

    private NumberLines() {
    }

    /**
     * Reads {@code path} line by line into {@code visitor}.
     *
     * @param option the option whose file it is, for errors ({@code spectrum}, {@code teacher})
     * @throws InvalidSpecException naming the option if the file is missing or unreadable
     */
    static void read(Path path, String option, Visitor visitor) {
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
                if (!text.isEmpty()) {
                    visitor.line(line, text, text.split("[\\s,]+"));
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(option, "file:" + path + ": no such file");
        } catch (IOException e) {
            throw new InvalidSpecException(option, "file:" + path + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
