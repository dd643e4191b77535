package io.specdyn.io;

import io.specdyn.trajectory.Trajectory;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.util.Map;

/** Writes a run's folder: {@code trajectory.csv}, {@code events.csv} and, last, {@code run.json}. */
public final class RunOutput {
    public static final String TRAJECTORY = "trajectory.csv";
    public static final String EVENTS = "events.csv";
    public static final String MANIFEST = "run.json";

    private RunOutput() {
    }

    /** Writes the three files into {@code dir} and commits it. */
    public static void write(OutputDir dir, Trajectory trajectory, Map<String, Object> manifest) throws IOException {
        try (Writer out = Files.newBufferedWriter(dir.file(TRAJECTORY))) {
            TrajectoryCsv.writeRows(trajectory, out);
        }
        try (Writer out = Files.newBufferedWriter(dir.file(EVENTS))) {
            TrajectoryCsv.writeEvents(trajectory.events(), out);
        }
        Files.writeString(dir.file(MANIFEST), Json.write(manifest));
        dir.commit();
    }
}
