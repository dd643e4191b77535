package io.specdyn.reduced;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.Range;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.rules.Rules;
import io.specdyn.rules.UpdateRule;

/**
 * Everything a reduced run needs: the problem, the start (one coefficient per group), the
 * algorithm, its schedule, the alignment threshold of the {@code aligned} event, which steps of
 * a discrete map are written ({@code every}-th, and the last), the update rule of a discrete algorithm
 * (null for a flow), and whether the covariance's eigenbasis is the coordinate basis.
 *
 * <p>A basis-dependent rule (Adam, signGD) acts on the entries of W, which are the group coefficients
 * only when the eigenbasis is the coordinate basis; in any other basis its run leaves the manifold, so
 * the spec refuses it unless {@code coordinateBasis} ({@code theory-notes/update-rules.md}, section 4).
 */
public record ReducedRunSpec(ReducedModel model, State init, Algorithm algorithm, Schedule schedule,
                             double alignEps, long every, UpdateRule rule, boolean coordinateBasis) {

    public ReducedRunSpec {
        if (model == null || init == null || algorithm == null || schedule == null) {
            throw new IllegalArgumentException("model, init, algorithm and schedule are required");
        }
        if (algorithm.isDiscrete() != (rule != null)) {
            throw new IllegalArgumentException(algorithm.isDiscrete() ? algorithm.label() + " needs an update rule"
                    : algorithm.label() + " is a flow and takes no update rule");
        }
        if (rule != null && rule.algorithm() != algorithm) {
            throw new IllegalArgumentException("the rule of " + rule.algorithm().label() + " cannot run "
                    + algorithm.label());
        }
        if (rule != null && !rule.rotationEquivariant() && !coordinateBasis) {
            throw new InvalidSpecException("basis", "must be canonical for " + algorithm.label() + " on the reduced "
                    + "engine: it acts on single entries of W, which are the group coefficients only when the "
                    + "eigenbasis is the coordinate basis (run it with the full engine in any other basis)");
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

    /** A run of {@code algorithm} at its rule's defaults, in an unspecified eigenbasis. */
    public ReducedRunSpec(ReducedModel model, State init, Algorithm algorithm, Schedule schedule, double alignEps,
                          long every) {
        this(model, init, algorithm, schedule, alignEps, every, defaultRule(algorithm), false);
    }

    private static UpdateRule defaultRule(Algorithm algorithm) {
        return algorithm != null && algorithm.isDiscrete() ? Rules.of(algorithm) : null;
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
        return new ReducedRunSpec(value, init, algorithm, schedule, alignEps, every, rule, coordinateBasis);
    }

    public ReducedRunSpec withInit(State value) {
        return new ReducedRunSpec(model, value, algorithm, schedule, alignEps, every, rule, coordinateBasis);
    }

    /** A copy running {@code value}, a rule of a discrete algorithm (the schedule must be discrete). */
    public ReducedRunSpec withRule(UpdateRule value) {
        return new ReducedRunSpec(model, init, value.algorithm(), schedule, alignEps, every, value, coordinateBasis);
    }

    /** A copy that declares whether the eigenbasis is the coordinate basis. */
    public ReducedRunSpec withCoordinateBasis(boolean value) {
        return new ReducedRunSpec(model, init, algorithm, schedule, alignEps, every, rule, value);
    }

    public ReducedRunSpec withInit(Coefficients value) {
        return withInit(State.of(value));
    }

    /** A copy with another algorithm, at its rule's defaults, and the schedule that goes with it. */
    public ReducedRunSpec withAlgorithm(Algorithm value, Schedule matchingSchedule) {
        return new ReducedRunSpec(model, init, value, matchingSchedule, alignEps, every, defaultRule(value),
                coordinateBasis);
    }

    public ReducedRunSpec withSchedule(Schedule value) {
        return new ReducedRunSpec(model, init, algorithm, value, alignEps, every, rule, coordinateBasis);
    }

    public ReducedRunSpec withEvery(long value) {
        return new ReducedRunSpec(model, init, algorithm, schedule, alignEps, value, rule, coordinateBasis);
    }
}
