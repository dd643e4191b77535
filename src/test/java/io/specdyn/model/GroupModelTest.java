package io.specdyn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The reduced model over K eigenvalue groups against the matrix formulas of theory-notes/model.md,
 * section 1, and the reduction of section 6: loss, gradient, mean error and alignment of
 * {@link ReducedModel} equal those formulas evaluated on the expanded diagonal matrices, direction by
 * direction in a loop of this test; the gradient is the derivative of the loss; and in a random
 * orthonormal basis the gradient of a diagonal start is diagonal with one entry per group, its polar
 * factor the sign of each entry.
 */
class GroupModelTest {

    /** Spectra of several shapes: a power law, a list whose signal eigenvalue is shared, spikes of which two are equal. */
    static List<GroupSpectrum> spectra() {
        return List.of(
                GroupSpectrum.powerLaw(40, 1.3, 7),
                GroupSpectrum.of(new double[] {1, 4, 1, 0.5, 4, 2}, new long[] {1, 2, 3, 2, 1, 5}, 3, "test"),
                GroupSpectrum.spikes(30, new double[] {9, 3, 3, -0.5}, 2),
                GroupSpectrum.threeLevel(25, 1.3, 7, 0.4, 4));
    }

    private static double[] randomState(Random rnd, int k) {
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = 3 * rnd.nextDouble() - 1.5;
        }
        return w;
    }

    /**
     * dL/dw_k = n_k g_k: coefficient k stands for n_k directions. Central differences with h = 1e-5:
     * truncation h^2 L''' / 6 and rounding eps L / h, below 1e-7 of max(1, |L|, n_k |g_k|) for these
     * spectra (eigenvalues in [0.1, 10], up to 40 directions) and coefficients in [-1.5, 1.5].
     */
    @Test
    void gradientIsTheDerivativeOfTheLoss() {
        Random rnd = new Random(11);
        for (GroupSpectrum g : spectra()) {
            ReducedModel m = new ReducedModel(g);
            for (int trial = 0; trial < 30; trial++) {
                double[] w = randomState(rnd, m.size());
                double[] grad = m.gradient(w);
                for (int k = 0; k < m.size(); k++) {
                    double h = 1e-5;
                    double[] up = w.clone();
                    double[] down = w.clone();
                    up[k] += h;
                    down[k] -= h;
                    double fd = (m.loss(up) - m.loss(down)) / (2 * h);
                    double exact = m.multiplicity(k) * grad[k];
                    double scale = Math.max(1, Math.max(Math.abs(m.loss(w)), Math.abs(exact)));
                    assertEquals(fd, exact, 1e-7 * scale, g + " group " + k);
                }
            }
        }
    }

    /**
     * Section 1's formulas on diagonal matrices, one direction at a time: with x_j the coefficient of
     * direction j, e_j its eigenvalue and D_jj = x_j^2 - [j = signal], T = sum_j e_j D_jj,
     * tr(D Sigma D Sigma) = sum_j e_j^2 D_jj^2, L = [T^2 + 2 tr(D Sigma D Sigma)] / 4, the gradient's
     * entry x_j (T e_j + 2 e_j^2 D_jj), alignment M_ss / |M|_F. Sums over d directions against sums
     * over K groups: a few eps of the largest term, 1e-12 relative with room.
     */
    @Test
    void groupFormulasEqualTheDirectionByDirectionFormulas() {
        Random rnd = new Random(12);
        for (GroupSpectrum g : spectra()) {
            ReducedModel m = new ReducedModel(g);
            double[] e = g.expand();
            int[] group = g.groupOfDirections();
            int s = (int) g.signalPosition();
            for (int trial = 0; trial < 20; trial++) {
                double[] w = randomState(rnd, m.size());
                double t = 0;
                double dsds = 0;
                double frob = 0;
                for (int j = 0; j < e.length; j++) {
                    double x = w[group[j]];
                    double djj = x * x - (j == s ? 1 : 0);
                    t += e[j] * djj;
                    dsds += e[j] * e[j] * djj * djj;
                    frob += x * x * x * x;
                }
                double loss = 0.25 * (t * t + 2 * dsds);
                assertEquals(t, m.meanError(w), 1e-12 * Math.max(1, Math.abs(t)), g.toString());
                assertEquals(loss, m.loss(w), 1e-12 * Math.max(1, loss), g.toString());
                assertEquals(w[0] * w[0] / Math.sqrt(frob), m.alignment(w), 1e-14, g.toString());
                double[] grad = m.gradient(w);
                for (int j = 0; j < e.length; j++) {
                    double x = w[group[j]];
                    double djj = x * x - (j == s ? 1 : 0);
                    double entry = x * (t * e[j] + 2 * e[j] * e[j] * djj);
                    assertEquals(entry, grad[group[j]], 1e-12 * Math.max(1, Math.abs(t) * e[j]), g + " direction " + j);
                }
            }
        }
    }

    /**
     * The reduction itself, in a random orthonormal basis Q: W = Q diag(x) Q^T with x constant on each
     * group, Sigma = Q diag(e) Q^T, D = W^T W - theta theta^T. The gradient W [tr(D Sigma) Sigma +
     * 2 Sigma D Sigma], computed with dense matrices, equals Q diag(g_k on group k) Q^T, and its polar
     * factor U V^T equals Q diag(sign g_k) Q^T: so GD and SpecGD keep W of that form. 1e-12: a few
     * d x d products and an SVD of order-one matrices, d <= 13.
     */
    @Test
    void theGradientOfADiagonalStartIsDiagonalWithOneEntryPerGroup() {
        Random rnd = new Random(13);
        List<GroupSpectrum> small = List.of(
                GroupSpectrum.of(new double[] {1, 4, 1, 0.5, 4, 2}, new long[] {1, 2, 3, 2, 1, 4}, 3, "test"),
                GroupSpectrum.spikes(8, new double[] {9, 3, 3}, 2),
                GroupSpectrum.powerLaw(6, 1, 3));
        for (GroupSpectrum g : small) {
            ReducedModel m = new ReducedModel(g);
            double[] e = g.expand();
            int[] group = g.groupOfDirections();
            int d = e.length;
            int s = (int) g.signalPosition();
            for (int trial = 0; trial < 5; trial++) {
                double[] w = randomState(rnd, m.size());
                RealMatrix q = ReducedModelTest.randomOrthogonal(d, rnd);
                double[] x = new double[d];
                double[] gk = new double[d];
                double[] sign = new double[d];
                double[] grad = m.gradient(w);
                for (int j = 0; j < d; j++) {
                    x[j] = w[group[j]];
                    gk[j] = grad[group[j]];
                    sign[j] = Math.signum(grad[group[j]]);
                }
                RealMatrix wm = inBasis(q, x);
                RealMatrix sigma = inBasis(q, e);
                RealMatrix theta = q.getColumnMatrix(s);
                RealMatrix dd = wm.transpose().multiply(wm).subtract(theta.multiply(theta.transpose()));
                double tr = dd.multiply(sigma).getTrace();
                RealMatrix dense = wm.multiply(sigma.scalarMultiply(tr).add(sigma.multiply(dd).multiply(sigma).scalarMultiply(2)));
                RealMatrix reduced = inBasis(q, gk);
                double scale = Math.max(1, dense.getFrobeniusNorm());
                assertTrue(dense.subtract(reduced).getFrobeniusNorm() <= 1e-12 * scale, g + ": gradient");
                SingularValueDecomposition svd = new SingularValueDecomposition(dense);
                RealMatrix polar = svd.getU().multiply(svd.getVT());
                assertTrue(polar.subtract(inBasis(q, sign)).getFrobeniusNorm() <= 1e-12, g + ": polar factor");
            }
        }
    }

    private static RealMatrix inBasis(RealMatrix q, double[] diagonal) {
        return q.multiply(MatrixUtils.createRealDiagonalMatrix(diagonal)).multiply(q.transpose());
    }
}
