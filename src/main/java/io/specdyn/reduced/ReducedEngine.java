package io.specdyn.reduced;

import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.util.List;

/** Runs a reduced spec with the engine its algorithm needs: the discrete maps or the Hipparchus flows. */
public final class ReducedEngine {
    /** The columns of the three-group (a, b, c) model. */
    public static final List<Column> THREE_GROUP_COLUMNS =
            List.of(Column.STEP, Column.T, Column.A, Column.B, Column.C, Column.LOSS, Column.ALIGNMENT);

    /**
     * The columns of any other spectrum: the signal's coefficient, the loss and the alignment, then the
     * spike's coefficient and the bulk's root mean square.
     */
    public static final List<Column> GROUP_COLUMNS =
            List.of(Column.STEP, Column.T, Column.A, Column.LOSS, Column.ALIGNMENT, Column.B, Column.BULK_RMS);

    private ReducedEngine() {
    }

    /** The trajectory columns of a run of {@code model}. */
    public static List<Column> columns(ReducedModel model) {
        return model.isThreeGroup() ? THREE_GROUP_COLUMNS : GROUP_COLUMNS;
    }

    /** Runs {@code spec} in memory and adds its wall time to the diagnostics. */
    public static Trajectory run(ReducedRunSpec spec) {
        Trajectory.Builder rows = Trajectory.builder(columns(spec.model()));
        run(spec, rows);
        return rows.build();
    }

    /** Runs {@code spec} into {@code sink} (columns {@link #columns}) and adds its wall time to the diagnostics. */
    public static void run(ReducedRunSpec spec, TrajectorySink sink) {
        long start = System.nanoTime();
        if (spec.algorithm().isDiscrete()) {
            DiscreteMaps.run(spec, sink);
        } else {
            ContinuousEngine.run(spec, sink);
        }
        sink.diagnostic("wall_seconds", (System.nanoTime() - start) * 1e-9);
    }

    /** Writes rows of a reduced run in the columns of its model, and every coefficient where the sink keeps them. */
    static final class RowWriter {
        private final ReducedModel model;
        private final TrajectorySink sink;
        private final boolean threeGroup;
        private final boolean coefficients;
        private final double[] buffer;

        RowWriter(ReducedModel model, TrajectorySink sink) {
            this.model = model;
            this.sink = sink;
            this.threeGroup = model.isThreeGroup();
            this.coefficients = sink.wantsCoefficients();
            this.buffer = coefficients ? new double[model.size()] : null;
        }

        /** The row of a discrete map at step {@code step}. */
        void row(long step, double t, GroupMap map, double alignment) {
            if (threeGroup) {
                sink.add(step, t, map.signal(), map.spike(), map.bulk(), map.loss(), alignment);
            } else {
                sink.add(step, t, map.signal(), map.loss(), alignment, map.spike(), map.bulkRms());
            }
            if (coefficients) {
                map.copyState(buffer);
                sink.coefficients(buffer);
            }
        }

        /** The row of a flow at state {@code w}. */
        void row(long step, double t, double[] w) {
            double loss = model.loss(w);
            double alignment = model.alignment(w);
            if (threeGroup) {
                sink.add(step, t, w[0], w[1], w[2], loss, alignment);
            } else {
                sink.add(step, t, w[0], loss, alignment, w[1], model.bulkRms(w));
            }
            if (coefficients) {
                sink.coefficients(w);
            }
        }
    }
}
