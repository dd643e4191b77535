package io.specdyn.reduced;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.Range;
import io.specdyn.model.ReducedModel;

/**
 * Everything a reduced run needs: the problem, the start, the algorithm, its schedule and the
 * alignment threshold of the {@code aligned} event.
 */
public record ReducedRunSpec(ReducedModel model, Coefficients init, Algorithm algorithm, Schedule schedule,
                             double alignEps) {

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
        for (int i = 0; i < 3; i++) {
            Range.FINITE.require("init", init.get(i));
        }
        Range.OPEN_UNIT.require("align-eps", alignEps);
    }

    public ReducedRunSpec withModel(ReducedModel value) {
        return new ReducedRunSpec(value, init, algorithm, schedule, alignEps);
    }

    public ReducedRunSpec withInit(Coefficients value) {
        return new ReducedRunSpec(model, value, algorithm, schedule, alignEps);
    }

    /** A copy with another algorithm and the schedule that goes with it. */
    public ReducedRunSpec withAlgorithm(Algorithm value, Schedule matchingSchedule) {
        return new ReducedRunSpec(model, init, value, matchingSchedule, alignEps);
    }

    public ReducedRunSpec withSchedule(Schedule value) {
        return new ReducedRunSpec(model, init, algorithm, value, alignEps);
    }
}
