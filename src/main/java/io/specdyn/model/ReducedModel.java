package io.specdyn.model;

/**
 * The phase-retrieval problem restricted to the invariant manifold {@code (a, b, c)}: dimension
 * {@code d} and the covariance eigenvalues on signal, spike and bulk.
 *
 * <p>All quantities follow the project's conventions ({@code theory-notes/model.md}, after Braun,
 * Bao, Huang and Imaizumi, arXiv:2601.22652): population loss {@code L = E[(f - y)^2] / 4},
 * mean output error {@code T = tr(D Sigma) = E[f - y]}, gradient coefficients
 * {@code alpha, beta, gamma} with {@code grad L = alpha theta theta^T + beta u u^T + gamma P}.
 * Each gradient coefficient factors as the coefficient times a <em>bracket</em>,
 * {@code alpha = a h_a}; SpecGF switches where a coefficient or its bracket changes sign.
 *
 * <p>{@code a^2 - 1} is evaluated as {@code (a - 1)(a + 1)}, which is exact to rounding near the
 * minimiser {@code a = 1}.
 */
public record ReducedModel(int d, Spectrum spectrum) {

    /** Names of the three coefficients, by index. */
    public static final String[] NAMES = {"a", "b", "c"};

    public ReducedModel {
        Range.requireAtLeast("d", d, 3);
        if (spectrum == null) {
            throw new IllegalArgumentException("spectrum is null");
        }
    }

    /** The spiked problem {@code Sigma = I + kappa u u^T} in dimension {@code d}. */
    public static ReducedModel spiked(int d, double kappa) {
        return new ReducedModel(d, Spectrum.spiked(kappa));
    }

    public ReducedModel withD(int value) {
        return new ReducedModel(value, spectrum);
    }

    public ReducedModel withSpectrum(Spectrum value) {
        return new ReducedModel(d, value);
    }

    /** Number of directions sharing coefficient {@code i}: 1, 1 and {@code d - 2}. */
    public double multiplicity(int i) {
        return i == 2 ? d - 2 : 1;
    }

    /** {@code (d - 2) lp}, the weight of {@code c^2} in {@code T}. */
    public double bulkWeight() {
        return (d - 2) * spectrum.lp();
    }

    /** Mean output error {@code T = lt (a^2 - 1) + lu b^2 + (d - 2) lp c^2 = E[f - y]}. */
    public double meanError(double a, double b, double c) {
        Spectrum s = spectrum;
        return s.lt() * (a - 1) * (a + 1) + s.lu() * b * b + bulkWeight() * c * c;
    }

    /** Bracket of the signal, {@code h_a = lt T + 2 lt^2 (a^2 - 1)}, so that {@code alpha = a h_a}. */
    public double bracketA(double a, double t) {
        double lt = spectrum.lt();
        return lt * t + 2 * lt * lt * (a - 1) * (a + 1);
    }

    /** Bracket of the spike, {@code h_b = lu T + 2 lu^2 b^2}, so that {@code beta = b h_b}. */
    public double bracketB(double b, double t) {
        double lu = spectrum.lu();
        return lu * t + 2 * lu * lu * b * b;
    }

    /** Bracket of the bulk, {@code h_c = lp T + 2 lp^2 c^2}, so that {@code gamma = c h_c}. */
    public double bracketC(double c, double t) {
        double lp = spectrum.lp();
        return lp * t + 2 * lp * lp * c * c;
    }

    /** Bracket {@code h_i} of coefficient {@code i} at {@code x = (a, b, c)}. */
    public double bracket(int i, double[] x) {
        double t = meanError(x[0], x[1], x[2]);
        return switch (i) {
            case 0 -> bracketA(x[0], t);
            case 1 -> bracketB(x[1], t);
            case 2 -> bracketC(x[2], t);
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /**
     * Partial derivative {@code dh_i / dx_j} of bracket {@code i} with respect to coefficient
     * {@code j}: {@code 2 lambda_i mu_j lambda_j x_j + 4 lambda_i^2 x_i [i = j]}.
     */
    public double bracketDerivative(int i, int j, double[] x) {
        double li = spectrum.eigenvalue(i);
        double value = 2 * li * multiplicity(j) * spectrum.eigenvalue(j) * x[j];
        if (i == j) {
            value += 4 * li * li * x[i];
        }
        return value;
    }

    /** Gradient coefficients {@code (alpha, beta, gamma)} of the population loss. */
    public Coefficients gradient(double a, double b, double c) {
        double t = meanError(a, b, c);
        return new Coefficients(a * bracketA(a, t), b * bracketB(b, t), c * bracketC(c, t));
    }

    /**
     * Population loss {@code L = [T^2 + 2 (lt^2 (a^2-1)^2 + lu^2 b^4 + (d-2) lp^2 c^4)] / 4}.
     */
    public double loss(double a, double b, double c) {
        Spectrum s = spectrum;
        double t = meanError(a, b, c);
        double ea = s.lt() * (a - 1) * (a + 1);
        double eb = s.lu() * b * b;
        double ec = s.lp() * c * c;
        return 0.25 * (t * t + 2 * (ea * ea + eb * eb + (d - 2) * ec * ec));
    }

    /**
     * Alignment {@code <M, theta theta^T>_F / |M|_F = a^2 / sqrt(a^4 + b^4 + (d-2) c^4)} of
     * {@code M = W^T W} with the signal; 0 when {@code W = 0}.
     */
    public double alignment(double a, double b, double c) {
        double a2 = a * a;
        double b2 = b * b;
        double c2 = c * c;
        double norm = Math.sqrt(a2 * a2 + b2 * b2 + (d - 2) * c2 * c2);
        return norm > 0 ? a2 / norm : 0.0;
    }

    public double meanError(Coefficients x) {
        return meanError(x.a(), x.b(), x.c());
    }

    public double loss(Coefficients x) {
        return loss(x.a(), x.b(), x.c());
    }

    public double alignment(Coefficients x) {
        return alignment(x.a(), x.b(), x.c());
    }

    public Coefficients gradient(Coefficients x) {
        return gradient(x.a(), x.b(), x.c());
    }
}
