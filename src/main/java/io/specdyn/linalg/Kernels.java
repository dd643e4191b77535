package io.specdyn.linalg;

/**
 * The few dense kernels the full simulator needs. Matrices are row-major; each method says which
 * arguments it modifies. Obtain an implementation from {@link LinearAlgebra#kernels()}.
 */
public interface Kernels {

    /** A short name, for run manifests. */
    String name();

    /**
     * Kernels that run their calls on {@code threads} threads (at least 1). Single-threaded kernels
     * return themselves. Results are the same bits for the same thread count.
     */
    default Kernels withThreads(int threads) {
        return this;
    }

    /** The threads each call runs on. */
    default int threads() {
        return 1;
    }

    /**
     * General product on blocks: {@code C[0:m, 0:n] = alpha op(A) op(B) + beta C}, where
     * {@code op(A)} is {@code m x k} and {@code op(B)} is {@code k x n}, read with leading
     * dimensions {@code lda}, {@code ldb}, {@code ldc} (row strides). Modifies {@code c} only.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DenseMatrix a, int lda,
              DenseMatrix b, int ldb, double beta, DenseMatrix c, int ldc);

    /** {@code C = alpha op(A) op(B) + beta C} on whole matrices. Modifies {@code c} only. */
    default void gemm(boolean transA, boolean transB, double alpha, DenseMatrix a, DenseMatrix b, double beta,
                      DenseMatrix c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes do not agree");
        }
        gemm(transA, transB, m, n, k, alpha, a, a.cols(), b, b.cols(), beta, c, c.cols());
    }

    /**
     * Gram matrix, full and symmetric: {@code C = A^T A} if {@code transpose}, else {@code A A^T}.
     * Modifies {@code c} only.
     */
    void gram(DenseMatrix a, boolean transpose, DenseMatrix c);

    /**
     * Thin singular value decomposition {@code A = U diag(s) V^T}, singular values in decreasing
     * order; {@code A} is {@code m x n}, {@code U} is {@code m x p}, {@code V^T} is {@code p x n},
     * {@code p = min(m, n)}. Modifies {@code a} (destroyed), {@code s}, {@code u} and {@code vt}.
     *
     * @return 0 on success, a positive LAPACK-style code if the iteration did not converge
     */
    int svd(DenseMatrix a, double[] s, DenseMatrix u, DenseMatrix vt);

    /**
     * Replaces the square matrix {@code a} by the orthogonal factor {@code Q} of its LQ
     * decomposition {@code a = L Q} with {@code diag(L) > 0}, which is unique for a non-singular
     * {@code a}; for a Gaussian {@code a} it is a Haar-random orthogonal matrix. Modifies {@code a}.
     */
    void orthogonalFactor(DenseMatrix a);
}
