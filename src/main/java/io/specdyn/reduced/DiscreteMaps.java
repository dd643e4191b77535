package io.specdyn.reduced;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageTracker;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.util.List;

/**
 * The discrete GD and SpecGD maps on the invariant manifold.
 *
 * <p>GD: {@code x <- x - lr (alpha, beta, gamma)}. SpecGD: the polar factor of a matrix diagonal in
 * an orthonormal basis is the sign of each diagonal entry, so
 * {@code x <- x - lr (sign alpha, sign beta, sign gamma)} with {@code sign 0 = 0}; the sign of
 * {@code alpha = a h_a} is taken as {@code sign(a) sign(h_a)}, which cannot underflow to zero.
 */
public final class DiscreteMaps {

    /** The columns of a reduced discrete trajectory. */
    public static final List<Column> COLUMNS =
            List.of(Column.STEP, Column.T, Column.A, Column.B, Column.C, Column.LOSS, Column.ALIGNMENT);

    /** Receives each iterate, from step 0; returns false to stop the iteration. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(long step, double a, double b, double c, double meanError);
    }

    private DiscreteMaps() {
    }

    /**
     * Iterates the map from {@code (a, b, c)}, visiting the iterates of steps {@code 0..steps}
     * until the visitor asks to stop.
     *
     * @param spectral true for SpecGD, false for GD
     * @return the last step visited
     */
    public static long iterate(ReducedModel model, boolean spectral, double lr, long steps,
                               double a, double b, double c, Visitor visitor) {
        for (long k = 0; ; k++) {
            double t = model.meanError(a, b, c);
            if (!visitor.visit(k, a, b, c, t) || k == steps) {
                return k;
            }
            double ha = model.bracketA(a, t);
            double hb = model.bracketB(b, t);
            double hc = model.bracketC(c, t);
            if (spectral) {
                a -= lr * (Math.signum(a) * Math.signum(ha));
                b -= lr * (Math.signum(b) * Math.signum(hb));
                c -= lr * (Math.signum(c) * Math.signum(hc));
            } else {
                a -= lr * a * ha;
                b -= lr * b * hb;
                c -= lr * c * hc;
            }
        }
    }

    /** Runs a GD or SpecGD spec and records every step. */
    public static Trajectory run(ReducedRunSpec spec) {
        Trajectory.Builder rows = Trajectory.builder(COLUMNS);
        run(spec, rows);
        return rows.build();
    }

    /** Runs a GD or SpecGD spec and puts every step into {@code rows} (columns {@link #COLUMNS}). */
    public static void run(ReducedRunSpec spec, TrajectorySink rows) {
        if (!spec.algorithm().isDiscrete()) {
            throw new IllegalArgumentException(spec.algorithm().label() + " is not a discrete map");
        }
        Schedule.Discrete schedule = (Schedule.Discrete) spec.schedule();
        ReducedModel model = spec.model();
        double lr = schedule.lr();
        StageTracker tracker = new StageTracker(weights(model), spec.alignEps());
        Coefficients x0 = spec.init();
        long last = iterate(model, spec.algorithm() == Algorithm.SPECGD, lr, schedule.steps(), x0.a(), x0.b(), x0.c(),
                (k, a, b, c, meanError) -> {
                    double t = k * lr;
                    double alignment = model.alignment(a, b, c);
                    rows.add(k, t, a, b, c, model.loss(a, b, c), alignment);
                    return tracker.observe(k, t, a, b, c, meanError, alignment);
                });
        rows.events(tracker.finish());
        rows.outcome(tracker.diverged()
                ? Outcome.diverged(last, last * lr, "a coefficient left [-1e6, 1e6] or became non-finite")
                : Outcome.completed(last, last * lr));
        rows.diagnostic("steps", last);
    }

    /** How {@code T} depends on the coefficients of {@code model}, for the stage tracker. */
    public static StageTracker.Weights weights(ReducedModel model) {
        return new StageTracker.Weights(model.spectrum().lt(), model.spectrum().lu(), model.bulkWeight());
    }
}
