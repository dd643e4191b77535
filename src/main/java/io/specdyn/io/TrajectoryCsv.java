package io.specdyn.io;

import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Trajectory;
import java.io.IOException;
import java.io.Writer;
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
