package io.specdyn.io;

import io.specdyn.model.Algorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A comparison's {@code compare.json} read back: the members that reading a compare folder needs;
 * the others (problem, schedule, summary, diagnostics) are skipped.
 *
 * @param program {@code specdyn}
 * @param version the version of the program that wrote it
 * @param command the command that wrote it, {@code compare}
 * @param argv    its command line
 * @param algo    the algorithm's label
 */
public record CompareJson(String program, String version, String command, List<String> argv, String algo) {

    /**
     * Reads and parses {@code file}.
     *
     * @throws IllegalArgumentException if it is not JSON or its members have the wrong types
     */
    public static CompareJson read(Path file) throws IOException {
        return Json.read(Files.readString(file), CompareJson.class);
    }

    /** @throws IllegalArgumentException if {@code algo} is missing or unknown */
    public Algorithm algorithm() {
        if (algo == null) {
            throw new IllegalArgumentException("'algo' is missing");
        }
        return Algorithm.parse(algo);
    }
}
