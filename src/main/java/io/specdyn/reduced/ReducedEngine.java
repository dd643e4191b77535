package io.specdyn.reduced;

import io.specdyn.trajectory.Trajectory;

/** Runs a reduced spec with the engine its algorithm needs: the discrete maps or the Hipparchus flows. */
public final class ReducedEngine {
    private ReducedEngine() {
    }

    /** Runs {@code spec} and adds its wall time to the diagnostics. */
    public static Trajectory run(ReducedRunSpec spec) {
        long start = System.nanoTime();
        Trajectory trajectory = spec.algorithm().isDiscrete() ? DiscreteMaps.run(spec) : ContinuousEngine.run(spec);
        return trajectory.withDiagnostic("wall_seconds", (System.nanoTime() - start) * 1e-9);
    }
}
