package io.specdyn.rules;

import io.specdyn.model.Algorithm;
import java.util.Map;

/**
 * A discrete update rule: from the gradient {@code G_k} of step {@code k}, the direction {@code D_k} of
 * the step {@code W <- W - lr_k D_k}. The learning rate and its schedule belong to the engine
 * ({@link io.specdyn.model.LearningRate}); a rule sees gradients only.
 *
 * <p>A rule is an immutable value: its name and hyper-parameters. {@link #start} makes its state for
 * one run (momentum buffers, Adam's moments) on the engine's {@link Space}. Each rule is written once,
 * against the space, so the reduced and the full engine run the same code
 * ({@code theory-notes/update-rules.md}).
 */
public interface UpdateRule {

    /** The algorithm this rule runs, whose label names it on the command line and in files. */
    Algorithm algorithm();

    /**
     * Whether {@code D(G Q) = D(G) Q} for every orthogonal {@code Q} (and from the left): then the rule
     * reduces onto the eigenvalue groups in any eigenbasis. A rule that acts on single entries is
     * basis-dependent, and its reduced form holds only when the eigenbasis is the coordinate basis.
     */
    boolean rotationEquivariant();

    /** The rule's hyper-parameters, by their option names without dashes, for manifests; none by default. */
    default Map<String, Object> settings() {
        return Map.of();
    }

    /** The tensors of the space's shape that the rule's state holds (for memory plans); none by default. */
    default int buffers() {
        return 0;
    }

    /** A fresh state of this rule, for one run on {@code space}. */
    <T> Optimizer<T> start(Space<T> space);

    /** One run's rule with its state. Not thread-safe. */
    interface Optimizer<T> {
        /**
         * Writes the direction of this step from {@code gradient} into {@code direction}, and advances the
         * state. Does not modify {@code gradient}.
         *
         * @throws ArithmeticException if the direction cannot be computed (a non-finite gradient)
         */
        void direction(T gradient, T direction);
    }
}
