package io.specdyn.cli;

import io.specdyn.io.OutputDir;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --out} option of commands that write a folder. */
final class OutputOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder, created with its parents; its files are replaced atomically. "
                    + "'-' prints the trajectory CSV to standard output instead.")
    String out;

    boolean toStdout() {
        return "-".equals(out);
    }

    /** The folder to write, {@code fallback} when {@code --out} is not given. */
    Path folder(String fallback) {
        return Path.of(out != null ? out : fallback);
    }

    /** Opens the output folder before any work is done, so that an unwritable one fails fast. */
    OutputDir open(String fallback) {
        Path folder = folder(fallback);
        try {
            return OutputDir.open(folder);
        } catch (IOException | RuntimeException e) {
            throw new ErrorHandlers.OutputException("--out " + folder + ": " + reason(e), e);
        }
    }

    static String reason(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return message == null ? kind : kind + " " + message;
    }
}
