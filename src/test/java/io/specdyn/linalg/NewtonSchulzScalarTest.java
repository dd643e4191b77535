package io.specdyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/** The scalar map {@link NewtonSchulz#scalar} against the singular values of the matrix iteration. */
class NewtonSchulzScalarTest {

    /**
     * Random 6 x 9 and 9 x 6 matrices: the singular values of the matrix iteration's output (an independent
     * Hipparchus SVD) equal the scalar map applied to the input's singular values over |G|_F. Tolerance
     * 1e-12 relative: both SVDs are backward stable (about 1e-15 |X|), the five matrix steps round at about
     * 1e-16 each, and the map's slope is at most p'(0)^5 = 3.4445^5 < 500 at small values, so the two agree
     * to about 1e-13 on outputs that are at least 0.5 here.
     */
    @Test
    void singularValuesFollowTheScalarMap() {
        Random rnd = new Random(11);
        for (Kernels kernels : new Kernels[] {new JavaKernels(), LinearAlgebra.kernels()}) {
            for (int[] shape : new int[][] {{6, 9}, {9, 6}, {6, 9}, {9, 6}}) {
                DenseMatrix g = KernelsContract.random(shape[0], shape[1], rnd);
                DenseMatrix out = DenseMatrix.zeros(shape[0], shape[1]);
                new NewtonSchulz(kernels, shape[0], shape[1]).compute(g, out);
                double[] in = new SingularValueDecomposition(KernelsContract.toReal(g)).getSingularValues();
                double norm = 0;
                for (double s : in) {
                    norm += s * s;
                }
                norm = Math.sqrt(norm);
                double[] expected = new double[in.length];
                for (int i = 0; i < in.length; i++) {
                    expected[i] = Math.abs(NewtonSchulz.scalar(in[i] / norm, NewtonSchulz.STEPS));
                }
                double[] actual = new SingularValueDecomposition(KernelsContract.toReal(out)).getSingularValues();
                Arrays.sort(expected);
                Arrays.sort(actual);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-12 * expected[i], kernels.name() + " " + Arrays.toString(shape));
                }
            }
        }
    }

    /**
     * A diagonal input stays diagonal, and each diagonal entry follows the scalar map bit for bit: with the
     * reference kernels every product with an off-diagonal zero adds an exact 0, and the remaining operations
     * are the scalar map's, in its order. Signs are kept (the map is odd).
     */
    @Test
    void diagonalInputFollowsTheScalarMapExactly() {
        double[] diagonal = {3.0, -1.25, 0.5, 1e-3, 2.0, 0.0};
        for (int[] shape : new int[][] {{6, 9}, {9, 6}}) {
            DenseMatrix g = DenseMatrix.zeros(shape[0], shape[1]);
            for (int i = 0; i < diagonal.length; i++) {
                g.set(i, i, diagonal[i]);
            }
            DenseMatrix out = DenseMatrix.zeros(shape[0], shape[1]);
            new NewtonSchulz(new JavaKernels(), shape[0], shape[1]).compute(g, out);
            double norm = g.frobeniusNorm();
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    double expected = i == j ? NewtonSchulz.scalar(diagonal[i] / norm, NewtonSchulz.STEPS) : 0.0;
                    assertEquals(expected, out.get(i, j), 0.0, "entry " + i + ", " + j);
                }
            }
        }
    }

    /** The polynomial itself: one step is a s + b s^3 + c s^5, the map is odd, and zero steps is the identity. */
    @Test
    void oneStepIsTheQuintic() {
        for (double s : new double[] {0.0, 0.1, 0.37, 0.8, 1.0}) {
            double quintic = NewtonSchulz.A * s + NewtonSchulz.B * s * s * s + NewtonSchulz.C * Math.pow(s, 5);
            assertEquals(quintic, NewtonSchulz.scalar(s, 1), 1e-15);
            assertEquals(-NewtonSchulz.scalar(s, 5), NewtonSchulz.scalar(-s, 5), 0.0);
            assertEquals(s, NewtonSchulz.scalar(s, 0), 0.0);
            assertEquals(NewtonSchulz.scalar(NewtonSchulz.scalar(s, 2), 3), NewtonSchulz.scalar(s, 5), 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> NewtonSchulz.scalar(0.5, -1));
    }
}
