package io.specdyn.io;

import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * CSV forms of a trajectory ({@code step,t,a,b,c,loss,alignment[,offmanifold]} or, for spectra other
 * than the three-group one, {@code step,t,a,loss,alignment,b,bulk_rms}), of its events and of every
 * group's coefficient ({@code step,t,g1,...,gK}).
 */
public final class TrajectoryCsv {
    /** Header of {@code events.csv} of a trajectory with a {@code c} column. */
    public static final String EVENTS_HEADER = "name,t,step,a,b,c";

    /** Header of {@code events.csv} of a trajectory whose third coefficient is the bulk's root mean square. */
    public static final String BULK_RMS_EVENTS_HEADER = "name,t,step,a,b,bulk_rms";

    private TrajectoryCsv() {
    }

    /** The header of {@code events.csv} for a trajectory with these columns: its third value is c or bulk_rms. */
    public static String eventsHeader(List<Column> columns) {
        return columns.contains(Column.BULK_RMS) ? BULK_RMS_EVENTS_HEADER : EVENTS_HEADER;
    }

    /** The header line of {@code coefficients.csv} for {@code groups} groups: {@code step,t,g1,...,gK}. */
    public static String coefficientsHeader(int groups) {
        StringBuilder h = new StringBuilder(8 + 7 * groups).append("step,t");
        for (int k = 1; k <= groups; k++) {
            h.append(",g").append(k);
        }
        return h.toString();
    }

    /** The header line of a trajectory with these columns. */
    public static String header(List<Column> columns) {
        return columns.stream().map(Column::header).collect(Collectors.joining(","));
    }

