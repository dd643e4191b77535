package io.specdyn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpenBlasKernelsTest extends KernelsContract {
    private static final Kernels KERNELS = new OpenBlasKernels();

    @Override
    Kernels kernels() {
        return KERNELS;
    }

    /** A call uses the budget's threads from PARALLEL_CALL_FLOPS operations on, one thread below. */
    @Test
    void onlyLargeCallsUseTheBudget() {
        OpenBlasKernels four = (OpenBlasKernels) KERNELS.withThreads(4);
        assertEquals(1, four.threadsFor(OpenBlasKernels.PARALLEL_CALL_FLOPS / 2));
        assertEquals(4, four.threadsFor(OpenBlasKernels.PARALLEL_CALL_FLOPS));
        assertEquals(1, ((OpenBlasKernels) KERNELS).threadsFor(1e12));
    }

    /** A product large enough to run on two threads gives the same bits every time it runs on two. */
    @Test
    void aParallelProductIsReproducible() {
        int n = 520;
        SplittableRandom random = new SplittableRandom(5);
        double[] values = new double[n * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() - 0.5;
        }
        DenseMatrix a = DenseMatrix.of(n, n, values);
        DenseMatrix first = DenseMatrix.zeros(n, n);
        DenseMatrix second = DenseMatrix.zeros(n, n);
        Kernels two = KERNELS.withThreads(2);
        two.gemm(false, true, 1.0, a, a, 0.0, first);
        two.gemm(false, true, 1.0, a, a, 0.0, second);
        assertArrayEquals(first.toArray(), second.toArray(), 0.0);
    }
}
