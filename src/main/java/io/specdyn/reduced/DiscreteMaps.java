package io.specdyn.reduced;

import io.specdyn.model.LearningRate;
import io.specdyn.model.ReducedModel;
import io.specdyn.rules.Gd;
import io.specdyn.rules.GroupSpace;
import io.specdyn.rules.SpecGd;
import io.specdyn.rules.UpdateRule;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageTracker;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;

/**
 * Runs the discrete update rules on the invariant manifold, with stage tracking, writing every
 * {@code every}-th step and the last. Step {@code k} uses the schedule's rate {@code lr_k}, and its time is
 * {@code sum_{j<k} lr_j}.
 *
 * <p>GD and SpecGD step by {@link GroupMap}'s fused pass. Every other rule runs its own code on the
 * groups ({@link GroupSpace}): the map writes the gradient of each group, the rule turns it into a
 * direction, and the map descends along it and measures the new state.
 */
public final class DiscreteMaps {

    /** One step of a rule on a map. */
    @FunctionalInterface
    private interface Stepper {
        void step(double lr);
    }

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
        return iterate(model, spectral ? new SpecGd() : new Gd(), LearningRate.CONSTANT, lr, steps, init, visitor);
    }

    /**
     * Iterates {@code rule} with the schedule {@code rate} (base rate {@code lr} over {@code steps} steps) from
     * {@code init}, visiting the iterates of steps {@code 0..steps} until the visitor asks to stop. A
     * basis-dependent rule runs as if the eigenbasis were the coordinate basis.
     *
     * @return the last step visited
     */
    public static long iterate(ReducedModel model, UpdateRule rule, LearningRate rate, double lr, long steps,
                               double[] init, Visitor visitor) {
        GroupMap map = new GroupMap(model, init);
        Stepper stepper = stepper(model, rule, map);
        LearningRate.Clock clock = rate.clock(lr, steps);
        for (long k = 0; ; k++) {
            if (!visitor.visit(k, map) || k == steps) {
                return k;
            }
            stepper.step(clock.rate());
            clock.advance();
        }
    }

    /** The step of {@code rule} on {@code map}: the fused pass for GD and SpecGD, else the rule's own code. */
    private static Stepper stepper(ReducedModel model, UpdateRule rule, GroupMap map) {
        if (rule instanceof Gd) {
            return lr -> map.step(lr, false);
        }
        if (rule instanceof SpecGd) {
            return lr -> map.step(lr, true);
        }
        double[] count = new double[model.size()];
        for (int k = 0; k < count.length; k++) {
            count[k] = model.multiplicity(k);
        }
        UpdateRule.Optimizer<double[]> optimizer = rule.start(new GroupSpace(count));
        double[] gradient = new double[count.length];
        double[] direction = new double[count.length];
        return lr -> {
            map.gradient(gradient);
            optimizer.direction(gradient, direction);
            map.descend(lr, direction);
        };
    }

    /** Runs a spec of a discrete rule and records its rows. */
    public static Trajectory run(ReducedRunSpec spec) {
        Trajectory.Builder rows = Trajectory.builder(ReducedEngine.columns(spec.model()));
        run(spec, rows);
        return rows.build();
    }

    /** Runs a spec of a discrete rule into {@code rows} (columns {@link ReducedEngine#columns}). */
    public static void run(ReducedRunSpec spec, TrajectorySink rows) {
        if (!spec.algorithm().isDiscrete()) {
            throw new IllegalArgumentException(spec.algorithm().label() + " is not a discrete map");
        }
        Schedule.Discrete schedule = (Schedule.Discrete) spec.schedule();
        ReducedModel model = spec.model();
        LearningRate.Clock clock = schedule.clock();
        long steps = schedule.steps();
        long every = spec.every();
        StageTracker tracker = new StageTracker(model.teacherMean(), spec.alignEps());
        ReducedEngine.RowWriter writer = new ReducedEngine.RowWriter(model, rows);
        GroupMap map = new GroupMap(model, spec.init().toArray());
        Stepper stepper = stepper(model, spec.rule(), map);
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
            // the tracker stops a run whose coefficients leave [-1e6, 1e6], so the gradient a rule sees is finite
            stepper.step(clock.rate());
            clock.advance();
        }
        rows.events(tracker.finish());
        rows.outcome(tracker.diverged()
                ? Outcome.diverged(last, tLast, "a coefficient left [-1e6, 1e6] or became non-finite")
                : Outcome.completed(last, tLast));
        rows.diagnostic("steps", last);
    }
}
