package io.specdyn.trajectory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of one run, produced by every engine and consumed by every analysis and figure:
 * rows of (step, t, a, b, c, loss, alignment[, offmanifold]), the stage events, how the run ended
 * and the engine's counters (evaluations, segments, wall time).
 *
 * <p>Immutable: column accessors return copies.
 */
public final class Trajectory {
    private final List<Column> columns;
    private final Map<Column, double[]> data;
    private final int size;
    private final List<StageEvent> events;
    private final Outcome outcome;
    private final Map<String, Object> diagnostics;

    private Trajectory(List<Column> columns, Map<Column, double[]> data, int size, List<StageEvent> events,
                       Outcome outcome, Map<String, Object> diagnostics) {
        this.columns = List.copyOf(columns);
        this.data = data;
        this.size = size;
        this.events = List.copyOf(events);
        this.outcome = outcome;
        this.diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** The columns present, in write order. */
    public List<Column> columns() {
        return columns;
    }

    public boolean has(Column column) {
        return data.containsKey(column);
    }

    /** Number of rows. */
    public int size() {
        return size;
    }

    /** A copy of one column. */
    public double[] column(Column column) {
        double[] values = data.get(column);
        if (values == null) {
            throw new IllegalArgumentException("trajectory has no column " + column.header());
        }
        return Arrays.copyOf(values, size);
    }

    /** One value. */
    public double get(Column column, int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException(row);
        }
        return data.get(column)[row];
    }

    public List<StageEvent> events() {
        return events;
    }

    /** The first event of the given name, if any. */
    public java.util.Optional<StageEvent> event(String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Engine counters, in insertion order (for example {@code rhs_evaluations}, {@code wall_seconds}). */
    public Map<String, Object> diagnostics() {
        return diagnostics;
    }

    /** Everything but the rows. */
    public Summary summary() {
        return new Summary(columns, size, events, outcome, diagnostics);
    }

    /**
     * A run without its rows: what a manifest and a summary line need, and all that a run written
     * to disk as it goes keeps in memory.
     *
     * @param rows   number of rows
     * @param events in time order
     */
    public record Summary(List<Column> columns, long rows, List<StageEvent> events, Outcome outcome,
                          Map<String, Object> diagnostics) {
        public Summary {
            columns = List.copyOf(columns);
            List<StageEvent> sorted = new ArrayList<>(events);
            sorted.sort((x, y) -> Double.compare(x.t(), y.t()));
            events = List.copyOf(sorted);
            diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
        }
    }

    /** A copy with one more diagnostic entry. */
    public Trajectory withDiagnostic(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(diagnostics);
        more.put(key, value);
        return new Trajectory(columns, data, size, events, outcome, more);
    }

    public static Builder builder(List<Column> columns) {
        return new Builder(columns);
    }

    /** Accumulates rows in memory; not thread-safe. */
    public static final class Builder implements TrajectorySink {
        private final List<Column> columns;
        private final Map<Column, double[]> data = new EnumMap<>(Column.class);
        private final List<StageEvent> events = new ArrayList<>();
        private final Map<String, Object> diagnostics = new LinkedHashMap<>();
        private int size;
        private Outcome outcome;

        private Builder(List<Column> columns) {
            if (columns.isEmpty() || columns.get(0) != Column.STEP || columns.get(1) != Column.T) {
                throw new IllegalArgumentException("a trajectory starts with the columns step and t");
            }
            this.columns = List.copyOf(columns);
            for (Column column : columns) {
                data.put(column, new double[16]);
            }
        }

        /** Appends a row; {@code values} are in column order. */
        @Override
        public Builder add(double... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
            }
            if (size == data.get(Column.STEP).length) {
                for (Map.Entry<Column, double[]> e : data.entrySet()) {
                    e.setValue(Arrays.copyOf(e.getValue(), 2 * size));
                }
            }
            for (int j = 0; j < values.length; j++) {
                data.get(columns.get(j))[size] = values[j];
            }
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        @Override
        public Builder event(StageEvent event) {
            events.add(event);
            return this;
        }

        @Override
        public Builder events(List<StageEvent> more) {
            events.addAll(more);
            return this;
        }

        @Override
        public Builder outcome(Outcome value) {
            this.outcome = value;
            return this;
        }

        @Override
        public Builder diagnostic(String key, Object value) {
            diagnostics.put(key, value);
            return this;
        }

        /** Builds the trajectory; events are sorted by time (stable). */
        public Trajectory build() {
            if (outcome == null) {
                throw new IllegalStateException("outcome not set");
            }
            Map<Column, double[]> trimmed = new EnumMap<>(Column.class);
            for (Map.Entry<Column, double[]> e : data.entrySet()) {
                trimmed.put(e.getKey(), Arrays.copyOf(e.getValue(), size));
            }
            List<StageEvent> sorted = new ArrayList<>(events);
            sorted.sort((x, y) -> Double.compare(x.t(), y.t()));
            return new Trajectory(columns, trimmed, size, sorted, outcome, diagnostics);
        }
    }
}
