package io.specdyn.rules;

import io.specdyn.model.Algorithm;

/** Normalised gradient descent: {@code D = G / |G|_F}, zero for a zero gradient. */
public record NormalizedGd() implements UpdateRule {

    static NormalizedGd of(RuleSettings settings) {
        return new NormalizedGd();
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.NGD;
    }

    @Override
    public boolean rotationEquivariant() {
        return true;
    }

    @Override
    public <T> Optimizer<T> start(Space<T> space) {
        return (g, out) -> {
            double norm = space.norm(g);
            if (!Double.isFinite(norm)) {
                throw new ArithmeticException("the gradient is not finite");
            }
            for (int k = 0, n = space.size(); k < n; k++) {
                space.set(out, k, norm > 0 ? space.get(g, k) / norm : 0.0);
            }
        };
    }
}
