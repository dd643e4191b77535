package io.specdyn.rules;

import io.specdyn.linalg.NewtonSchulz;

/**
 * The reduced engine's space: one number per eigenvalue group, the common diagonal entry of the group's
 * {@code n_k} directions of a matrix that is diagonal in the covariance eigenbasis (the square
 * {@code d x d} W of the invariant manifold).
 *
 * <p>Such a matrix's Frobenius norm is {@code sqrt(sum_k n_k x_k^2)}; its polar factor is the sign of each
 * diagonal entry; its singular values are {@code |x_k|} with the eigenbasis as singular vectors, so the
 * Newton-Schulz iteration, an odd polynomial in the matrix, maps each entry by the scalar iteration
 * {@link NewtonSchulz#scalar} ({@code theory-notes/update-rules.md}, section 2).
 */
public final class GroupSpace implements Space<double[]> {
    private final double[] count;

    /** @param multiplicities each group's number of directions {@code n_k >= 1} */
    public GroupSpace(double[] multiplicities) {
        for (double n : multiplicities) {
            if (!(n >= 1)) {
                throw new IllegalArgumentException("a multiplicity must be at least 1, got " + n);
            }
        }
        this.count = multiplicities.clone();
    }

    @Override
    public double[] zeros() {
        return new double[count.length];
    }

    @Override
    public int size() {
        return count.length;
    }

    @Override
    public double get(double[] x, int k) {
        return x[k];
    }

    @Override
    public void set(double[] x, int k, double value) {
        x[k] = value;
    }

    /** {@code sqrt(sum_k n_k x_k^2)}, scaled by the largest entry so that it neither overflows nor underflows. */
    @Override
    public double norm(double[] x) {
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            double v = x[k] / scale;
            sum += count[k] * v * v;
        }
        return scale * Math.sqrt(sum);
    }

    @Override
    public void polar(double[] g, double[] out) {
        for (int k = 0; k < g.length; k++) {
            if (!Double.isFinite(g[k])) {
                throw new ArithmeticException("the gradient is not finite");
            }
            out[k] = Math.signum(g[k]);
        }
    }

    @Override
    public void newtonSchulz(double[] x, int steps, boolean bf16, double[] out) {
        for (int k = 0; k < x.length; k++) {
            out[k] = NewtonSchulz.scalar(x[k], steps, bf16);
        }
    }

    /** The manifold's W is square. */
    @Override
    public double aspect() {
        return 1.0;
    }
}
