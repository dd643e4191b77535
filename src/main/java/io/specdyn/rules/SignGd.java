package io.specdyn.rules;

import io.specdyn.model.Algorithm;

/** Sign descent: {@code D = sign(G)} entry by entry, {@code sign 0 = 0}. Basis-dependent. */
public record SignGd() implements UpdateRule {

    static SignGd of(RuleSettings settings) {
        return new SignGd();
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.SIGNGD;
    }

    @Override
    public boolean rotationEquivariant() {
        return false;
    }

    @Override
    public <T> Optimizer<T> start(Space<T> space) {
        return (g, out) -> {
            for (int k = 0, n = space.size(); k < n; k++) {
                double v = space.get(g, k);
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException("the gradient is not finite");
                }
                space.set(out, k, Math.signum(v));
            }
        };
    }
}
