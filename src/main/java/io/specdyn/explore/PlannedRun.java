package io.specdyn.explore;

import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.TrajectorySink;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run the page asks for, validated by the command line's own checks and not yet computed.
 *
 * @param argv      the arguments of {@code specdyn run} (without {@code run} and without
 *                  {@code --out}) that compute exactly this run
 * @param label     how the views name it, for example {@code GD, lr 0.02}
 * @param algorithm the rule or flow
 * @param model     the reduced problem (for the direction fields and the words); empty for a full run
 * @param columns   the trajectory's columns, in the order the engine fills them
 * @param engine    computes the run into a sink
 * @param rows      the rows it records
 * @param work      the work it asks for, in {@code workUnit}s
 * @param workUnit  {@code group-steps} for the reduced engine (steps times eigenvalue groups),
 *                  {@code multiply-adds} for the full engine (steps times m d min(m, d))
 * @param alignEps  its {@code --align-eps}: aligned once the alignment reaches {@code 1 - alignEps}
 */
public record PlannedRun(List<String> argv, String label, Algorithm algorithm, Optional<ReducedModel> model,
                         List<Column> columns, Consumer<TrajectorySink> engine, double rows, double work, String workUnit,
                         double alignEps) {

    public PlannedRun {
        argv = List.copyOf(argv);
        columns = List.copyOf(columns);
    }

    /** This run, named by other arguments that compute it. */
    public PlannedRun withArgv(List<String> value) {
        return new PlannedRun(value, label, algorithm, model, columns, engine, rows, work, workUnit, alignEps);
    }

    /** The command line that computes this run, ready to paste into a POSIX shell. */
    public String command() {
        StringBuilder s = new StringBuilder("specdyn run");
        for (String arg : argv) {
            s.append(' ').append(arg.matches("[A-Za-z0-9_.:=+/,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return s.toString();
    }
}
