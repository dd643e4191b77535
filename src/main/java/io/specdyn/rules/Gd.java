package io.specdyn.rules;

import io.specdyn.model.Algorithm;

/** Gradient descent: {@code D = G}. */
public record Gd() implements UpdateRule {

    static Gd of(RuleSettings settings) {
        return new Gd();
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.GD;
    }

    @Override
    public boolean rotationEquivariant() {
        return true;
    }

    @Override
    public <T> Optimizer<T> start(Space<T> space) {
        return (g, out) -> {
            for (int k = 0, n = space.size(); k < n; k++) {
                space.set(out, k, space.get(g, k));
            }
        };
    }
}
