package io.specdyn.reduced;

import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.util.List;

/** Runs a reduced spec with the engine its algorithm needs: the discrete maps or the Hipparchus flows. */
public final class ReducedEngine {
    /** The columns of every reduced trajectory. */
    public static final List<Column> COLUMNS = DiscreteMaps.COLUMNS;

    private ReducedEngine() {
    }

    /** Runs {@code spec} in memory and adds its wall time to the diagnostics. */
    public static Trajectory run(ReducedRunSpec spec) {
        Trajectory.Builder rows = Trajectory.builder(COLUMNS);
        run(spec, rows);
        return rows.build();
    }

    /** Runs {@code spec} into {@code sink} (columns {@link #COLUMNS}) and adds its wall time to the diagnostics. */
    public static void run(ReducedRunSpec spec, TrajectorySink sink) {
        long start = System.nanoTime();
        if (spec.algorithm().isDiscrete()) {
            DiscreteMaps.run(spec, sink);
        } else {
            ContinuousEngine.run(spec, sink);
        }
        sink.diagnostic("wall_seconds", (System.nanoTime() - start) * 1e-9);
    }
}
