package io.specdyn.linalg;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Plain-Java kernels: straightforward loops and Hipparchus's SVD. Orders of magnitude slower than
 * {@link OpenBlasKernels}; they are the independent reference of the kernel tests and the fallback
 * where the native library cannot be loaded.
 */
final class JavaKernels implements Kernels {

    @Override
    public String name() {
        return "java (reference loops, Hipparchus SVD)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DenseMatrix a, int lda,
                     DenseMatrix b, int ldb, double beta, DenseMatrix c, int ldc) {
        double[] row = new double[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0.0);
            for (int l = 0; l < k; l++) {
                double ail = transA ? a.at(l * lda + i) : a.at(i * lda + l);
                if (ail == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    row[j] += ail * (transB ? b.at(j * ldb + l) : b.at(l * ldb + j));
                }
            }
            for (int j = 0; j < n; j++) {
                int idx = i * ldc + j;
                c.setAt(idx, alpha * row[j] + (beta == 0 ? 0 : beta * c.at(idx)));
            }
        }
    }

    @Override
    public void gram(DenseMatrix a, boolean transpose, DenseMatrix c) {
        gemm(transpose, !transpose, 1.0, a, a, 0.0, c);
        int n = c.rows();
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c.set(i, j, c.get(j, i));
            }
        }
    }

    @Override
    public int svd(DenseMatrix a, double[] s, DenseMatrix u, DenseMatrix vt) {
        int m = a.rows();
        int n = a.cols();
        RealMatrix matrix = MatrixUtils.createRealMatrix(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                matrix.setEntry(i, j, a.get(i, j));
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(matrix);
        double[] values = svd.getSingularValues();
        RealMatrix uu = svd.getU();
        RealMatrix v = svd.getV();
        int p = Math.min(m, n);
        System.arraycopy(values, 0, s, 0, p);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                u.set(i, j, uu.getEntry(i, j));
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < n; j++) {
                vt.set(i, j, v.getEntry(j, i));
            }
        }
        return 0;
    }

    @Override
    public void orthogonalFactor(DenseMatrix a) {
        int n = a.rows();
        RealMatrix transposed = MatrixUtils.createRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                transposed.setEntry(j, i, a.get(i, j));
            }
        }
        QRDecomposition qr = new QRDecomposition(transposed);
        RealMatrix q = qr.getQ();
        RealMatrix r = qr.getR();
        for (int i = 0; i < n; i++) {
            double sign = r.getEntry(i, i) < 0 ? -1 : 1;
            for (int j = 0; j < n; j++) {
                a.set(i, j, sign * q.getEntry(j, i));
            }
        }
    }
}
