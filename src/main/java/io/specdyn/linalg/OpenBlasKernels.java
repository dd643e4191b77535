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
 * <p>Threads: each instance has a thread budget ({@link #withThreads}), and a call uses it only where
 * the call is large enough to pay for it, at least {@link #PARALLEL_CALL_FLOPS} operations (a product
 * or a Gram matrix of size about 512 and more, and the QR of the random basis); every other call
 * runs on the caller's thread alone. The SVD always does: its LAPACK routine makes hundreds of short
 * calls per decomposition, each a fork and a join of the workers, so threads gain little on their own
 * (438 against 480 ms at d = 1024) and lose much when other processes hold the cores (a worker that
 * must wait for a time slice at every join). OpenBLAS holds one process-wide count, so each call
 * sets it (when another was last used) under one process-wide lock: a call never runs on another
 * call's count, whatever the Java threads do.
 *
 * <p>OpenBLAS's idle workers spin before they sleep, {@code 2^OPENBLAS_THREAD_TIMEOUT} cycles
 * (default 2^28, a good fraction of a second), taking a core from the caller's single-threaded work
 * when other processes hold the rest. The variable is read when the library loads, so it can only be
 * set in the JVM's environment (the {@code specdyn} launcher sets it). A process whose calls are all
 * below the threshold never wakes the workers.
 *
 * <p>The SVD calls the column-major LAPACK routine on the row-major buffer, that is on
 * {@code A^T}, with the two output buffers exchanged: {@code A^T = V S U^T} gives row-major
 * {@code V^T} and {@code U} without any transposition copy.
 */
final class OpenBlasKernels implements Kernels {
    /** Operations from which a call runs on the budget's threads: a product of three 512 x 512 factors. */
    static final double PARALLEL_CALL_FLOPS = 2.0 * 512 * 512 * 512;

    /** Guards OpenBLAS's process-wide thread count and every call that depends on it. */
    private static final Object LOCK = new Object();
    /** The count OpenBLAS was last set to (guarded by {@link #LOCK}); 0 before the first call. */
    private static int current;

    private final int threads;
    private DoubleBuffer work = DoubleBuffer.allocate(0);
    private IntBuffer iwork = IntBuffer.allocate(0);
    private DoubleBuffer singular = DoubleBuffer.allocate(0);

    /** Single-threaded kernels. */
    OpenBlasKernels() {
        this(1);
    }

    private OpenBlasKernels(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 (got " + threads + ")");
        }
        this.threads = threads;
        // loads the library now, so that a missing native library shows at construction
        openblas_get_config();
    }

    @Override
    public Kernels withThreads(int count) {
        return count == threads ? this : new OpenBlasKernels(count);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "openblas " + openblas_get_config().getString().trim() + " (" + openblas_get_corename().getString()
                + ", " + (threads == 1 ? "1 thread)" : threads + " threads on products of 2 x 512^3 operations and "
                + "more, 1 on the rest and on the SVD)");
    }

    /** The threads of a call of {@code flops} operations. */
    int threadsFor(double flops) {
        return flops >= PARALLEL_CALL_FLOPS ? threads : 1;
    }

    /** Sets OpenBLAS's count for a call of {@code flops} operations; call holding {@link #LOCK}. */
    private void useThreads(double flops) {
        int count = threadsFor(flops);
        if (current != count) {
            openblas_set_num_threads(count);
            current = count;
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DenseMatrix a, int lda,
                     DenseMatrix b, int ldb, double beta, DenseMatrix c, int ldc) {
        synchronized (LOCK) {
            useThreads(2.0 * m * n * k);
            cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    m, n, k, alpha, a.buffer(), lda, b.buffer(), ldb, beta, c.buffer(), ldc);
        }
    }

    @Override
    public void gram(DenseMatrix a, boolean transpose, DenseMatrix c) {
        int n = transpose ? a.cols() : a.rows();
        int k = transpose ? a.rows() : a.cols();
        if (c.rows() != n || c.cols() != n) {
            throw new IllegalArgumentException("gram output must be " + n + " x " + n);
        }
        synchronized (LOCK) {
            useThreads((double) n * n * k);
            cblas_dsyrk(CblasRowMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, n, k, 1.0, a.buffer(),
                    a.cols(), 0.0, c.buffer(), n);
        }
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c.set(i, j, c.get(j, i));
            }
        }
    }

    @Override
    public int svd(DenseMatrix a, double[] s, DenseMatrix u, DenseMatrix vt) {
        synchronized (LOCK) {
            useThreads(0);
            return gesdd(a, s, u, vt);
        }
    }

    private int gesdd(DenseMatrix a, double[] s, DenseMatrix u, DenseMatrix vt) {
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
        synchronized (LOCK) {
            useThreads(8.0 / 3 * a.rows() * a.rows() * a.rows());
            householder(a);
        }
    }

    private void householder(DenseMatrix a) {
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
