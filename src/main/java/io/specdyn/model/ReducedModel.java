package io.specdyn.model;

/**
 * The phase-retrieval problem restricted to the invariant manifold: {@code W} diagonal in the
 * covariance eigenbasis, one coefficient {@code w_k} per eigenvalue group of a {@link GroupSpectrum}.
 *
 * <p>All quantities follow the project's conventions ({@code theory-notes/model.md}, sections 2 and 6,
 * after Braun, Bao, Huang and Imaizumi, arXiv:2601.22652): population loss {@code L = E[(f - y)^2] / 4},
 * mean output error {@code T = sum_k n_k lambda_k (w_k^2 - t_k) = E[f - y]}, gradient coefficient
 * {@code g_k = w_k h_k} with the <em>bracket</em> {@code h_k = lambda_k T + 2 lambda_k^2 (w_k^2 - t_k)};
 * SpecGF switches where a coefficient or its bracket changes sign.
 *
 * <p>{@code w^2 - t} is evaluated as {@code (w - t)(w + t)}, exact to rounding near the minimiser
 * {@code w = 1} of the signal, and every sum runs over the groups in order with the products in the
 * order written here, so that the three-group model (signal, spike, bulk) computes exactly what the
 * (a, b, c) formulas of the notes compute.
 *
 * <p>The three-group methods ({@code meanError(a, b, c)} and so on) are the (a, b, c) model's
 * names for the same quantities.
 */
public final class ReducedModel {

    private final GroupSpectrum groups;
    private final double[] lambda;
    private final double[] count;
    /** {@code n_k lambda_k}: the weight of {@code w_k^2 - t_k} in T. */
    private final double[] weight;
    /** {@code 2 lambda_k^2}, evaluated as {@code (2 lambda_k) lambda_k}. */
    private final double[] twoLambdaSquared;

    public ReducedModel(GroupSpectrum groups) {
        if (groups == null) {
            throw new IllegalArgumentException("spectrum is null");
        }
        this.groups = groups;
        int k = groups.groups();
        lambda = groups.eigenvalues();
        count = groups.multiplicities();
        weight = new double[k];
        twoLambdaSquared = new double[k];
        for (int i = 0; i < k; i++) {
            weight[i] = count[i] * lambda[i];
            twoLambdaSquared[i] = 2 * lambda[i] * lambda[i];
        }
    }

    /** The three-group model: eigenvalues {@code lt, lu, lp} on signal, spike and {@code d - 2} bulk directions. */
    public ReducedModel(long d, Spectrum spectrum) {
        this(GroupSpectrum.threeLevel(d, spectrum.lt(), spectrum.lu(), spectrum.lp(), 1));
    }

    /** The spiked problem {@code Sigma = I + kappa u u^T} in dimension {@code d}. */
    public static ReducedModel spiked(long d, double kappa) {
        return new ReducedModel(GroupSpectrum.spiked(d, kappa));
    }

    public GroupSpectrum groups() {
        return groups;
    }

    /** Number of groups {@code K}. */
    public int size() {
        return lambda.length;
    }

    public long d() {
        return groups.d();
    }

    /** Whether this is the (a, b, c) model: signal, named spike, bulk. */
    public boolean isThreeGroup() {
        return groups.isThreeGroup();
    }

    /**
     * The three eigenvalues of the (a, b, c) model.
     *
     * @throws IllegalStateException for a spectrum of other groups
     */
    public Spectrum spectrum() {
        requireThreeGroup();
        return new Spectrum(lambda[0], lambda[1], lambda[2]);
    }

    private void requireThreeGroup() {
        if (!isThreeGroup()) {
            throw new IllegalStateException("not a three-group (signal, spike, bulk) model: " + groups);
        }
    }

    /** The same kind of problem in dimension {@code value}. */
    public ReducedModel withD(long value) {
        return new ReducedModel(groups.withD(value));
    }

    /** The three-group model of the same dimension with eigenvalues {@code value}. */
    public ReducedModel withSpectrum(Spectrum value) {
        return new ReducedModel(d(), value);
    }

    public double eigenvalue(int k) {
        return lambda[k];
    }

    /** Number of directions sharing coefficient {@code k}. */
    public double multiplicity(int k) {
        return count[k];
    }

    /** {@code n_k lambda_k}, the weight of {@code w_k^2 - t_k} in T. */
    public double weight(int k) {
        return weight[k];
    }

    public double target(int k) {
        return groups.target(k);
    }

    /** Index of the signal's coefficient (0). */
    public int signal() {
        return GroupSpectrum.SIGNAL;
    }

    /** Index of the spike's coefficient (1). */
    public int spike() {
        return GroupSpectrum.SPIKE;
    }

    /** The teacher's mean output {@code E y = lambda} of the signal. */
    public double teacherMean() {
        return lambda[GroupSpectrum.SIGNAL];
    }