    /** Writes the rows, header first; numbers at full precision, the step as an integer. */
    public static void writeRows(Trajectory trajectory, Writer out) throws IOException {
        List<Column> columns = trajectory.columns();
        double[][] data = new double[columns.size()][];
        for (int j = 0; j < columns.size(); j++) {
            data[j] = trajectory.column(columns.get(j));
        }
        out.write(header(columns));
        out.write('\n');
        StringBuilder line = new StringBuilder(128);
        double[] row = new double[columns.size()];
        for (int i = 0; i < trajectory.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                row[j] = data[j][i];
            }
            formatRow(columns, row, line);
            out.append(line);
        }
    }

    /** One row as a CSV line (with its new line) in {@code line}, which is cleared first. */
    private static void formatRow(List<Column> columns, double[] values, StringBuilder line) {
        line.setLength(0);
        for (int j = 0; j < columns.size(); j++) {
            if (j > 0) {
                line.append(',');
            }
            line.append(columns.get(j) == Column.STEP ? Numbers.format((long) values[j]) : Numbers.format(values[j]));
        }
        line.append('\n');
    }

    /**
     * A sink that writes each row to a CSV as it comes, header first, and keeps only the events,
     * the outcome, the counters and the number of rows: a run of any length is written in constant
     * memory. Write errors are thrown as {@link UncheckedIOException}; for a writer that swallows
     * them (a {@link java.io.PrintWriter}), {@code failed} is asked every {@link #CHECK_EVERY} rows, so
     * that a closed standard output (a pipe into {@code head}) stops the run. Other checks (the
     * projected size of a file) take the same turn.
     *
     * <p>Given a second writer, it also keeps every group's coefficient: after each row, a reduced
     * engine hands it the coefficients ({@link #coefficients}), which go to that writer at once as a
     * row {@code step,t,g1,...,gK} with the step and time of the row just added.
     */
    public static final class Streamed implements TrajectorySink {
        /** How many rows pass between two calls of the sink's check. */
        public static final int CHECK_EVERY = 4096;

        private final List<Column> columns;
        private final Writer out;
        private final LongConsumer check;
        private final Writer coefficientsOut;
        private final int groups;
        private final int stepColumn;
        private final int timeColumn;
        private final StringBuilder line = new StringBuilder(128);
        private final List<StageEvent> events = new ArrayList<>();
        private final Map<String, Object> diagnostics = new LinkedHashMap<>();
        private long rows;
        private long lastStep;
        private double lastT;
        private Outcome outcome;

        /** Writes the header to {@code out} at once; write errors are thrown. */
        public Streamed(List<Column> columns, Writer out) {
            this(columns, out, (LongConsumer) rows -> { });
        }

        /** Writes the header to {@code out} at once; {@code failed} tells whether {@code out} has failed silently. */
        public Streamed(List<Column> columns, Writer out, BooleanSupplier failed) {
            this(columns, out, (LongConsumer) rows -> {
                if (failed.getAsBoolean()) {
                    throw new UncheckedIOException(new IOException("the output was closed after " + rows + " rows"));
                }
            });
        }

        /**
         * Writes the header to {@code out} at once; {@code check} is given the number of rows written
         * every {@link #CHECK_EVERY} rows, and may stop the run by throwing.
         */
        public Streamed(List<Column> columns, Writer out, LongConsumer check) {
            this(columns, out, check, null, 0);
        }

        /**
         * As {@link #Streamed(List, Writer, LongConsumer)}, keeping every coefficient of {@code groups}
         * groups in {@code coefficientsOut} (header first, at once); {@code columns} must hold
         * {@code step} and {@code t}.
         */
        public Streamed(List<Column> columns, Writer out, LongConsumer check, Writer coefficientsOut, int groups) {
            this.columns = List.copyOf(columns);
            this.out = out;
            this.check = check;
            this.coefficientsOut = coefficientsOut;
            this.groups = groups;
            this.stepColumn = columns.indexOf(Column.STEP);
            this.timeColumn = columns.indexOf(Column.T);
            if (coefficientsOut != null && (groups < 1 || stepColumn < 0 || timeColumn < 0)) {
                throw new IllegalArgumentException("coefficients need at least one group and the step and t columns");
            }
            write(out, header(columns) + "\n");
            if (coefficientsOut != null) {
                write(coefficientsOut, coefficientsHeader(groups) + "\n");
            }
        }

        @Override
        public Streamed add(double... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
            }
            formatRow(columns, values, line);
            write(out, line);
            if (coefficientsOut != null) {
                lastStep = (long) values[stepColumn];
                lastT = values[timeColumn];
            }
            rows++;
            if (rows % CHECK_EVERY == 0) {
                check.accept(rows);
            }
            return this;
        }

        @Override
        public boolean wantsCoefficients() {
            return coefficientsOut != null;
        }

        /** Writes the row of {@code coefficients.csv} for the row just added; {@code w} is not kept. */
        @Override
        public Streamed coefficients(double[] w) {
            if (coefficientsOut == null) {
                throw new IllegalStateException("this sink keeps no coefficients");
            }
            if (w.length != groups) {
                throw new IllegalArgumentException("expected " + groups + " coefficients, got " + w.length);
            }
            line.setLength(0);
            line.append(Numbers.format(lastStep)).append(',').append(Numbers.format(lastT));
            for (double x : w) {
                line.append(',').append(Numbers.format(x));
            }
            line.append('\n');
            write(coefficientsOut, line);
            return this;
        }

        private static void write(Writer to, CharSequence text) {
            try {
                to.append(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Streamed event(StageEvent event) {
            events.add(event);
            return this;
        }

        @Override
        public Streamed outcome(Outcome value) {
            this.outcome = value;
            return this;
        }

        @Override
        public Streamed diagnostic(String key, Object value) {
            diagnostics.put(key, value);
            return this;
        }

        /** Rows written so far. */
        public long rows() {
            return rows;
        }

        /** The run without its rows; call after the engine has set the outcome. */
        public Trajectory.Summary summary() {
            if (outcome == null) {
                throw new IllegalStateException("outcome not set");
            }
            return new Trajectory.Summary(columns, rows, events, outcome, diagnostics);
        }
    }

    /**
     * Reads a trajectory written by {@link #writeRows} (and its events, if an {@code events.csv}
     * sits beside it). The outcome is not in the CSV; it is set to completed at the last row.
     *
     * @throws IOException if the file cannot be read or is not a trajectory CSV
     */
    public static Trajectory read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IOException(csv + " is empty");
        }
        List<Column> columns = new ArrayList<>();
        for (String name : lines.get(0).split(",")) {
            Column match = null;
            for (Column c : Column.values()) {
                if (c.header().equals(name.trim())) {
                    match = c;
                }
            }
            if (match == null) {
                throw new IOException(csv + ": unknown column '" + name + "'");
            }
            columns.add(match);
        }
        Trajectory.Builder builder;
        try {
            builder = Trajectory.builder(columns);
        } catch (IllegalArgumentException e) {
            throw new IOException(csv + ": " + e.getMessage());
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",");
            if (fields.length != columns.size()) {
                throw new IOException(csv + " line " + (i + 1) + ": " + fields.length + " fields, expected " + columns.size());
            }
            double[] values = new double[fields.length];
            for (int j = 0; j < fields.length; j++) {
                try {
                    values[j] = Double.parseDouble(fields[j]);
                } catch (NumberFormatException e) {
                    throw new IOException(csv + " line " + (i + 1) + ": '" + fields[j] + "' is not a number");
                }
            }
            builder.add(values);
        }
        Path events = csv.resolveSibling("events.csv");
        if (Files.exists(events)) {
            List<String> eventLines = Files.readAllLines(events);
            for (int i = 1; i < eventLines.size(); i++) {
                String[] f = eventLines.get(i).split(",");
                if (f.length == 6) {
                    try {
                        builder.event(new StageEvent(f[0], Double.parseDouble(f[1]), Long.parseLong(f[2]),
                                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
                    } catch (NumberFormatException e) {
                        throw new IOException(events + " line " + (i + 1) + ": not a number (" + e.getMessage() + ")");
                    }
                }
            }
        }
        int last = builder.size() - 1;
        return builder.outcome(Outcome.completed(last, Double.NaN)).build();
    }

    /**
     * Writes the events of a trajectory with {@code columns}, header first: the third value is named
     * {@code bulk_rms} where the trajectory has that column (spectra other than the three-group one).
     */
    public static void writeEvents(List<Column> columns, List<StageEvent> events, Writer out) throws IOException {
        out.write(eventsHeader(columns));
        out.write('\n');
        for (StageEvent e : events) {
            out.write(e.name() + "," + Numbers.format(e.t()) + "," + e.step() + "," + Numbers.format(e.a()) + ","
                    + Numbers.format(e.b()) + "," + Numbers.format(e.c()) + "\n");
        }
    }
}
