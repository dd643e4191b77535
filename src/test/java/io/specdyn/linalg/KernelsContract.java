package io.specdyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Kernels} implementation must meet, checked against direct sums and
 * defining identities. Tolerances: products of O(1) entries over k <= 40 terms agree to 1e-13; an
 * SVD reconstructs its matrix to 1e-12 and its factors are orthonormal to 1e-12 (backward-stable
 * algorithms at these sizes).
 */
abstract class KernelsContract {

    abstract Kernels kernels();

    static DenseMatrix random(int rows, int cols, Random rnd) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextGaussian();
        }
        return DenseMatrix.of(rows, cols, values);
    }

    /** A direct triple loop, the independent reference. */
    static double[][] product(DenseMatrix a, boolean ta, DenseMatrix b, boolean tb) {
        int m = ta ? a.cols() : a.rows();
        int k = ta ? a.rows() : a.cols();
        int n = tb ? b.rows() : b.cols();
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += (ta ? a.get(l, i) : a.get(i, l)) * (tb ? b.get(j, l) : b.get(l, j));
                }
                c[i][j] = sum;
            }
        }
        return c;
    }

    @Test
    void gemmMatchesDirectSums() {
        Random rnd = new Random(1);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                DenseMatrix a = ta ? random(23, 17, rnd) : random(17, 23, rnd);
                DenseMatrix b = tb ? random(31, 23, rnd) : random(23, 31, rnd);
                DenseMatrix c = random(17, 31, rnd);
                DenseMatrix c0 = DenseMatrix.zeros(17, 31);
                c0.copyFrom(c);
                kernels().gemm(ta, tb, 2.0, a, b, -0.5, c);
                double[][] expected = product(a, ta, b, tb);
                for (int i = 0; i < 17; i++) {
                    for (int j = 0; j < 31; j++) {
                        assertEquals(2 * expected[i][j] - 0.5 * c0.get(i, j), c.get(i, j), 1e-13 * 23);
                    }
                }
            }
        }
    }

    @Test
    void gemmOnBlocksUsesLeadingDimensions() {
        Random rnd = new Random(2);
        DenseMatrix a = random(10, 8, rnd);
        DenseMatrix b = random(8, 9, rnd);
        DenseMatrix c = DenseMatrix.zeros(10, 9);
        // first 3 columns of a times first 3 rows of b
        kernels().gemm(false, false, 10, 9, 3, 1.0, a, 8, b, 9, 0.0, c, 9);
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 9; j++) {
                double sum = 0;
                for (int l = 0; l < 3; l++) {
                    sum += a.get(i, l) * b.get(l, j);
                }
                assertEquals(sum, c.get(i, j), 1e-14);
            }
        }
    }

    @Test
    void gramIsFullAndSymmetric() {
        Random rnd = new Random(3);
        DenseMatrix a = random(13, 7, rnd);
        DenseMatrix ata = DenseMatrix.zeros(7, 7);
        DenseMatrix aat = DenseMatrix.zeros(13, 13);
        kernels().gram(a, true, ata);
        kernels().gram(a, false, aat);
        double[][] e1 = product(a, true, a, false);
        double[][] e2 = product(a, false, a, true);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                assertEquals(e1[i][j], ata.get(i, j), 1e-13);
            }
        }
        for (int i = 0; i < 13; i++) {
            for (int j = 0; j < 13; j++) {
                assertEquals(e2[i][j], aat.get(i, j), 1e-13);
            }
        }
    }

    @Test
    void svdReconstructsAndIsOrthonormal() {
        Random rnd = new Random(4);
        for (int[] shape : new int[][] {{12, 7}, {7, 12}, {9, 9}}) {
            int m = shape[0];
            int n = shape[1];
            int p = Math.min(m, n);
            DenseMatrix a = random(m, n, rnd);
            DenseMatrix copy = DenseMatrix.zeros(m, n);
            copy.copyFrom(a);
            double[] s = new double[p];
            DenseMatrix u = DenseMatrix.zeros(m, p);
            DenseMatrix vt = DenseMatrix.zeros(p, n);
            assertEquals(0, kernels().svd(copy, s, u, vt));
            for (int i = 1; i < p; i++) {
                assertTrue(s[i] <= s[i - 1] && s[i] >= 0);
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int l = 0; l < p; l++) {
                        sum += u.get(i, l) * s[l] * vt.get(l, j);
                    }
                    assertEquals(a.get(i, j), sum, 1e-12);
                }
            }
            double[][] utu = product(u, true, u, false);
            double[][] vvt = product(vt, false, vt, true);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    assertEquals(i == j ? 1 : 0, utu[i][j], 1e-12);
                    assertEquals(i == j ? 1 : 0, vvt[i][j], 1e-12);
                }
            }
        }
    }

    /** a = L Q with Q orthogonal and L lower triangular with a positive diagonal. */
    @Test
    void orthogonalFactorIsTheLqFactor() {
        Random rnd = new Random(5);
        int n = 11;
        DenseMatrix a = random(n, n, rnd);
        DenseMatrix q = DenseMatrix.zeros(n, n);
        q.copyFrom(a);
        kernels().orthogonalFactor(q);
        double[][] qqt = product(q, false, q, true);
        double[][] l = product(a, false, q, true);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? 1 : 0, qqt[i][j], 1e-12);
                if (j > i) {
                    assertEquals(0, l[i][j], 1e-12);
                }
            }
            assertTrue(l[i][i] > 0);
        }
    }

    /** A copy of {@code g} as a Hipparchus matrix, for an independent decomposition. */
    static org.hipparchus.linear.RealMatrix toReal(DenseMatrix g) {
        org.hipparchus.linear.RealMatrix r = org.hipparchus.linear.MatrixUtils.createRealMatrix(g.rows(), g.cols());
        for (int i = 0; i < g.rows(); i++) {
            for (int j = 0; j < g.cols(); j++) {
                r.setEntry(i, j, g.get(i, j));
            }
        }
        return r;
    }
}
