package io.specdyn.rules;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.Kernels;
import io.specdyn.linalg.NewtonSchulz;
import io.specdyn.linalg.PolarFactor;

/**
 * The full engine's space: {@code m x d} matrices. The polar factor comes from a thin SVD
 * ({@link PolarFactor}), the Newton-Schulz iteration from Gram products on the smaller side
 * ({@link NewtonSchulz}); both allocate their workspaces on first use only. Not thread-safe.
 */
public final class MatrixSpace implements Space<DenseMatrix> {
    private final Kernels kernels;
    private final int rows;
    private final int cols;
    private PolarFactor polar;
    private NewtonSchulz newtonSchulz;

    public MatrixSpace(Kernels kernels, int rows, int cols) {
        this.kernels = kernels;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public DenseMatrix zeros() {
        return DenseMatrix.zeros(rows, cols);
    }

    @Override
    public int size() {
        return rows * cols;
    }

    @Override
    public double get(DenseMatrix x, int k) {
        return x.at(k);
    }

    @Override
    public void set(DenseMatrix x, int k, double value) {
        x.setAt(k, value);
    }

    @Override
    public double norm(DenseMatrix x) {
        return x.frobeniusNorm();
    }

    @Override
    public void polar(DenseMatrix g, DenseMatrix out) {
        if (polar == null) {
            polar = new PolarFactor(kernels, rows, cols);
        }
        polar.compute(g, out);
    }

    @Override
    public void newtonSchulz(DenseMatrix x, int steps, boolean bf16, DenseMatrix out) {
        if (newtonSchulz == null) {
            newtonSchulz = new NewtonSchulz(kernels, rows, cols);
        }
        newtonSchulz.iterate(x, steps, bf16, out);
    }

    @Override
    public double aspect() {
        return (double) rows / cols;
    }
}
