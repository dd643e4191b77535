package io.specdyn.full;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.Kernels;
import io.specdyn.linalg.LinearAlgebra;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrthogonalStartTest {
    private static final Kernels K = LinearAlgebra.kernels();

    /** An SVD-based polar factor is orthonormal to a few hundred ulps at these sizes. */
    private static final double TOL = 1e-13;

    /**
     * W0 = s O: W0 W0^T = s^2 I (m <= d) or W0^T W0 = s^2 I (m >= d); and O is the polar factor of the
     * Gaussian matrix G of the same seed, which holds if and only if O^T G (m >= d) or G O^T (m <= d) is
     * symmetric positive semi-definite: checked by symmetry and a positive diagonal.
     */
    @ParameterizedTest(name = "m={0} d={1} s={2}")
    @CsvSource({"3, 7, 0.01", "7, 7, 1", "12, 5, 30"})
    void theStartIsSTimesTheOrthonormalPolarFactorOfTheGaussianDraw(int m, int d, double s) {
        long seed = 11;
        DenseMatrix w = new FullInit.Orthogonal(s).weights(m, d, seed, K);
        boolean wide = m <= d;
        int p = Math.min(m, d);
        double[][] gram = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double sum = 0;
                for (int k = 0; k < (wide ? d : m); k++) {
                    sum += wide ? w.get(i, k) * w.get(j, k) : w.get(k, i) * w.get(k, j);
                }
                gram[i][j] = sum / (s * s);
                assertEquals(i == j ? 1.0 : 0.0, gram[i][j], TOL, "(" + i + "," + j + ")");
            }
        }
        DenseMatrix g = FullInit.gaussian(m, d, seed);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double ij = 0;
                double ji = 0;
                for (int k = 0; k < (wide ? d : m); k++) {
                    ij += wide ? g.get(i, k) * w.get(j, k) : w.get(k, i) * g.get(k, j);
                    ji += wide ? g.get(j, k) * w.get(i, k) : w.get(k, j) * g.get(k, i);
                }
                assertEquals(ij, ji, TOL * (1 + Math.abs(ij)) * s * d, "symmetric (" + i + "," + j + ")");
                if (i == j) {
                    assertEquals(true, ij > 0, "positive diagonal " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "m={0} d={1}")
    @CsvSource({"3, 7", "12, 5"})
    void theStartIsReproducibleFromTheSeedAndDiffersBetweenSeeds(int m, int d) {
        double[] first = new FullInit.Orthogonal(0.5).weights(m, d, 1, K).toArray();
        assertArrayEquals(first, new FullInit.Orthogonal(0.5).weights(m, d, 1, K).toArray());
        assertFalse(Arrays.equals(first, new FullInit.Orthogonal(0.5).weights(m, d, 2, K).toArray()));
    }
}
