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

    /** An engine of {@code n} rows whose coefficients, if kept, are (step, -step / 3, ..., one per group). */
    private static Consumer<TrajectorySink> groupEngine(int n, int groups) {
        return sink -> {
            double[] w = new double[groups];
            for (int k = 0; k < n; k++) {
                sink.add(k, k / 7.0, 1.0 / (k + 1));
                if (sink.wantsCoefficients()) {
                    for (int g = 0; g < groups; g++) {
                        w[g] = g == 0 ? k : -k / (3.0 + g);
                    }
                    sink.coefficients(w);
                }
            }
            sink.outcome(Outcome.completed(n - 1, (n - 1) / 7.0));
        };
    }

    /**
     * coefficients.csv gets a row after each row of trajectory.csv, with its step and t and every
     * coefficient at full precision; a sink asked for no coefficients is not handed them.
     */
    @Test
    void coefficientsAreWrittenBesideTheRows(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("run");
        try (OutputDir dir = OutputDir.open(target, RunOutput.MANIFEST)) {
            Trajectory.Summary summary = RunOutput.writeRows(dir, COLUMNS, 3, groupEngine(5, 3), 5);
            RunOutput.finish(dir, summary, new java.util.LinkedHashMap<>());
        }
        List<String> lines = Files.readAllLines(target.resolve(RunOutput.COEFFICIENTS));
        assertEquals("step,t,g1,g2,g3", lines.get(0));
        assertEquals(6, lines.size());
        for (int k = 0; k < 5; k++) {
            String[] f = lines.get(k + 1).split(",");
            assertEquals(k, Long.parseLong(f[0]));
            assertEquals(k / 7.0, Double.parseDouble(f[1]));
            assertEquals(k, Double.parseDouble(f[2]));
            assertEquals(-k / 4.0, Double.parseDouble(f[3]));
            assertEquals(-k / 5.0, Double.parseDouble(f[4]));
        }
        try (OutputDir dir = OutputDir.open(tmp.resolve("none"), RunOutput.MANIFEST)) {
            RunOutput.writeRows(dir, COLUMNS, 0, groupEngine(5, 3), 5);
            assertEquals(false, Files.exists(dir.file(RunOutput.COEFFICIENTS)));
        }
    }

    /**
     * The projection after the first rows counts coefficients.csv: rows that fit as trajectory.csv
     * alone (projected at a tenth of the free space) are stopped once 200 coefficients a row, more
     * than a hundred times as many bytes, are written beside them.
     */
    @Test
    void theProjectionCountsTheCoefficients(@TempDir Path tmp) throws IOException {
        int rows = RunOutput.PROBE_ROWS + 10;
        double expected;
        try (OutputDir dir = OutputDir.open(tmp.resolve("alone"), RunOutput.MANIFEST)) {
            RunOutput.writeRows(dir, COLUMNS, 0, groupEngine(rows, 200), rows);
            double perRow = (double) Files.size(dir.file(RunOutput.TRAJECTORY)) / rows;
            expected = 0.1 * OutputDir.usableSpace(tmp) / perRow;
            RunOutput.writeRows(dir, COLUMNS, 0, groupEngine(rows, 200), expected);
        }
        try (OutputDir dir = OutputDir.open(tmp.resolve("both"), RunOutput.MANIFEST)) {
            double asked = expected;
            RunOutput.TooLarge e = assertThrows(RunOutput.TooLarge.class,
                    () -> RunOutput.writeRows(dir, COLUMNS, 200, groupEngine(rows, 200), asked));
            assertEquals(true, e.bytesPerRow() > 200 * 2, "bytes a row: " + e.bytesPerRow());
        }
    }

    /** groups.csv lists the groups in the engine's order, numbered from 1, multiplicities as integers. */
    @Test
    void groupsAreListedInTheEnginesOrder(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("run");
        try (OutputDir dir = OutputDir.open(target, RunOutput.MANIFEST)) {
            // basis order 0.5 (x3), the signal 1, 5 (x2): the engine's order is signal, spike 5, then 0.5
            RunOutput.writeGroups(dir, io.specdyn.model.GroupSpectrum.of(new double[] {0.5, 1, 5},
                    new long[] {3, 1, 2}, 4, "test"));
            assertEquals(List.of("group,eigenvalue,multiplicity,target", "1,1,1,1", "2,5,2,0", "3,0.5,3,0"),
                    Files.readAllLines(dir.file(RunOutput.GROUPS)));
        }
    }

    /** events.csv names the third value bulk_rms where the trajectory has that column, and c otherwise. */
    @Test
    void theEventsHeaderFollowsTheColumns() throws IOException {
        List<StageEvent> events = List.of(new StageEvent("escaped", 0.5, 5, 0.1, 0.2, 0.3));
        StringWriter groups = new StringWriter();
        TrajectoryCsv.writeEvents(List.of(Column.STEP, Column.T, Column.A, Column.LOSS, Column.ALIGNMENT, Column.B,
                Column.BULK_RMS), events, groups);
        assertEquals("name,t,step,a,b,bulk_rms\nescaped,0.5,5,0.1,0.2,0.3\n", groups.toString());
        StringWriter spiked = new StringWriter();
        TrajectoryCsv.writeEvents(List.of(Column.STEP, Column.T, Column.A, Column.B, Column.C), events, spiked);
        assertEquals("name,t,step,a,b,c\nescaped,0.5,5,0.1,0.2,0.3\n", spiked.toString());
    }
}
