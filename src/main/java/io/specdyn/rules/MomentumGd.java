package io.specdyn.rules;

import io.specdyn.model.Algorithm;
import java.util.Map;

/**
 * Gradient descent with momentum, in PyTorch's SGD form (no dampening): {@code B <- beta B + G}, from
 * {@code B = 0}; the direction is {@code B} (heavy ball) or {@code G + beta B} (Nesterov).
 *
 * @param beta     the buffer's decay {@code beta} in [0, 1), default 0.9
 * @param nesterov Nesterov's look-ahead, default false (heavy ball)
 */
public record MomentumGd(double beta, boolean nesterov) implements UpdateRule {
    public static final double DEFAULT_BETA = 0.9;

    public MomentumGd {
        RuleSettings.DEFAULTS.withMomentum(beta);
    }

    static MomentumGd of(RuleSettings s) {
        return new MomentumGd(RuleSettings.or(s.momentum(), DEFAULT_BETA), RuleSettings.or(s.nesterov(), false));
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.MOMENTUM;
    }

    @Override
    public boolean rotationEquivariant() {
        return true;
    }

    @Override
    public int buffers() {
        return 1;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("momentum", beta, "nesterov", nesterov);
    }

    @Override
    public <T> Optimizer<T> start(Space<T> space) {
        T buffer = space.zeros();
        return (g, out) -> {
            for (int k = 0, n = space.size(); k < n; k++) {
                double gk = space.get(g, k);
                double b = beta * space.get(buffer, k) + gk;
                space.set(buffer, k, b);
                space.set(out, k, nesterov ? gk + beta * b : b);
            }
        };
    }
}
