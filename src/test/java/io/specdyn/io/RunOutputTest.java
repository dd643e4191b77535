package io.specdyn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputTest {
    private static final List<Column> COLUMNS = List.of(Column.STEP, Column.T, Column.A);

    /** An engine of {@code n} rows (step, step / 7, 1 / (step + 1)) with one event. */
    private static Consumer<TrajectorySink> engine(int n) {
        return sink -> {
            for (int k = 0; k < n; k++) {
                sink.add(k, k / 7.0, 1.0 / (k + 1));
            }
            sink.event(new StageEvent("escaped", 3 / 7.0, 3, 0.25, 0, 0));
            sink.outcome(Outcome.completed(n - 1, (n - 1) / 7.0));
            sink.diagnostic("steps", n - 1);
        };
    }

    /** Streamed rows are the bytes the in-memory writer gives for the same rows. */
    @Test
    void streamedRowsEqualTheInMemoryWriter(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("run");
        Trajectory.Summary summary;
        try (OutputDir dir = OutputDir.open(target, RunOutput.MANIFEST)) {
            summary = RunOutput.writeRows(dir, COLUMNS, engine(5000), 5000);
            RunOutput.finish(dir, summary, new java.util.LinkedHashMap<>());
        }
        Trajectory.Builder memory = Trajectory.builder(COLUMNS);
        engine(5000).accept(memory);
        StringWriter expected = new StringWriter();
        TrajectoryCsv.writeRows(memory.build(), expected);
        assertEquals(expected.toString(), Files.readString(target.resolve(RunOutput.TRAJECTORY)));
        assertEquals(5000, summary.rows());
        assertEquals(memory.build().summary().events(), summary.events());
    }

    /** A run whose first rows show it cannot fit on its disk is stopped after them, and leaves nothing. */
    @Test
    void aTrajectoryProjectedBeyondTheDiskIsStopped(@TempDir Path tmp) throws IOException {
        try (OutputDir dir = OutputDir.open(tmp.resolve("run"), RunOutput.MANIFEST)) {
            RunOutput.TooLarge e = assertThrows(RunOutput.TooLarge.class,
                    () -> RunOutput.writeRows(dir, COLUMNS, engine(RunOutput.PROBE_ROWS + 10), 1e18));
            assertEquals(true, e.bytesPerRow() > 6 && e.bytesPerRow() < 60, "bytes a row: " + e.bytesPerRow());
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList());
        }
    }

    /** A writer that fails silently (standard output closed by the reader) stops the run. */
    @Test
    void aSilentlyFailedOutputStopsTheRun() {
        boolean[] closed = {false};
        TrajectoryCsv.Streamed sink = new TrajectoryCsv.Streamed(COLUMNS, new StringWriter(), () -> closed[0]);
        engine(10_000).accept(sink);
        closed[0] = true;
        assertThrows(UncheckedIOException.class, () -> engine(10_000).accept(sink));
    }
}
