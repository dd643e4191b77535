package io.specdyn.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.Kernels;
import io.specdyn.linalg.LinearAlgebra;
import io.specdyn.linalg.NewtonSchulz;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rounding to bfloat16, and the Newton-Schulz iteration in bfloat16 on the groups against the matrix. */
class Bf16Test {
    private static final double TWO_M7 = 0x1p-7;
    private static final double TWO_M8 = 0x1p-8;

    /**
     * Hand-checked values. bfloat16 keeps 7 fraction bits, so at 1 its spacing is 2^-7 and the midpoint
     * between 1 and the next number is 1 + 2^-8.
     */
    @Test
    void roundsToTheNearestTiesToEven() {
        // exact bfloat16 numbers are kept
        for (double x : new double[] {0.0, 1.0, -2.5, 1 + TWO_M7, 3.0, 0x1p-130, 0x1.FEp127, 0x1p-126, 1e-40 * 0}) {
            assertEquals(x, Bf16.round(x), 0.0, Double.toString(x));
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Bf16.round(-0.0)));
        // below the midpoint: down
        assertEquals(1.0, Bf16.round(1 + 0x1p-9), 0.0);
        assertEquals(1.0, Bf16.round(1 + TWO_M8 - 0x1p-20), 0.0);
        // ties to even: 1 (fraction 0) rather than 1 + 2^-7 (fraction 1); 1 + 2^-6 (fraction 2) rather than 1 + 2^-7
        assertEquals(1.0, Bf16.round(1 + TWO_M8), 0.0);
        assertEquals(1 + 0x1p-6, Bf16.round(1 + 3 * TWO_M8), 0.0);
        assertEquals(-(1 + 0x1p-6), Bf16.round(-(1 + 3 * TWO_M8)), 0.0);
        // above the midpoint: up, also when the excess is below float's resolution (no double rounding
        // through float, whose nearest value would be the midpoint itself)
        assertEquals(1 + TWO_M7, Bf16.round(1 + TWO_M8 + 0x1p-20), 0.0);
        assertEquals(1 + TWO_M7, Bf16.round(1 + TWO_M8 + 0x1p-40), 0.0);
        assertEquals(1 + TWO_M7, Bf16.round(1 + 3 * TWO_M8 - 0x1p-40), 0.0);
        assertEquals(-(1 + TWO_M7), Bf16.round(-(1 + TWO_M8 + 0x1p-40)), 0.0);
        // 0.1 = 1.6 * 2^-4: 1.6 * 128 = 204.8 rounds to 205, so 205/128 * 2^-4
        assertEquals(205.0 / 128 / 16, Bf16.round(0.1), 0.0);
        // special values and overflow: the largest bfloat16 is (2 - 2^-7) 2^127
        assertTrue(Double.isNaN(Bf16.round(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, Bf16.round(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, Bf16.round(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Bf16.round(0x1p128), 0.0);
        assertEquals(0x1.FEp127, Bf16.round(0x1.FE8p127 - 0x1p100), 0.0);
    }

    /**
     * Random doubles in float's normal range, a third of them within 2^-30 relative of a midpoint, against an
     * independent reference: scale by the spacing 2^(e - 7) (a power of two, exact), round to an integer
     * with ties to even ({@link Math#rint}), scale back. Equal bit for bit.
     */
    @Test
    void agreesWithScaledRint() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 30_000; i++) {
            int exponent = random.nextInt(-120, 120);
            double x = Math.scalb(1 + random.nextDouble(), exponent);
            if (i % 3 == 0) {
                double spacing = Math.scalb(1.0, exponent - 7);
                double midpoint = (Math.floor(x / spacing) + 0.5) * spacing;
                x = midpoint + (random.nextDouble() - 0.5) * Math.scalb(midpoint, -30);
            }
            if (random.nextBoolean()) {
                x = -x;
            }
            double spacing = Math.scalb(1.0, Math.getExponent(x) - 7);
            double expected = Math.rint(x / spacing) * spacing;
            assertEquals(expected, Bf16.round(x), 0.0, Double.toHexString(x));
        }
    }

    /**
     * The matrix iteration in bfloat16 on a diagonal matrix equals the group space's scalar iteration in
     * bfloat16 on each diagonal entry, bit for bit: every off-diagonal product is an exact zero, the diagonal
     * products are the scalar's in its order, and both round the same values at the same points. Wide and
     * tall shapes, with the reference kernels and the process's.
     */
    @Test
    void diagonalIterationInBf16IsTheScalarIteration() {
        double[] diagonal = {0.61, -0.43, 0.31, 1e-3, 0.2, 0.0, -0.05};
        for (Kernels kernels : new Kernels[] {LinearAlgebra.reference(), LinearAlgebra.kernels()}) {
            for (int[] shape : new int[][] {{7, 11}, {11, 7}, {7, 7}}) {
                DenseMatrix x = DenseMatrix.zeros(shape[0], shape[1]);
                for (int i = 0; i < diagonal.length; i++) {
                    x.set(i, i, diagonal[i]);
                }
                for (int steps : new int[] {1, 3, 5}) {
                    DenseMatrix out = DenseMatrix.zeros(shape[0], shape[1]);
                    new NewtonSchulz(kernels, shape[0], shape[1]).iterate(x, steps, true, out);
                    for (int i = 0; i < shape[0]; i++) {
                        for (int j = 0; j < shape[1]; j++) {
                            double expected = i == j ? NewtonSchulz.scalar(diagonal[i], steps, true) : 0.0;
                            assertEquals(expected, out.get(i, j), 0.0,
                                    kernels.name() + " " + shape[0] + "x" + shape[1] + " steps " + steps
                                            + " (" + i + ", " + j + ")");
                        }
                    }
                }
            }
        }
        // and the rounding happens: in double the same iteration gives other values
        assertTrue(NewtonSchulz.scalar(0.31, 5, true) != NewtonSchulz.scalar(0.31, 5, false));
        assertEquals(NewtonSchulz.scalar(0.31, 5, true), Bf16.round(NewtonSchulz.scalar(0.31, 5, true)), 0.0);
    }
}
