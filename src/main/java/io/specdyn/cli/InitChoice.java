package io.specdyn.cli;

import io.specdyn.model.Coefficients;

/** The value of {@code --init}: {@code iso}, {@code gaussian}, {@code orthogonal} or three coefficients {@code a,b,c}. */
sealed interface InitChoice {
    record Iso() implements InitChoice {
    }

    record Gaussian() implements InitChoice {
    }

    record Orthogonal() implements InitChoice {
    }

    record Triple(Coefficients coefficients) implements InitChoice {
    }
}
