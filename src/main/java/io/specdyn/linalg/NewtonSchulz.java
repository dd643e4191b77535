package io.specdyn.linalg;

import io.specdyn.rules.Bf16;

/**
 * Muon's stand-in for the polar factor: steps of the quintic Newton-Schulz iteration
 * {@code X <- a X + (b A + c A^2) X}, {@code A = X X^T}, with {@code (a, b, c) = (3.4445, -4.7750, 2.0315)},
 * from a normalised {@code X}. On singular values it is the odd quintic {@code p(s) = a s + b s^3 + c s^5}
 * applied once a step ({@link #scalar}): after five steps they end in [0.6818, 1.1344] for
 * {@code s >= 0.0052}, not at 1 (figure F14): a different dynamics from SpecGD.
 *
 * <p>Works on the smaller Gram side: for a tall {@code X} the iteration is
 * {@code X <- a X + X (b B + c B^2)}, {@code B = X^T X}, the same map. With {@code bf16}, each matrix the
 * published code stores in bfloat16 is rounded when it is stored: {@code X}, {@code A} and
 * {@code b A + c A^2} after each product, the products themselves accumulated in double, as a GPU
 * accumulates them in float ({@code theory-notes/update-rules.md}, section 3). Holds its own workspaces
 * for one shape; not thread-safe.
 */
public final class NewtonSchulz {
    public static final double A = 3.4445;
    public static final double B = -4.7750;
    public static final double C = 2.0315;
    /** The published number of steps. */
    public static final int STEPS = 5;

    private final Kernels kernels;
    private final boolean wide;
    private final DenseMatrix x;
    private final DenseMatrix next;
    private final DenseMatrix gram;
    private final DenseMatrix poly;

    public NewtonSchulz(Kernels kernels, int rows, int cols) {
        this.kernels = kernels;
        this.wide = rows <= cols;
        int side = wide ? rows : cols;
        this.x = DenseMatrix.zeros(rows, cols);
        this.next = DenseMatrix.zeros(rows, cols);
        this.gram = DenseMatrix.zeros(side, side);
        this.poly = DenseMatrix.zeros(side, side);
    }

    /**
     * The iteration on one singular value: {@code steps} applications of the odd quintic
     * {@code p(s) = A s + B s^3 + C s^5} to {@code s}, the singular value of the normalised input.
     * The matrix iteration keeps the singular vectors of its input and maps each singular value by this
     * polynomial (theory-notes/full-simulator.md, Muon), so its output's singular values are
     * {@code |scalar(s_i, steps)|}. The operations are those of {@link #iterate} on a diagonal matrix
     * with the reference kernels, in the same order.
     *
     * @param s a normalised singular value, in [0, 1] for a normalised input
     * @param steps the number of steps, at least 0
     */
    public static double scalar(double s, int steps) {
        return scalar(s, steps, false);
    }

    /** {@link #scalar(double, int)}, with every stored value rounded to bfloat16 if {@code bf16}, as {@link #iterate} does. */
    public static double scalar(double s, int steps, boolean bf16) {
        if (steps < 0) {
            throw new IllegalArgumentException("the number of Newton-Schulz steps must be at least 0, got " + steps);
        }
        double x = bf16 ? Bf16.round(s) : s;
        for (int step = 0; step < steps; step++) {
            double gram = x * x;
            if (bf16) {
                gram = Bf16.round(gram);
            }
            double poly = C * (gram * gram) + B * gram;
            if (bf16) {
                poly = Bf16.round(poly);
            }
            x = poly * x + A * x;
            if (bf16) {
                x = Bf16.round(x);
            }
        }
        return x;
    }

    /** Writes five steps from {@code G / |G|_F} into {@code out}; zero for a zero {@code g}. Does not modify {@code g}. */
    public void compute(DenseMatrix g, DenseMatrix out) {
        double norm = g.frobeniusNorm();
        if (!Double.isFinite(norm)) {
            throw new ArithmeticException("the gradient is not finite");
        }
        if (norm == 0) {
            out.fill(0.0);
            return;
        }
        DenseMatrix scaled = DenseMatrix.zeros(g.rows(), g.cols());
        for (int k = 0, n = g.size(); k < n; k++) {
            scaled.setAt(k, g.at(k) / norm);
        }
        iterate(scaled, STEPS, false, out);
    }

    /**
     * Writes {@code steps} steps of the iteration from {@code start} into {@code out}, rounding to bfloat16
     * if {@code bf16}. Does not modify {@code start}; {@code out} may be {@code start}.
     */
    public void iterate(DenseMatrix start, int steps, boolean bf16, DenseMatrix out) {
        if (steps < 0) {
            throw new IllegalArgumentException("the number of Newton-Schulz steps must be at least 0, got " + steps);
        }
        x.copyFrom(start);
        if (bf16) {
            round(x);
        }
        for (int step = 0; step < steps; step++) {
            kernels.gram(x, !wide, gram);
            if (bf16) {
                round(gram);
            }
            poly.copyFrom(gram);
            kernels.gemm(false, false, C, gram, gram, B, poly);
            if (bf16) {
                round(poly);
            }
            next.copyFrom(x);
            if (wide) {
                kernels.gemm(false, false, 1.0, poly, x, A, next);
            } else {
                kernels.gemm(false, false, 1.0, x, poly, A, next);
            }
            x.copyFrom(next);
            if (bf16) {
                round(x);
            }
        }
        out.copyFrom(x);
    }

    private static void round(DenseMatrix m) {
        for (int k = 0, n = m.size(); k < n; k++) {
            m.setAt(k, Bf16.round(m.at(k)));
        }
    }
}
