package io.specdyn.full;

import io.specdyn.linalg.DenseMatrix;
import java.util.Random;

/** Random matrices for the full-simulator tests. */
final class RandomMatrices {
    private RandomMatrices() {
    }

    static DenseMatrix random(int rows, int cols, Random rnd) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextGaussian();
        }
        return DenseMatrix.of(rows, cols, values);
    }
}
