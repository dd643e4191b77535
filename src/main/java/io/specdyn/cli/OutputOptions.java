package io.specdyn.cli;

import io.specdyn.io.OutputDir;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --out} option of commands that write a folder. */
final class OutputOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder, created with its parents. It appears whole when the command succeeds; "
                    + "an earlier output of the same command there is replaced whole, any other non-empty "
                    + "folder is refused. '-' prints the trajectory CSV to standard output instead (run only).")
    String out;

    boolean toStdout() {
        return "-".equals(out);
    }

    /** The folder to write, {@code fallback} when {@code --out} is not given. */
    Path folder(String fallback) {
        return Path.of(out != null ? out : fallback);
    }

    /**
     * Checks the output folder and opens it before any work is done, so that an unusable one
     * fails fast with exit code 2.
     *
     * @param marker the manifest that marks an earlier output of the same command
     */
    OutputDir open(String fallback, String marker) {
        Path folder = folder(fallback);
        try {
            return OutputDir.open(folder, marker);
        } catch (IOException | RuntimeException e) {
            throw new ErrorHandlers.OutputException("--out " + (folder.toString().isEmpty() ? "''" : folder) + ": "
                    + reason(e), e);
        }
    }

    static String reason(Exception e) {
        String message = e.getMessage();
        if (e instanceof OutputDir.Unusable) {
            return message;
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return message == null ? kind : kind + " " + message;
    }
}
