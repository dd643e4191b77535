package io.specdyn.linalg;

/**
 * Muon's stand-in for the polar factor: five steps of the quintic Newton-Schulz iteration
 * {@code X <- a X + (b A + c A^2) X}, {@code A = X X^T}, with
 * {@code (a, b, c) = (3.4445, -4.7750, 2.0315)}, from {@code X = G / |G|_F}. On singular values it is the
 * odd quintic {@code p(s) = a s + b s^3 + c s^5} applied five times to {@code s / |G|_F} ({@link #scalar}):
 * they end in [0.6818, 1.1344] for {@code s / |G|_F >= 0.0052}, not at 1 (figure F14): a different dynamics
 * from SpecGD.
 *
 * <p>Works on the smaller Gram side: for a tall {@code G} the iteration is
 * {@code X <- a X + X (b B + c B^2)}, {@code B = X^T X}, the same map. Holds its own workspaces for
 * one shape; not thread-safe.
 */
public final class NewtonSchulz {
    public static final double A = 3.4445;
    public static final double B = -4.7750;
    public static final double C = 2.0315;
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
     * {@code p(s) = A s + B s^3 + C s^5} to {@code s}, the singular value of the normalised input
     * {@code G / |G|_F}. The matrix iteration keeps the singular vectors of its input and maps each singular
     * value by this polynomial (theory-notes/full-simulator.md, Muon), so its output's singular values are
     * {@code |scalar(s_i / |G|_F, STEPS)|}. The operations are those of {@link #compute} on a diagonal
     * matrix with the reference kernels, in the same order.
     *
     * @param s a normalised singular value, in [0, 1] for a normalised input
     * @param steps the number of steps, at least 0
     */
    public static double scalar(double s, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("the number of Newton-Schulz steps must be at least 0, got " + steps);
        }
        double x = s;
        for (int step = 0; step < steps; step++) {
            double gram = x * x;
            double poly = C * (gram * gram) + B * gram;
            x = poly * x + A * x;
        }
        return x;
    }

    /** Writes the Newton-Schulz factor of {@code g} into {@code out}; zero for a zero {@code g}. Does not modify {@code g}. */
    public void compute(DenseMatrix g, DenseMatrix out) {
        double norm = g.frobeniusNorm();
        if (!Double.isFinite(norm)) {
            throw new ArithmeticException("the gradient is not finite");
        }
        if (norm == 0) {
            out.fill(0.0);
            return;
        }
        for (int k = 0, n = g.size(); k < n; k++) {
            x.setAt(k, g.at(k) / norm);
        }
        for (int step = 0; step < STEPS; step++) {
            kernels.gram(x, !wide, gram);
            poly.copyFrom(gram);
            kernels.gemm(false, false, C, gram, gram, B, poly);
            next.copyFrom(x);
            if (wide) {
                kernels.gemm(false, false, 1.0, poly, x, A, next);
            } else {
                kernels.gemm(false, false, 1.0, x, poly, A, next);
            }
            x.copyFrom(next);
        }
        out.copyFrom(x);
    }
}