    /** {@code w_k^2 - t_k} as {@code (w_k - t_k)(w_k + t_k)}, times {@code factor} first. */
    private double excess(int k, double factor, double w) {
        return k == GroupSpectrum.SIGNAL ? factor * (w - 1) * (w + 1) : factor * w * w;
    }

    /** Mean output error {@code T = sum_k n_k lambda_k (w_k^2 - t_k) = E[f - y]}. */
    public double meanError(double[] w) {
        double t = 0;
        for (int k = 0; k < w.length; k++) {
            t += excess(k, weight[k], w[k]);
        }
        return t;
    }

    /** Bracket {@code h_k = lambda_k T + 2 lambda_k^2 (w_k^2 - t_k)} at mean error {@code t}, so that {@code g_k = w_k h_k}. */
    public double bracket(int k, double w, double t) {
        return lambda[k] * t + excess(k, twoLambdaSquared[k], w);
    }

    /** Bracket {@code h_k} at state {@code w}. */
    public double bracket(int k, double[] w) {
        return bracket(k, w[k], meanError(w));
    }

    /**
     * Partial derivative {@code dh_i / dw_j} of bracket {@code i}:
     * {@code 2 lambda_i n_j lambda_j w_j + 4 lambda_i^2 w_i [i = j]}.
     */
    public double bracketDerivative(int i, int j, double[] w) {
        double value = 2 * lambda[i] * count[j] * lambda[j] * w[j];
        if (i == j) {
            value += 4 * lambda[i] * lambda[i] * w[i];
        }
        return value;
    }

    /** Gradient coefficients {@code g_k = w_k h_k} of the population loss. */
    public double[] gradient(double[] w) {
        double t = meanError(w);
        double[] g = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            g[k] = w[k] * bracket(k, w[k], t);
        }
        return g;
    }

    /** Population loss {@code L = [T^2 + 2 sum_k n_k lambda_k^2 (w_k^2 - t_k)^2] / 4}. */
    public double loss(double[] w) {
        double t = meanError(w);
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            double e = excess(k, lambda[k], w[k]);
            sum += count[k] * e * e;
        }
        return 0.25 * (t * t + 2 * sum);
    }

    /**
     * Alignment {@code <M, theta theta^T>_F / |M|_F = w_s^2 / sqrt(sum_k n_k w_k^4)} of {@code M = W^T W}
     * with the signal; 0 when {@code W = 0}.
     */
    public double alignment(double[] w) {
        double norm = 0;
        for (int k = 0; k < w.length; k++) {
            double q = w[k] * w[k];
            norm += count[k] * q * q;
        }
        norm = Math.sqrt(norm);
        double s = w[GroupSpectrum.SIGNAL] * w[GroupSpectrum.SIGNAL];
        return norm > 0 ? s / norm : 0.0;
    }

    /**
     * Root mean square of the bulk coefficients: every group but the signal and the spike, weighted
     * by multiplicity; 0 when there is no bulk.
     */
    public double bulkRms(double[] w) {
        double sum = 0;
        double n = 0;
        for (int k = 2; k < w.length; k++) {
            sum += count[k] * w[k] * w[k];
            n += count[k];
        }
        return n > 0 ? Math.sqrt(sum / n) : 0.0;
    }

    /** The bulk as one number: its coefficient in the three-group model, its root mean square otherwise. */
    public double bulk(double[] w) {
        return isThreeGroup() ? w[2] : bulkRms(w);
    }

    // ----- the (a, b, c) model's names

    /** {@code (d - 2) lp}, the weight of {@code c^2} in {@code T}. */
    public double bulkWeight() {
        requireThreeGroup();
        return weight[2];
    }

    public double meanError(double a, double b, double c) {
        return meanError(new double[] {a, b, c});
    }

    /** Bracket of the signal, {@code h_a = lt T + 2 lt^2 (a^2 - 1)}. */
    public double bracketA(double a, double t) {
        return bracket(0, a, t);
    }

    /** Bracket of the spike, {@code h_b = lu T + 2 lu^2 b^2}. */
    public double bracketB(double b, double t) {
        return bracket(1, b, t);
    }

    /** Bracket of the bulk, {@code h_c = lp T + 2 lp^2 c^2}. */
    public double bracketC(double c, double t) {
        return bracket(2, c, t);
    }

    public Coefficients gradient(double a, double b, double c) {
        return Coefficients.of(gradient(new double[] {a, b, c}));
    }

    public double loss(double a, double b, double c) {
        return loss(new double[] {a, b, c});
    }

    public double alignment(double a, double b, double c) {
        return alignment(new double[] {a, b, c});
    }

    public double meanError(Coefficients x) {
        return meanError(x.toArray());
    }

    public double loss(Coefficients x) {
        return loss(x.toArray());
    }

    public double alignment(Coefficients x) {
        return alignment(x.toArray());
    }

    public Coefficients gradient(Coefficients x) {
        return gradient(x.a(), x.b(), x.c());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReducedModel m && groups.equals(m.groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }

    @Override
    public String toString() {
        return "ReducedModel[" + groups + "]";
    }
}
