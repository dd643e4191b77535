package io.specdyn.full;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.model.Algorithm;
import io.specdyn.rules.Muon;

/**
 * What a full run will need before it starts: the memory of its matrices and workspaces, and its
 * size in floating-point operations.
 *
 * <p>Memory counts every matrix {@link FullSimulation} allocates (native buffers, which the JVM
 * counts against {@code -XX:MaxDirectMemorySize}, by default the heap limit {@code -Xmx}) and the
 * heap arrays it fills them from, at their peak (the random basis is built while the weights
 * exist). It leaves out the recorded trajectory and OpenBLAS's own buffers (native, outside the
 * JVM's limits). A run with {@code m < d} works on the {@code m x m} side and allocates no {@code d x d}
 * matrix, unless it forms the random basis ({@link FullSimulation#fullBasis}). Operation counts are the
 * leading terms: a Gram product {@code m d^2} ({@code m^2 d} on the {@code m x m} side), a product
 * {@code 2 m d k}, the thin SVD of a {@code p x q} matrix ({@code p <= q}) about {@code 14 p^2 q}
 * (Householder bidiagonalisation {@code 4 p^2 q}, forming both factors about twice that, the
 * divide-and-conquer phase {@code O(p^2)} to {@code O(p^3)}), the random basis's QR {@code 8 d^3 / 3}.
 *
 * @param heapBytes      Java heap arrays at the peak
 * @param nativeBytes    native matrices and LAPACK workspaces
 * @param largestMatrix  entries of the largest single matrix (one native buffer holds at most
 *                       {@link DenseMatrix#MAX_ENTRIES})
 * @param largestRows    rows of that matrix
 * @param largestCols    columns of that matrix
 * @param setupFlops     operations before the first step (the random basis, a Gaussian start)
 * @param stepFlops      operations of one step, measurement included
 */
public record FullPlan(long heapBytes, long nativeBytes, long largestMatrix, long largestRows, long largestCols,
                       double setupFlops, double stepFlops) {

    /** The plan of {@code spec}. Allocates nothing; works for any size, including those that cannot run. */
    public static FullPlan of(FullRunSpec spec) {
        long m = spec.problem().m();
        long d = spec.problem().d();
        long p = Math.min(m, d);
        long q = Math.max(m, d);
        Sizes sizes = new Sizes();
        boolean gramSide = FullSimulation.gramSide(spec.problem());
        boolean population = spec.loss() instanceof LossSpec.Population;
        // the state, the gradient, the update
        sizes.matrix(m, d, 3);
        double step;
        if (gramSide) {
            // V Lambda, the measurement's V_r, V Lambda V^T and V_r V_r^T: a scaling, two products of m^2 d
            // (the gradient's), a Gram product (the measurement's), and a few passes over V
            sizes.matrix(m, d, 2);
            sizes.matrix(m, m, 2);
            sizes.heap(5 * d + 3 * m);
            step = 3.0 * m * m * d + (population ? 2.0 * m * m * d : 0) + 12.0 * m * d;
        } else {
            // W^T W, and the bracket K for the population gradient
            sizes.matrix(d, d, 1);
            step = m * d * (double) d;
            if (population) {
                sizes.matrix(d, d, 1);
                step += 2.0 * m * d * d;
            }
        }
        if (spec.loss() instanceof LossSpec.Samples samples) {
            long n = samples.n();
            sizes.matrix(n, d, 1);
            sizes.matrix(n, m, 1);
            sizes.heap(n * d + n);
            step += 4.0 * n * m * d;
        }
        if (spec.algorithm() == Algorithm.SPECGD) {
            sizes.matrix(m, d, 1);
            sizes.matrix(m, p, 1);
            sizes.matrix(p, d, 1);
            // dgesdd's workspace with both thin factors: at most 4 p^2 + 6 p + q, and p q more on its fast path
            sizes.matrix(1, 4 * p * p + 6 * p + q + p * q, 1);
            step += 14.0 * p * p * q + 2.0 * m * d * p;
        } else if (spec.rule() instanceof Muon muon) {
            // the iteration's X and next X, its two Gram-side matrices; three products a step
            sizes.matrix(m, d, 2);
            sizes.matrix(p, p, 2);
            step += muon.steps() * (3.0 * p * p * q + 2.0 * p * p * p);
        }
        // the rule's own state: momentum buffers, Adam's moments, Muon's normalised input
        sizes.matrix(m, d, spec.rule().buffers());
        double setup = 0;
        boolean fullBasis = FullSimulation.fullBasis(spec.problem(), spec.rule());
        if (fullBasis) {
            sizes.matrix(d, d, 1);
            sizes.heap(d * d);
            setup += 8.0 * d * d * d / 3;
            if (!spec.rule().rotationEquivariant()) {
                // the gradient and the direction of W, and the two products with the basis
                sizes.matrix(m, d, 2);
                step += 4.0 * m * d * d;
            }
        } else if (spec.problem().basis() == FullProblem.Basis.RANDOM) {
            // the basis's first m rows (Cholesky QR twice), for a start on the manifold
            sizes.matrix(m, d, 1);
            sizes.matrix(m, m, 1);
            sizes.heap(m * d + m * m);
            setup += 4.0 * m * m * d;
        }
        if (spec.init() instanceof FullInit.Gaussian) {
            sizes.matrix(m, d, 1);
            sizes.heap(m * d);
            if (fullBasis) {
                setup += 2.0 * m * d * d;
            }
        }
        if (spec.init() instanceof FullInit.Orthogonal) {
            // the Gaussian draw, its polar factor's workspaces (a scaled copy, U, V^T) and the start; the SVD
            sizes.matrix(m, d, 3);
            sizes.matrix(m, p, 1);
            sizes.matrix(p, d, 1);
            sizes.heap(m * d);
            setup += 14.0 * p * p * q;
            if (FullSimulation.fullBasis(spec.problem(), spec.rule())) {
                setup += 2.0 * m * d * d;
            }
        }
        return new FullPlan(8 * sizes.heap, 8 * sizes.entries, sizes.largest, sizes.rows, sizes.cols, setup, step);
    }

    /** Heap and native bytes together. */
    public long totalBytes() {
        return heapBytes + nativeBytes;
    }

    /** Whether every matrix fits in one native buffer. */
    public boolean fitsInBuffers() {
        return largestMatrix <= DenseMatrix.MAX_ENTRIES;
    }

    /** Operations of a run of {@code steps} steps. */
    public double flops(long steps) {
        return setupFlops + steps * stepFlops;
    }

    /** Accumulates entries, in {@code long} so that no size overflows. */
    private static final class Sizes {
        long entries;
        long heap;
        long largest;
        long rows;
        long cols;

        void matrix(long r, long c, int count) {
            long n = saturatingMultiply(r, c);
            entries = saturatingAdd(entries, saturatingMultiply(n, count));
            if (n > largest) {
                largest = n;
                rows = r;
                cols = c;
            }
        }

        void heap(long n) {
            heap = saturatingAdd(heap, n);
        }

        private static long saturatingMultiply(long a, long b) {
            long hi = Math.multiplyHigh(a, b);
            long lo = a * b;
            return hi != 0 || lo < 0 ? Long.MAX_VALUE / 16 : lo;
        }

        private static long saturatingAdd(long a, long b) {
            long s = a + b;
            return s < 0 || s > Long.MAX_VALUE / 16 ? Long.MAX_VALUE / 16 : s;
        }
    }
}
