package io.specdyn.full;

import io.specdyn.model.Range;

/** Which loss the full simulator descends. */
public sealed interface LossSpec {

    /** The population loss, in closed form. */
    record Population() implements LossSpec {
    }

    /**
     * The empirical loss on {@code n} samples: drawn once ({@code online = false}, empirical risk
     * minimisation) or afresh at every step ({@code online = true}).
     */
    record Samples(int n, boolean online) implements LossSpec {
        public Samples {
            Range.requireAtLeast("samples-n", n, 1);
        }
    }
}
