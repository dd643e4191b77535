package io.specdyn.experiments;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.reduced.IntegratorSettings;
import io.specdyn.reduced.ReducedEngine;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.reduced.Schedule;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;

/** The reduced runs the experiments make, from the isotropic start {@code W0 = s I}. */
final class Runs {
    private Runs() {
    }

    /** A discrete map (GD or SpecGD) run to time {@code tEnd}, every step recorded. */
    static Trajectory discrete(ReducedModel model, double s, Algorithm algorithm, double lr, double tEnd) {
        return ReducedEngine.run(new ReducedRunSpec(model, State.isotropic(model.size(), s), algorithm,
                new Schedule.Discrete(lr, Math.round(tEnd / lr)), Stages.DEFAULT_ALIGN_EPS));
    }

    /** A flow (GF or SpecGF) to {@code tEnd}, sampled at {@code samples} times plus its events. */
    static Trajectory flow(ReducedModel model, double s, Algorithm algorithm, double tEnd, int samples) {
        return ReducedEngine.run(new ReducedRunSpec(model, Coefficients.isotropic(s), algorithm,
                new Schedule.Continuous(tEnd, samples, IntegratorSettings.defaults()), Stages.DEFAULT_ALIGN_EPS));
    }
}
