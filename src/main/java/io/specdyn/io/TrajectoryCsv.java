package io.specdyn.io;

import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.Outcome;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** CSV forms of a trajectory ({@code step,t,a,b,c,loss,alignment[,offmanifold]}) and of its events. */
public final class TrajectoryCsv {
    /** Header of {@code events.csv}. */
    public static final String EVENTS_HEADER = "name,t,step,a,b,c";

    private TrajectoryCsv() {
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
        for (int i = 0; i < trajectory.size(); i++) {
            line.setLength(0);
            for (int j = 0; j < columns.size(); j++) {
                if (j > 0) {
                    line.append(',');
                }
                line.append(columns.get(j) == Column.STEP ? Numbers.format((long) data[j][i]) : Numbers.format(data[j][i]));
            }
            line.append('\n');
            out.append(line);
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

    /** Writes the events, header first. */
    public static void writeEvents(List<StageEvent> events, Writer out) throws IOException {
        out.write(EVENTS_HEADER);
        out.write('\n');
        for (StageEvent e : events) {
            out.write(e.name() + "," + Numbers.format(e.t()) + "," + e.step() + "," + Numbers.format(e.a()) + ","
                    + Numbers.format(e.b()) + "," + Numbers.format(e.c()) + "\n");
        }
    }
}
