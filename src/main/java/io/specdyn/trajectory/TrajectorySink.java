package io.specdyn.trajectory;

import java.util.List;

/**
 * Where an engine puts a run as it computes it: rows in time order, the stage events, how the run
 * ended and the engine's counters. {@link Trajectory.Builder} keeps everything in memory for
 * analysis and figures; a sink that writes rows as they come (see {@code io.TrajectoryCsv}) lets a
 * run of any length go to disk in constant memory.
 *
 * <p>An engine calls {@link #add} once per row, {@link #event} for each event (a flow's events
 * carry the index of their row), and {@link #outcome} once, at the end.
 */
public interface TrajectorySink {

    /** Appends a row; {@code values} are in the sink's column order. */
    TrajectorySink add(double... values);

    /**
     * Whether this sink keeps every group's coefficient at each row: then a reduced engine calls
     * {@link #coefficients} after each {@link #add}.
     */
    default boolean wantsCoefficients() {
        return false;
    }

    /** Every group's coefficient at the row just added (only when {@link #wantsCoefficients()}); not kept by reference. */
    default TrajectorySink coefficients(double[] w) {
        return this;
    }

    TrajectorySink event(StageEvent event);

    default TrajectorySink events(List<StageEvent> more) {
        for (StageEvent e : more) {
            event(e);
        }
        return this;
    }

    TrajectorySink outcome(Outcome value);

    TrajectorySink diagnostic(String key, Object value);
}
