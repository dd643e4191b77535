package io.specdyn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

class PolarFactorTest {
    private static final Kernels NATIVE = LinearAlgebra.kernels();

    private static DenseMatrix polar(DenseMatrix g) {
        PolarFactor p = new PolarFactor(NATIVE, g.rows(), g.cols());
        DenseMatrix out = DenseMatrix.zeros(g.rows(), g.cols());
        p.compute(g, out);
        return out;
    }

    /**
     * Against U V^T from an independent SVD (Hipparchus), for random full-rank matrices, tall, wide
     * and square. A Gaussian matrix of these sizes has condition number below 1e3, so the polar
     * factor is determined to about 1e-13 by either backward-stable SVD.
     */
    @Test
    void equalsUvtOfAnIndependentSvd() {
        Random rnd = new Random(7);
        for (int[] shape : new int[][] {{40, 25}, {25, 40}, {33, 33}}) {
            DenseMatrix g = KernelsContract.random(shape[0], shape[1], rnd);
            DenseMatrix p = polar(g);
            SingularValueDecomposition svd = new SingularValueDecomposition(KernelsContract.toReal(g));
            RealMatrix expected = svd.getU().multiply(svd.getVT());
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    assertEquals(expected.getEntry(i, j), p.get(i, j), 1e-12);
                }
            }
        }
    }

    /** Exactly scale-invariant: bit for bit under powers of two, to rounding under 1e-30 and 1e+30. */
    @Test
    void isScaleInvariant() {
        Random rnd = new Random(8);
        DenseMatrix g = KernelsContract.random(30, 20, rnd);
        double[] reference = polar(g).toArray();
        for (double scale : new double[] {Math.scalb(1.0, -100), Math.scalb(1.0, 90)}) {
            DenseMatrix scaled = DenseMatrix.zeros(30, 20);
            for (int k = 0; k < g.size(); k++) {
                scaled.setAt(k, g.at(k) * scale);
            }
            assertArrayEquals(reference, polar(scaled).toArray(), 0.0);
        }
        for (double scale : new double[] {1e-30, 1e30, 1e-300}) {
            DenseMatrix scaled = DenseMatrix.zeros(30, 20);
            for (int k = 0; k < g.size(); k++) {
                scaled.setAt(k, g.at(k) * scale);
            }
            assertArrayEquals(reference, polar(scaled).toArray(), 1e-13);
        }
    }

    /**
     * A rank-3 matrix gives the partial isometry U_3 V_3^T: P P^T P = P, rank 3 kept, and P^T G is
     * symmetric positive semidefinite with P (P^T G) = G: the polar decomposition G = P |G|.
     */
    @Test
    void rankDeficientGivesAPartialIsometry() {
        Random rnd = new Random(9);
        int m = 20;
        int n = 15;
        DenseMatrix left = KernelsContract.random(m, 3, rnd);
        DenseMatrix right = KernelsContract.random(3, n, rnd);
        DenseMatrix g = DenseMatrix.zeros(m, n);
        NATIVE.gemm(false, false, 1.0, left, right, 0.0, g);
        PolarFactor polar = new PolarFactor(NATIVE, m, n);
        DenseMatrix p = DenseMatrix.zeros(m, n);
        polar.compute(g, p);
        assertEquals(3, polar.lastRank());
        DenseMatrix ppt = DenseMatrix.zeros(m, m);
        NATIVE.gemm(false, true, 1.0, p, p, 0.0, ppt);
        DenseMatrix pptp = DenseMatrix.zeros(m, n);
        NATIVE.gemm(false, false, 1.0, ppt, p, 0.0, pptp);
        for (int k = 0; k < p.size(); k++) {
            assertEquals(p.at(k), pptp.at(k), 1e-13);
        }
        double trace = 0;
        for (int i = 0; i < m; i++) {
            trace += ppt.get(i, i);
        }
        assertEquals(3.0, trace, 1e-12);
        // G = P (P^T G): P^T G is symmetric positive semidefinite and P times it gives G back
        DenseMatrix h = DenseMatrix.zeros(n, n);
        NATIVE.gemm(true, false, 1.0, p, g, 0.0, h);
        DenseMatrix back = DenseMatrix.zeros(m, n);
        NATIVE.gemm(false, false, 1.0, p, h, 0.0, back);
        double scale = g.maxAbs();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(h.get(i, j), h.get(j, i), 1e-12 * scale);
            }
        }
        for (int k = 0; k < g.size(); k++) {
            assertEquals(g.at(k), back.at(k), 1e-12 * scale);
        }
    }

    @Test
    void zeroGivesZero() {
        DenseMatrix zero = DenseMatrix.zeros(5, 4);
        DenseMatrix p = polar(zero);
        assertEquals(0.0, p.maxAbs());
    }

    /**
     * Muon's iteration against the same five quintic steps written with Hipparchus matrices, for a
     * wide and a tall matrix (the tall one runs on the other Gram side).
     */
    @Test
    void newtonSchulzMatchesTheQuinticIteration() {
        Random rnd = new Random(10);
        for (int[] shape : new int[][] {{12, 20}, {20, 12}}) {
            DenseMatrix g = KernelsContract.random(shape[0], shape[1], rnd);
            DenseMatrix out = DenseMatrix.zeros(shape[0], shape[1]);
            new NewtonSchulz(NATIVE, shape[0], shape[1]).compute(g, out);
            RealMatrix x = KernelsContract.toReal(g);
            x = x.scalarMultiply(1 / x.getFrobeniusNorm());
            for (int step = 0; step < 5; step++) {
                RealMatrix a = x.multiply(x.transpose());
                RealMatrix b = a.scalarMultiply(NewtonSchulz.B).add(a.multiply(a).scalarMultiply(NewtonSchulz.C));
                x = x.scalarMultiply(NewtonSchulz.A).add(b.multiply(x));
            }
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    assertEquals(x.getEntry(i, j), out.get(i, j), 1e-12);
                }
            }
            double[] sv = new SingularValueDecomposition(KernelsContract.toReal(out)).getSingularValues();
            assertTrue(sv[0] < 1.5, "largest singular value " + sv[0]);
        }
    }
}
