package io.specdyn.full;

import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.LearningRate;
import io.specdyn.model.Range;
import io.specdyn.rules.Rules;
import io.specdyn.rules.UpdateRule;

/**
 * A full-matrix run: problem, start, loss, update rule, base learning rate, steps, recording interval
 * {@code every}, the alignment threshold of the {@code aligned} event, and the learning-rate schedule
 * {@code rate} (step {@code k} uses {@code rate.rate(lr, steps, k)}; time is the sum of the rates).
 */
public record FullRunSpec(FullProblem problem, FullInit init, LossSpec loss, UpdateRule rule, double lr,
                          long steps, int every, double alignEps, LearningRate rate) {

    /** A run of {@code algorithm} at its rule's defaults and at the constant rate {@code lr}. */
    public FullRunSpec(FullProblem problem, FullInit init, LossSpec loss, Algorithm algorithm, double lr,
                       long steps, int every, double alignEps) {
        this(problem, init, loss, rule(algorithm), lr, steps, every, alignEps, LearningRate.CONSTANT);
    }

    public FullRunSpec {
        if (problem == null || init == null || loss == null || rule == null) {
            throw new IllegalArgumentException("problem, init, loss and rule are required");
        }
        Range.POSITIVE.require("lr", lr);
        Range.requireAtLeast("steps", steps, 1);
        Range.requireAtLeast("every", every, 1);
        Range.OPEN_UNIT.require("align-eps", alignEps);
        if (rate == null) {
            throw new IllegalArgumentException("the learning-rate schedule is null");
        }
        rate.requireFits(lr);
    }

    private static UpdateRule rule(Algorithm algorithm) {
        if (algorithm == null || !algorithm.isDiscrete()) {
            throw new InvalidSpecException("algo", "must be a discrete rule for the full engine (got '"
                    + (algorithm == null ? "none" : algorithm.label()) + "')");
        }
        return Rules.of(algorithm);
    }

    /** The algorithm the rule runs. */
    public Algorithm algorithm() {
        return rule.algorithm();
    }

    /** A clock at step 0 of this run's schedule. */
    public LearningRate.Clock clock() {
        return rate.clock(lr, steps);
    }

    public FullRunSpec withRate(LearningRate value) {
        return new FullRunSpec(problem, init, loss, rule, lr, steps, every, alignEps, value);
    }

    /** A copy with another algorithm, at its rule's defaults. */
    public FullRunSpec withAlgorithm(Algorithm value) {
        return withRule(rule(value));
    }

    public FullRunSpec withRule(UpdateRule value) {
        return new FullRunSpec(problem, init, loss, value, lr, steps, every, alignEps, rate);
    }

    public FullRunSpec withProblem(FullProblem value) {
        return new FullRunSpec(value, init, loss, rule, lr, steps, every, alignEps, rate);
    }

    public FullRunSpec withLoss(LossSpec value) {
        return new FullRunSpec(problem, init, value, rule, lr, steps, every, alignEps, rate);
    }

    public FullRunSpec withInit(FullInit value) {
        return new FullRunSpec(problem, value, loss, rule, lr, steps, every, alignEps, rate);
    }

    public FullRunSpec withSteps(long value) {
        return new FullRunSpec(problem, init, loss, rule, lr, value, every, alignEps, rate);
    }

    public FullRunSpec withLr(double value) {
        return new FullRunSpec(problem, init, loss, rule, value, steps, every, alignEps, rate);
    }
}
