package io.specdyn.linalg;

/**
 * The polar factor {@code polar(G) = U V^T} of the thin SVD {@code G = U S V^T}, with directions of
 * (relatively) zero singular value dropped: SpecGD's update.
 *
 * <p>Exactly scale-invariant, without an epsilon: {@code G} is first multiplied by the power of two
 * that brings its largest entry into [1, 2). That product is exact in floating point, so
 * {@code polar(2^k G)} is {@code polar(G)} bit for bit, and for any other scale the two differ by
 * rounding only; gradients of norm 1e-30 or 1e+30 are handled like gradients of norm 1.
 *
 * <p>Singular values {@code s_i <= s_1 max(m, n) eps} count as zero (the rank convention of
 * LAPACK's and numpy's pseudo-inverse): the factor is then the partial isometry
 * {@code U_r V_r^T} on the remaining {@code r} directions. A zero {@code G} gives zero.
 *
 * <p>Holds its own workspaces for one shape; not thread-safe.
 */
public final class PolarFactor {
    private final Kernels kernels;
    private final DenseMatrix scaled;
    private final DenseMatrix u;
    private final DenseMatrix vt;
    private final double[] s;
    private int lastRank;

    public PolarFactor(Kernels kernels, int rows, int cols) {
        this.kernels = kernels;
        int p = Math.min(rows, cols);
        this.scaled = DenseMatrix.zeros(rows, cols);
        this.u = DenseMatrix.zeros(rows, p);
        this.vt = DenseMatrix.zeros(p, cols);
        this.s = new double[p];
    }

    /**
     * Writes {@code polar(g)} into {@code out}. Does not modify {@code g}.
     *
     * @throws ArithmeticException if {@code g} is not finite or the SVD does not converge
     */
    public void compute(DenseMatrix g, DenseMatrix out) {
        g.requireSameShape(scaled);
        out.requireSameShape(scaled);
        double max = g.maxAbs();
        if (!Double.isFinite(max)) {
            throw new ArithmeticException("the gradient is not finite");
        }
        if (max == 0) {
            out.fill(0.0);
            lastRank = 0;
            return;
        }
        double factor = Math.scalb(1.0, -Math.getExponent(max));
        for (int k = 0, n = g.size(); k < n; k++) {
            scaled.setAt(k, g.at(k) * factor);
        }
        int info = kernels.svd(scaled, s, u, vt);
        if (info != 0) {
            throw new ArithmeticException("the SVD did not converge (LAPACK info " + info + ")");
        }
        int rows = g.rows();
        int cols = g.cols();
        int p = s.length;
        double threshold = s[0] * Math.max(rows, cols) * Math.ulp(1.0);
        int r = 0;
        while (r < p && s[r] > threshold) {
            r++;
        }
        lastRank = r;
        if (r == 0) {
            out.fill(0.0);
            return;
        }
        kernels.gemm(false, false, rows, cols, r, 1.0, u, p, vt, cols, 0.0, out, cols);
    }

    /** The number of directions kept by the last {@link #compute}. */
    public int lastRank() {
        return lastRank;
    }

    /** The singular values of the last {@link #compute}'s (rescaled) input, decreasing; a copy. */
    public double[] lastSingularValues() {
        return s.clone();
    }
}
