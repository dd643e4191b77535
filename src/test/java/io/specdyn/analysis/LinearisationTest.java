package io.specdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class LinearisationTest {

    /** {@code A = c Lambda + 2 w w^T}, dense. */
    private static RealMatrix operator(double[] lambda, double[] theta) {
        int d = lambda.length;
        double c = 0;
        for (int i = 0; i < d; i++) {
            c += lambda[i] * theta[i] * theta[i];
        }
        RealMatrix a = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a.setEntry(i, j, 2 * lambda[i] * theta[i] * lambda[j] * theta[j] + (i == j ? c * lambda[i] : 0));
            }
        }
        return a;
    }

    private static double[] gaussian(int d, long seed) {
        Random random = new Random(seed);
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static double[] powerLaw(int d) {
        double[] l = new double[d];
        for (int i = 0; i < d; i++) {
            l[i] = Math.pow((i + 1) / 10.0, -1);
        }
        return l;
    }

    private static double[] spiked(int d, double kappa) {
        double[] l = new double[d];
        Arrays.fill(l, 1);
        l[1] = 1 + kappa;
        return l;
    }

    /**
     * The secular roots with their multiplicities, the top eigenvector and the teacher's share in each
     * eigenspace equal a dense eigen-decomposition of A. Tolerance: the dense solver's backward error is a
     * few ulps of |A| (about 20 here), 1e-12 absolute covers it with room; the shares are squared
     * projections on the same eigenvectors, 1e-10.
     */
    private static void matchesDense(double[] lambda, double[] theta) {
        int d = lambda.length;
        Linearisation lin = Linearisation.of(lambda, theta);
        EigenDecompositionSymmetric dense = new EigenDecompositionSymmetric(operator(lambda, theta));
        double[] mu = dense.getEigenvalues().clone();
        Arrays.sort(mu);
        double[] expanded = new double[d];
        int n = 0;
        double[] rates = lin.rates();
        int[] mult = lin.multiplicities();
        for (int k = 0; k < rates.length; k++) {
            for (int j = 0; j < mult[k]; j++) {
                expanded[n++] = rates[k];
            }
        }
        assertEquals(d, n, "the multiplicities add up to d");
        Arrays.sort(expanded);
        for (int i = 0; i < d; i++) {
            assertEquals(mu[i], expanded[i], 1e-12 * Math.max(1, Math.abs(mu[d - 1])), "eigenvalue " + i);
        }
        // the teacher's top eigenvector (simple: the top root of the secular equation)
        int top = 0;
        for (int i = 1; i < d; i++) {
            if (Math.abs(dense.getEigenvalue(i) - lin.teacherRate()) < Math.abs(dense.getEigenvalue(top) - lin.teacherRate())) {
                top = i;
            }
        }
        double[] q = dense.getEigenvector(top).toArray();
        double[] mine = lin.teacherDirection();
        double dot = 0;
        for (int i = 0; i < d; i++) {
            dot += q[i] * mine[i];
        }
        assertEquals(1, Math.abs(dot), 1e-10, "top eigenvectors agree up to sign");
        // teacher's share per eigenspace: sum of squared projections on the dense eigenvectors of that eigenvalue
        double n2 = 0;
        for (double t : theta) {
            n2 += t * t;
        }
        double[] overlaps = lin.overlaps();
        double total = 0;
        for (int k = 0; k < rates.length; k++) {
            double share = 0;
            for (int i = 0; i < d; i++) {
                if (Math.abs(dense.getEigenvalue(i) - rates[k]) < 1e-9 * Math.max(1, rates[0])) {
                    double p = dense.getEigenvector(i).dotProduct(MatrixUtils.createRealVector(theta));
                    share += p * p / n2;
                }
            }
            assertEquals(share, overlaps[k], 1e-10, "teacher's share in eigenspace " + k);
            total += overlaps[k];
        }
        assertEquals(1, total, 1e-12, "the shares add up to 1");
    }

    @Test
    void secularRootsMatchADenseEigenDecompositionForAPowerLaw() {
        matchesDense(powerLaw(64), gaussian(64, 3));
    }

    @Test
    void secularRootsMatchADenseEigenDecompositionWithRepeatedEigenvalues() {
        // the spiked spectrum's bulk is one eigenvalue of multiplicity d - 1: deflation
        matchesDense(spiked(40, 5), gaussian(40, 4));
        // a teacher with no component on some directions leaves their poles as eigenvalues
        double[] theta = gaussian(30, 5);
        theta[0] = 0;
        theta[7] = 0;
        matchesDense(powerLaw(30), theta);
    }

    /**
     * For the eigenvector teacher e_s of {@code Sigma = I + kappa u u^T}, A is diagonal: 3 on the signal
     * (the reduced model's early rate of a, -h_a = 3 lt^2 at a = 0, lt = 1), 1 + kappa on the spike and 1
     * on the bulk; the teacher lies wholly in the signal's eigenspace.
     */
    @Test
    void anEigenvectorTeacherGivesTheReducedModelsRates() {
        double kappa = 5;
        double[] theta = new double[10];
        theta[0] = 1;
        Linearisation lin = Linearisation.of(spiked(10, kappa), theta);
        assertEquals(1 + kappa, lin.topRate(), 1e-14);
        assertEquals(0, lin.topOverlap(), 0.0);
        assertEquals(3, lin.teacherRate(), 1e-14);
        double[] rates = lin.rates();
        assertEquals(3, rates[1], 1e-14);
        assertEquals(1, lin.overlaps()[1], 1e-15);
        assertEquals(1, rates[2], 1e-14);
        assertEquals(8, lin.multiplicities()[2]);
        // theta^T M theta = s^2 e^(6t) along the signal alone
        assertEquals(1e-6 * Math.exp(6 * 0.5), lin.gdSignal(1e-3, 0.5, 0), 1e-15 * Math.exp(3));
    }

    /**
     * SpecGD stays isotropic up to r*: the smallest eigenvalue of -K(r) (dense) is positive just below
     * r* and negative just above. 1e-9 relative: r* comes from a bisection to the last bit of r^2, and
     * the eigenvalue moves by about r* |tr Lambda Lambda + 2 Lambda^2| 2e-9 r*, far above the dense
     * solver's error.
     */
    @Test
    void isotropicEndIsWhereMinusKStopsBeingDefinite() {
        for (double[] lambda : new double[][] {powerLaw(64), spiked(64, 5)}) {
            double[] theta = gaussian(64, 7);
            double r = Linearisation.of(lambda, theta).isotropicEnd();
            assertTrue(smallestOfMinusK(lambda, theta, r * (1 - 1e-9)) > 0);
            assertTrue(smallestOfMinusK(lambda, theta, r * (1 + 1e-9)) < 0);
        }
    }

    /** The smallest eigenvalue of {@code -K} at {@code M = r^2 I}, from the loss's own gradient bracket. */
    private static double smallestOfMinusK(double[] lambda, double[] theta, double r) {
        int d = lambda.length;
        RealMatrix dm = MatrixUtils.createRealMatrix(d, d);
        double t = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                dm.setEntry(i, j, (i == j ? r * r : 0) - theta[i] * theta[j]);
            }
            t += lambda[i] * dm.getEntry(i, i);
        }
        RealMatrix k = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                k.setEntry(i, j, -(2 * lambda[i] * dm.getEntry(i, j) * lambda[j] + (i == j ? t * lambda[i] : 0)));
            }
        }
        double[] e = new EigenDecompositionSymmetric(k).getEigenvalues();
        return Arrays.stream(e).min().getAsDouble();
    }

    @Test
    void refusesAZeroTeacherAndNonPositiveEigenvalues() {
        assertThrows(IllegalArgumentException.class, () -> Linearisation.of(new double[] {1, 2}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> Linearisation.of(new double[] {1, 0}, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Linearisation.of(new double[] {1, 2}, new double[] {1}));
    }
}
