package io.specdyn.io;

import io.specdyn.model.GroupSpectrum;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a run's folder: {@code trajectory.csv} (and, where asked, {@code coefficients.csv}) row by
 * row while the engine computes, then {@code events.csv} and, last, {@code run.json}; a reduced run
 * adds {@code groups.csv}, the groups its coefficients belong to. Memory does not grow with the
 * number of rows.
 */
public final class RunOutput {
    public static final String TRAJECTORY = "trajectory.csv";
    public static final String EVENTS = "events.csv";
    public static final String MANIFEST = "run.json";
    public static final String GROUPS = "groups.csv";
    public static final String COEFFICIENTS = "coefficients.csv";

    /** Header of {@code groups.csv}. */
    public static final String GROUPS_HEADER = "group,eigenvalue,multiplicity,target";

    private RunOutput() {
    }

    /** Rows written before the size of the whole file is projected from them. */
    static final int PROBE_ROWS = TrajectoryCsv.Streamed.CHECK_EVERY;

    /**
     * The trajectory would not fit on its disk, as projected from its first rows; thrown (by the
     * sink, out of the engine) before the disk fills.
     */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final double bytesPerRow;
        private final double freeBytes;

        TooLarge(double bytesPerRow, double freeBytes) {
            super(String.format(java.util.Locale.ROOT, "about %.0f bytes a row, %.3g bytes free", bytesPerRow, freeBytes));
            this.bytesPerRow = bytesPerRow;
            this.freeBytes = freeBytes;
        }

        /** Mean size of the first rows. */
        public double bytesPerRow() {
            return bytesPerRow;
        }

        /** Bytes that were free on the disk when the first rows had been written. */
        public double freeBytes() {
            return freeBytes;
        }
    }

    /**
     * Runs {@code engine} into {@code trajectory.csv} of {@code dir}, writing each row as it comes.
     * After {@link #PROBE_ROWS} rows, the size of {@code expectedRows} rows is projected from them;
     * if it exceeds the free space, {@link TooLarge} is thrown at once.
     *
     * @param columns      the engine's columns
     * @param expectedRows the rows the run asks for
     * @return the run without its rows
     */
    public static Trajectory.Summary writeRows(OutputDir dir, List<Column> columns, Consumer<TrajectorySink> engine,
                                               double expectedRows) throws IOException {
        return writeRows(dir, columns, 0, engine, expectedRows);
    }

    /**
     * As {@link #writeRows(OutputDir, List, Consumer, double)}, and, if {@code coefficientGroups > 0},
     * every group's coefficient at each row into {@code coefficients.csv} as it comes; the projection
     * then counts both files.
     *
     * @param coefficientGroups the number of groups K whose coefficients are written, 0 for none
     */
    public static Trajectory.Summary writeRows(OutputDir dir, List<Column> columns, int coefficientGroups,
                                               Consumer<TrajectorySink> engine, double expectedRows) throws IOException {
        Path file = dir.file(TRAJECTORY);
        try (CountingWriter out = open(file);
             CountingWriter coefficients = coefficientGroups > 0 ? open(dir.file(COEFFICIENTS)) : null) {
            TrajectoryCsv.Streamed csv = new TrajectoryCsv.Streamed(columns, out, (long rows) -> {
                if (rows == PROBE_ROWS && expectedRows > PROBE_ROWS) {
                    double perRow = (double) (out.count + (coefficients != null ? coefficients.count : 0)) / rows;
                    double free;
                    try {
                        free = Files.getFileStore(file).getUsableSpace();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (perRow * (expectedRows - rows) > free) {
                        throw new TooLarge(perRow, free);
                    }
                }
            }, coefficients, coefficientGroups);
            engine.accept(csv);
            return csv.summary();
        }
    }

    private static CountingWriter open(Path file) throws IOException {
        return new CountingWriter(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16));
    }

    /**
     * Writes {@code groups.csv}: one row per group in the engine's order, numbered from 1 (group
     * {@code k} is column {@code gk} of {@code coefficients.csv}), with its eigenvalue, its
     * multiplicity (an integer) and its target (1 for the signal, 0 otherwise).
     */
    public static void writeGroups(OutputDir dir, GroupSpectrum groups) throws IOException {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(dir.file(GROUPS)),
                StandardCharsets.UTF_8), 1 << 16)) {
            out.write(GROUPS_HEADER);
            out.write('\n');
            StringBuilder line = new StringBuilder(64);
            for (int k = 0; k < groups.groups(); k++) {
                line.setLength(0);
                line.append(k + 1).append(',').append(Numbers.format(groups.eigenvalue(k))).append(',')
                        .append(Numbers.format((long) groups.multiplicity(k))).append(',')
                        .append(Numbers.format((long) groups.target(k))).append('\n');
                out.append(line);
            }
        }
    }

    /** Counts the characters written (the CSV is ASCII, so they are bytes). */
    private static final class CountingWriter extends FilterWriter {
        long count;

        CountingWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            out.write(c);
            count++;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            count += length;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            out.write(text, offset, length);
            count += length;
        }
    }

    /** Writes {@code events.csv} and {@code run.json} beside the rows and commits the folder. */
    public static void finish(OutputDir dir, Trajectory.Summary run, Map<String, Object> manifest) throws IOException {
        try (Writer out = Files.newBufferedWriter(dir.file(EVENTS))) {
            TrajectoryCsv.writeEvents(run.columns(), run.events(), out);
        }
        Files.writeString(dir.file(MANIFEST), Json.write(manifest));
        dir.commit();
    }
}
