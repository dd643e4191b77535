package io.specdyn.full;

import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.LearningRate;
import io.specdyn.model.Range;

/**
 * A full-matrix run: problem, start, loss, optimiser ({@code gd}, {@code specgd}, {@code muon}),
 * base learning rate, steps, recording interval {@code every}, Muon's Nesterov momentum, the
 * alignment threshold of the {@code aligned} event, and the learning-rate schedule {@code rate}
 * (step {@code k} uses {@code rate.rate(lr, steps, k)}; time is the sum of the rates).
 */
public record FullRunSpec(FullProblem problem, FullInit init, LossSpec loss, Algorithm algorithm, double lr,
                          long steps, int every, double momentum, double alignEps, LearningRate rate) {

    /** A run at the constant rate {@code lr}. */
    public FullRunSpec(FullProblem problem, FullInit init, LossSpec loss, Algorithm algorithm, double lr,
                       long steps, int every, double momentum, double alignEps) {
        this(problem, init, loss, algorithm, lr, steps, every, momentum, alignEps, LearningRate.CONSTANT);
    }

    public FullRunSpec {
        if (problem == null || init == null || loss == null || algorithm == null) {
            throw new IllegalArgumentException("problem, init, loss and algorithm are required");
        }
        if (!algorithm.isDiscrete()) {
            throw new InvalidSpecException("algo", "must be gd, specgd or muon for the full engine (got '"
                    + algorithm.label() + "')");
        }
        Range.POSITIVE.require("lr", lr);
        Range.requireAtLeast("steps", steps, 1);
        Range.requireAtLeast("every", every, 1);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidSpecException("momentum", "must be a number in [0, 1) (got " + momentum + ")");
        }
        if (momentum != 0 && algorithm != Algorithm.MUON) {
            throw new InvalidSpecException("momentum", "applies to muon only");
        }
        Range.OPEN_UNIT.require("align-eps", alignEps);
        if (rate == null) {
            throw new IllegalArgumentException("the learning-rate schedule is null");
        }
        rate.requireFits(lr);
    }

    /** A clock at step 0 of this run's schedule. */
    public LearningRate.Clock clock() {
        return rate.clock(lr, steps);
    }

    public FullRunSpec withRate(LearningRate value) {
        return new FullRunSpec(problem, init, loss, algorithm, lr, steps, every, momentum, alignEps, value);
    }

    public FullRunSpec withAlgorithm(Algorithm value) {
        return new FullRunSpec(problem, init, loss, value, lr, steps, every, momentum, alignEps, rate);
    }

    public FullRunSpec withProblem(FullProblem value) {
        return new FullRunSpec(value, init, loss, algorithm, lr, steps, every, momentum, alignEps, rate);
    }

    public FullRunSpec withLoss(LossSpec value) {
        return new FullRunSpec(problem, init, value, algorithm, lr, steps, every, momentum, alignEps, rate);
    }

    public FullRunSpec withInit(FullInit value) {
        return new FullRunSpec(problem, value, loss, algorithm, lr, steps, every, momentum, alignEps, rate);
    }

    public FullRunSpec withSteps(long value) {
        return new FullRunSpec(problem, init, loss, algorithm, lr, value, every, momentum, alignEps, rate);
    }

    public FullRunSpec withLr(double value) {
        return new FullRunSpec(problem, init, loss, algorithm, value, steps, every, momentum, alignEps, rate);
    }
}
