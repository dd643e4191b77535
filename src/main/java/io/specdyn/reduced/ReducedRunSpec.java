package io.specdyn.reduced;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.Range;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;

/**
 * Everything a reduced run needs: the problem, the start (one coefficient per group), the
 * algorithm, its schedule, the alignment threshold of the {@code aligned} event, and which steps of
 * a discrete map are written ({@code every}-th, and the last).
 */
public record ReducedRunSpec(ReducedModel model, State init, Algorithm algorithm, Schedule schedule,
                             double alignEps, long every) {

    public ReducedRunSpec {
        if (model == null || init == null || algorithm == null || schedule == null) {
            throw new IllegalArgumentException("model, init, algorithm and schedule are required");
        }
        if (algorithm == Algorithm.MUON) {
            throw new InvalidSpecException("algo", "muon runs on the full engine only");
        }
        boolean discreteSchedule = schedule instanceof Schedule.Discrete;
        if (algorithm.isDiscrete() != discreteSchedule) {
            throw new IllegalArgumentException(algorithm.label() + " needs a "
                    + (algorithm.isDiscrete() ? "discrete" : "continuous") + " schedule");
        }
        if (init.size() != model.size()) {
            throw new InvalidSpecException("init", "must give " + model.size() + " coefficients, one per group (got "
                    + init.size() + ")");
        }
        for (int i = 0; i < init.size(); i++) {
            Range.FINITE.require("init", init.get(i));
        }
        Range.OPEN_UNIT.require("align-eps", alignEps);
        Range.requireAtLeast("every", every, 1);
    }

    /** A three-group run from (a, b, c), every step written. */
    public ReducedRunSpec(ReducedModel model, Coefficients init, Algorithm algorithm, Schedule schedule, double alignEps) {
        this(model, State.of(init), algorithm, schedule, alignEps, 1);
    }

    /** A run from {@code init}, every step written. */
    public ReducedRunSpec(ReducedModel model, State init, Algorithm algorithm, Schedule schedule, double alignEps) {
        this(model, init, algorithm, schedule, alignEps, 1);
    }

    public ReducedRunSpec withModel(ReducedModel value) {
        return new ReducedRunSpec(value, init, algorithm, schedule, alignEps, every);
    }

    public ReducedRunSpec withInit(State value) {
        return new ReducedRunSpec(model, value, algorithm, schedule, alignEps, every);
    }

    public ReducedRunSpec withInit(Coefficients value) {
        return withInit(State.of(value));
    }

    /** A copy with another algorithm and the schedule that goes with it. */
    public ReducedRunSpec withAlgorithm(Algorithm value, Schedule matchingSchedule) {
        return new ReducedRunSpec(model, init, value, matchingSchedule, alignEps, every);
    }

    public ReducedRunSpec withSchedule(Schedule value) {
        return new ReducedRunSpec(model, init, algorithm, value, alignEps, every);
    }

    public ReducedRunSpec withEvery(long value) {
        return new ReducedRunSpec(model, init, algorithm, schedule, alignEps, value);
    }
}
