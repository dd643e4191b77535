package io.specdyn.linalg;

import static org.bytedeco.openblas.global.openblas_full.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_full.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_full.CblasTrans;
import static org.bytedeco.openblas.global.openblas_full.CblasUpper;
import static org.bytedeco.openblas.global.openblas_full.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas_full.LAPACKE_dgeqrf;
import static org.bytedeco.openblas.global.openblas_full.LAPACKE_dgesdd_work;
import static org.bytedeco.openblas.global.openblas_full.LAPACKE_dorgqr;
import static org.bytedeco.openblas.global.openblas_full.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_full.cblas_dsyrk;
import static org.bytedeco.openblas.global.openblas_full.openblas_get_config;
import static org.bytedeco.openblas.global.openblas_full.openblas_get_corename;
import static org.bytedeco.openblas.global.openblas_full.openblas_set_num_threads;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;

/**
 * Kernels on OpenBLAS and its LAPACK, shipped as a Maven artifact (bytedeco's presets): no system
 * installation.
 *
 * <p>OpenBLAS always runs with {@link #THREADS} threads. Its multi-threaded LAPACK (the SVD of
 * SpecGD) sums in an order that depends on the thread count, so a fixed count, rather than the
 * machine's core count, is what makes a full run's output the same bits whatever specdyn's own
 * parallelism and whatever the number of cores. Two threads is what this project's reference
 * machine has.
 *
 * <p>The SVD calls the column-major LAPACK routine on the row-major buffer, that is on
 * {@code A^T}, with the two output buffers exchanged: {@code A^T = V S U^T} gives row-major
 * {@code V^T} and {@code U} without any transposition copy.
 */
final class OpenBlasKernels implements Kernels {
    /** OpenBLAS threads, fixed (see the class comment). */
    static final int THREADS = 2;

    private DoubleBuffer work = DoubleBuffer.allocate(0);
    private IntBuffer iwork = IntBuffer.allocate(0);
    private DoubleBuffer singular = DoubleBuffer.allocate(0);

    OpenBlasKernels() {
        openblas_set_num_threads(THREADS);
    }

    @Override
    public String name() {
        return "openblas " + openblas_get_config().getString().trim() + " (" + openblas_get_corename().getString()
                + ", " + THREADS + " threads)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DenseMatrix a, int lda,
                     DenseMatrix b, int ldb, double beta, DenseMatrix c, int ldc) {
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, a.buffer(), lda, b.buffer(), ldb, beta, c.buffer(), ldc);
    }

    @Override
    public void gram(DenseMatrix a, boolean transpose, DenseMatrix c) {
        int n = transpose ? a.cols() : a.rows();
        int k = transpose ? a.rows() : a.cols();
        if (c.rows() != n || c.cols() != n) {
            throw new IllegalArgumentException("gram output must be " + n + " x " + n);
        }
        cblas_dsyrk(CblasRowMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, n, k, 1.0, a.buffer(), a.cols(),
                0.0, c.buffer(), n);
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c.set(i, j, c.get(j, i));
            }
        }
    }

    @Override
    public synchronized int svd(DenseMatrix a, double[] s, DenseMatrix u, DenseMatrix vt) {
        int m = a.rows();
        int n = a.cols();
        int p = Math.min(m, n);
        if (s.length != p || u.rows() != m || u.cols() != p || vt.rows() != p || vt.cols() != n) {
            throw new IllegalArgumentException("svd output shapes do not agree");
        }
        if (singular.capacity() < p) {
            singular = direct(p);
            iwork = ByteBuffer.allocateDirect(4 * 8 * p).order(ByteOrder.nativeOrder()).asIntBuffer();
        }
        // the column-major problem is A^T (n x m): its U is our V^T (ldu = n), its V^T our U (ldvt = p)
        DoubleBuffer query = direct(1);
        int info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, (byte) 'S', n, m, a.buffer(), n, singular, vt.buffer(), n,
                u.buffer(), p, query, -1, iwork);
        if (info != 0) {
            return info;
        }
        int lwork = (int) query.get(0);
        if (work.capacity() < lwork) {
            work = direct(lwork);
        }
        info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, (byte) 'S', n, m, a.buffer(), n, singular, vt.buffer(), n,
                u.buffer(), p, work, work.capacity(), iwork);
        singular.get(0, s, 0, p);
        return info;
    }

    /** The column-major QR of the buffer is the QR of {@code a^T = Q^T L^T}; its Q read row-major is our Q. */
    @Override
    public void orthogonalFactor(DenseMatrix a) {
        int n = a.rows();
        if (a.cols() != n) {
            throw new IllegalArgumentException("orthogonalFactor needs a square matrix");
        }
        DoubleBuffer tau = direct(n);
        int info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, n, n, a.buffer(), n, tau);
        if (info != 0) {
            throw new ArithmeticException("QR failed (LAPACK info " + info + ")");
        }
        double[] sign = new double[n];
        for (int j = 0; j < n; j++) {
            sign[j] = a.at(j * n + j) < 0 ? -1 : 1;
        }
        info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, n, n, n, a.buffer(), n, tau);
        if (info != 0) {
            throw new ArithmeticException("QR failed (LAPACK info " + info + ")");
        }
        for (int j = 0; j < n; j++) {
            if (sign[j] < 0) {
                for (int i = 0; i < n; i++) {
                    a.setAt(j * n + i, -a.at(j * n + i));
                }
            }
        }
    }

    private static DoubleBuffer direct(int n) {
        return ByteBuffer.allocateDirect(8 * Math.max(1, n)).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }
}
