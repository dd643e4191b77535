package io.specdyn.reduced;

import io.specdyn.model.Algorithm;
import io.specdyn.model.LearningRate;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageTracker;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;

/**
 * Runs the discrete GD and SpecGD maps of {@link GroupMap} on the invariant manifold, with stage
 * tracking, writing every {@code every}-th step and the last. Step {@code k} uses the schedule's
 * rate {@code lr_k}, and its time is {@code sum_{j<k} lr_j}.
 */
public final class DiscreteMaps {

    /** Receives each iterate, from step 0; returns false to stop the iteration. */
    @FunctionalInterface
    public interface Visitor {
        /** @param map the map at step {@code step}: its state and measurements, to read, not to keep */
        boolean visit(long step, GroupMap map);
    }

    private DiscreteMaps() {
    }

    /**
     * Iterates the map from {@code init}, visiting the iterates of steps {@code 0..steps} until the
     * visitor asks to stop.
     *
     * @param spectral true for SpecGD, false for GD
     * @return the last step visited
     */
    public static long iterate(ReducedModel model, boolean spectral, double lr, long steps, double[] init,
                               Visitor visitor) {
        GroupMap map = new GroupMap(model, init);
        for (long k = 0; ; k++) {
            if (!visitor.visit(k, map) || k == steps) {
                return k;
            }
            map.step(lr, spectral);
        }
    }

    /** Runs a GD or SpecGD spec and records its rows. */
    public static Trajectory run(ReducedRunSpec spec) {
        Trajectory.Builder rows = Trajectory.builder(ReducedEngine.columns(spec.model()));
        run(spec, rows);
        return rows.build();
    }

    /** Runs a GD or SpecGD spec into {@code rows} (columns {@link ReducedEngine#columns}). */
    public static void run(ReducedRunSpec spec, TrajectorySink rows) {
        if (!spec.algorithm().isDiscrete()) {
            throw new IllegalArgumentException(spec.algorithm().label() + " is not a discrete map");
        }
        Schedule.Discrete schedule = (Schedule.Discrete) spec.schedule();
        ReducedModel model = spec.model();
        LearningRate.Clock clock = schedule.clock();
        long steps = schedule.steps();
        long every = spec.every();
        boolean spectral = spec.algorithm() == Algorithm.SPECGD;
        StageTracker tracker = new StageTracker(model.teacherMean(), spec.alignEps());
        ReducedEngine.RowWriter writer = new ReducedEngine.RowWriter(model, rows);
        GroupMap map = new GroupMap(model, spec.init().toArray());
        long last;
        double tLast;
        for (long k = 0; ; k++) {
            double t = clock.time();
            double alignment = map.alignment();
            boolean go = tracker.observe(k, t, map.signal(), map.spike(), map.bulk(), map.meanError(), alignment,
                    map.change(), map.divergent());
            boolean end = !go || k == steps;
            if (end || k % every == 0) {
                writer.row(k, t, map, alignment);
            }
            if (end) {
                last = k;
                tLast = t;
                break;
            }
            map.step(clock.rate(), spectral);
            clock.advance();
        }
        rows.events(tracker.finish());
        rows.outcome(tracker.diverged()
                ? Outcome.diverged(last, tLast, "a coefficient left [-1e6, 1e6] or became non-finite")
                : Outcome.completed(last, tLast));
        rows.diagnostic("steps", last);
    }
}
