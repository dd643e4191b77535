package io.specdyn.rules;

import io.specdyn.model.Algorithm;
import java.util.Map;

/**
 * Adam, in PyTorch's formulas ({@code torch.optim.Adam}, no weight decay, not AMSGrad): at step
 * {@code t = 1, 2, ...}, {@code M <- beta1 M + (1 - beta1) G}, {@code V <- beta2 V + (1 - beta2) G^2}, and
 * the direction {@code (M / (1 - beta1^t)) / (sqrt(V) / sqrt(1 - beta2^t) + eps)}, entry by entry.
 * Basis-dependent.
 *
 * @param beta1 default 0.9
 * @param beta2 default 0.999
 * @param eps   default 1e-8
 */
public record Adam(double beta1, double beta2, double eps) implements UpdateRule {
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;

    public Adam {
        new RuleSettings(null, null, null, null, null, beta1, beta2, eps, null);
    }

    static Adam of(RuleSettings s) {
        return new Adam(RuleSettings.or(s.beta1(), DEFAULT_BETA1), RuleSettings.or(s.beta2(), DEFAULT_BETA2),
                RuleSettings.or(s.adamEps(), DEFAULT_EPS));
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.ADAM;
    }

    @Override
    public boolean rotationEquivariant() {
        return false;
    }

    @Override
    public int buffers() {
        return 2;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("beta1", beta1, "beta2", beta2, "adam-eps", eps);
    }

    @Override
    public <T> Optimizer<T> start(Space<T> space) {
        T first = space.zeros();
        T second = space.zeros();
        return new Optimizer<>() {
            private long step;

            @Override
            public void direction(T g, T out) {
                step++;
                double correction1 = 1 - Math.pow(beta1, step);
                double root2 = Math.sqrt(1 - Math.pow(beta2, step));
                for (int k = 0, n = space.size(); k < n; k++) {
                    double gk = space.get(g, k);
                    if (!Double.isFinite(gk)) {
                        throw new ArithmeticException("the gradient is not finite");
                    }
                    double m = beta1 * space.get(first, k) + (1 - beta1) * gk;
                    double v = beta2 * space.get(second, k) + (1 - beta2) * gk * gk;
                    space.set(first, k, m);
                    space.set(second, k, v);
                    space.set(out, k, (m / correction1) / (Math.sqrt(v) / root2 + eps));
                }
            }
        };
    }
}
