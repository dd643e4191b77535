package io.specdyn.full;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.model.InvalidSpecException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TeachersTest {

    /** A length computed in double over d terms: d ulps is generous. */
    private static final double ROUND_OFF = 64 * Math.ulp(1.0);

    @Test
    void aRandomTeacherIsReproducibleFromTheSeedDiffersBetweenSeedsAndHasUnitLength() {
        double[] first = Teachers.random(50, 7);
        assertArrayEquals(first, Teachers.random(50, 7));
        assertFalse(Arrays.equals(first, Teachers.random(50, 8)));
        assertEquals(1.0, Teachers.norm(first), ROUND_OFF);
    }

    /**
     * Uniform on the sphere in d = 4: each theta_i^2 is Beta(1/2, 3/2), of mean 1/4 and variance
     * 1/16. Over 4000 seeds the mean of theta_1^2 lies within 5 standard errors (5 * 0.25 / sqrt(4000)
     * = 0.02) of 1/4, and so does the mean of theta_1 * theta_2 of 0 (its variance is 1/24).
     */
    @Test
    void aRandomTeacherHasTheMomentsOfTheUniformDirection() {
        int n = 4000;
        double square = 0;
        double cross = 0;
        for (int seed = 0; seed < n; seed++) {
            double[] theta = Teachers.random(4, seed);
            square += theta[0] * theta[0];
            cross += theta[0] * theta[1];
        }
        assertEquals(0.25, square / n, 0.02);
        assertEquals(0.0, cross / n, 0.02);
    }

    @Test
    void theSigmaNormMakesTheMeanLabelOne() {
        double[] lambda = {4, 9, 1, 0.25};
        double[] theta = Teachers.scaled(new double[] {1, 1, 0, 2}, Teachers.Norm.SIGMA, lambda);
        // 4 + 9 + 0.25 * 4 = 14
        double k = 1 / Math.sqrt(14);
        assertArrayEquals(new double[] {k, k, 0, 2 * k}, theta, ROUND_OFF);
        assertEquals(1.0, Teachers.meanLabel(theta, lambda), ROUND_OFF);
    }

    @Test
    void theUnitNormNeitherUnderNorOverflows() {
        for (double scale : new double[] {1e-300, 1, 1e300}) {
            double[] theta = Teachers.scaled(new double[] {3 * scale, 0, -4 * scale}, Teachers.Norm.UNIT, null);
            assertArrayEquals(new double[] {0.6, 0, -0.8}, theta, ROUND_OFF, "scale " + scale);
        }
    }

    @Test
    void overlapsAreCosines() {
        double[] theta = {3, 4, 0};
        assertEquals(0.6, Teachers.overlap(theta, 0), ROUND_OFF);
        assertEquals(0.8, Teachers.overlap(theta, 1), ROUND_OFF);
    }

    @Test
    void zeroAndNonFiniteTeachersAreRefused() {
        InvalidSpecException zero = assertThrows(InvalidSpecException.class,
                () -> Teachers.scaled(new double[3], Teachers.Norm.UNIT, null));
        assertEquals("teacher", zero.parameter());
        InvalidSpecException nan = assertThrows(InvalidSpecException.class,
                () -> Teachers.scaled(new double[] {1, Double.NaN, 0}, Teachers.Norm.UNIT, null));
        assertTrue(nan.detail().contains("finite"), nan.detail());
    }
}
