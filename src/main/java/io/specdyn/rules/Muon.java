package io.specdyn.rules;

import io.specdyn.model.Algorithm;
import java.util.Map;

/**
 * Muon as published (Jordan et al., 2024, {@code muon_update} and {@code zeropower_via_newtonschulz5}),
 * without weight decay: {@code M <- beta M + (1 - beta) G}; {@code U = (1 - beta) G + beta M} with Nesterov,
 * else {@code U = M}; {@code X = U / (|U|_F + eps)}; {@code steps} Newton-Schulz steps on {@code X}; the
 * direction is the result times {@code max(1, rows/cols)^0.5}. The published code runs the iteration in
 * bfloat16; this runs it in double unless {@code bf16} ({@code theory-notes/update-rules.md}, section 3).
 * With {@code polar}, the exact polar factor of {@code X} takes the place of the iteration: Muon's
 * momentum with SpecGD's direction, which isolates what the iteration's departure from the polar factor
 * changes.
 *
 * @param beta     momentum, default 0.95
 * @param nesterov default true
 * @param steps    Newton-Schulz steps, default 5
 * @param eps      default 1e-7
 * @param bf16     default false
 * @param polar    the exact polar factor instead of the iteration, default false
 */
public record Muon(double beta, boolean nesterov, int steps, double eps, boolean bf16, boolean polar)
        implements UpdateRule {
    public static final double DEFAULT_BETA = 0.95;
    public static final double DEFAULT_EPS = 1e-7;

    public Muon {
        new RuleSettings(beta, null, steps, eps, null, null, null, null, null);
        if (polar && bf16) {
            throw new io.specdyn.model.InvalidSpecException("ns-precision", "applies to the Newton-Schulz iteration, "
                    + "not to the exact polar factor (--orthogonalizer polar)");
        }
    }

    /** Muon as published: momentum 0.95, Nesterov, five steps, eps 1e-7, in double. */
    public static Muon published() {
        return of(RuleSettings.DEFAULTS);
    }

    static Muon of(RuleSettings s) {
        if ("polar".equals(s.orthogonalizer()) && s.nsSteps() != null) {
            throw new io.specdyn.model.InvalidSpecException("ns-steps", "applies to the Newton-Schulz iteration, not to "
                    + "the exact polar factor (--orthogonalizer polar)");
        }
        return new Muon(RuleSettings.or(s.momentum(), DEFAULT_BETA), RuleSettings.or(s.nesterov(), true),
                RuleSettings.or(s.nsSteps(), io.specdyn.linalg.NewtonSchulz.STEPS), RuleSettings.or(s.nsEps(), DEFAULT_EPS),
                RuleSettings.or(s.bf16(), false), "polar".equals(s.orthogonalizer()));
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.MUON;
    }

    /**
     * In double, yes: momentum is linear, the Frobenius norm and the iteration (a polynomial in
     * {@code X X^T} times {@code X}) commute with rotations. In bfloat16, no: rounding single entries of W
     * depends on the basis (measured: 3% of |D| for a random 5 x 7 gradient and random rotations,
     * {@code RulesTest}), so the full engine rounds the entries of W, as the published code does, and the
     * reduced run holds only in the coordinate basis.
     */
    @Override
    public boolean rotationEquivariant() {
        return !bf16;
    }

    @Override
    public int buffers() {
        return 2;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("momentum", beta, "nesterov", nesterov, "ns-steps", steps, "ns-eps", eps,
                "ns-precision", bf16 ? "bf16" : "double", "orthogonalizer", polar ? "polar" : "newton-schulz");
    }

    @Override
    public <T> Optimizer<T> start(Space<T> space) {
        T buffer = space.zeros();
        T x = space.zeros();
        double scale = Math.sqrt(Math.max(1.0, space.aspect()));
        return (g, out) -> {
            int n = space.size();
            for (int k = 0; k < n; k++) {
                double gk = space.get(g, k);
                double m = beta * space.get(buffer, k) + (1 - beta) * gk;
                space.set(buffer, k, m);
                double u = nesterov ? (1 - beta) * gk + beta * m : m;
                space.set(x, k, bf16 ? Bf16.round(u) : u);
            }
            double norm = space.norm(x);
            if (!Double.isFinite(norm)) {
                throw new ArithmeticException("the gradient is not finite");
            }
            double denominator = norm + eps;
            for (int k = 0; k < n; k++) {
                // 0 / 0 only for a zero U with eps = 0: the direction is then zero, as the polar factor's
                space.set(x, k, denominator > 0 ? space.get(x, k) / denominator : 0.0);
            }
            if (polar) {
                space.polar(x, out);
            } else {
                space.newtonSchulz(x, steps, bf16, out);
            }
            if (scale != 1.0) {
                for (int k = 0; k < n; k++) {
                    space.set(out, k, space.get(out, k) * scale);
                }
            }
        };
    }
}
