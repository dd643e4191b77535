package io.specdyn.full;

/**
 * An independent port of Muon as published (Jordan et al., 2024: {@code muon_update} and
 * {@code zeropower_via_newtonschulz5}, without weight decay), on the population phase-retrieval loss, in
 * plain {@code double[][]} arithmetic. Written from the formulas, not from the engine: it calls neither
 * {@code io.specdyn.rules} nor {@code io.specdyn.linalg}.
 *
 * <p>The update: {@code m <- beta m + (1 - beta) g}; {@code U = (1 - beta) g + beta m} with Nesterov, else
 * {@code U = m}; {@code X = U / (|U|_F + eps)}; if rows &gt; cols, {@code X = X^T}; {@code steps} times
 * {@code A = X X^T}, {@code B = b A + c A A}, {@code X = a X + B X} with
 * {@code (a, b, c) = (3.4445, -4.7750, 2.0315)}; transpose back; times {@code max(1, rows/cols)^0.5};
 * {@code W <- W - lr * that}.
 *
 * <p>The loss (theory-notes/model.md, section 1), in coordinates where the covariance is
 * {@code diag(lambda)} and the teacher is {@code e_s}: {@code M = W^T W}, {@code D = M - e_s e_s^T},
 * {@code T = tr(D Lambda) = sum_i lambda_i M_ii - lambda_s},
 * {@code L = [T^2 + 2 tr(D Lambda D Lambda)] / 4}, and the gradient
 * {@code W [T Lambda + 2 Lambda D Lambda]} (theory-notes/full-simulator.md, section 1).
 * The measured columns (model.md, section 4): {@code a = sqrt(M_ss)}, {@code b = sqrt(M_pp)},
 * {@code c = sqrt((tr M - a^2 - b^2) / (d - 2))}, alignment {@code M_ss / |M|_F}.
 */
final class PublishedMuon {
    static final double NS_A = 3.4445;
    static final double NS_B = -4.7750;
    static final double NS_C = 2.0315;

    private final double beta;
    private final boolean nesterov;
    private final int steps;
    private final double eps;
    private final double[] lambda;
    private final int signal;
    private final int spike;
    final double[][] w;
    private final double[][] momentum;

    PublishedMuon(double beta, boolean nesterov, int steps, double eps, double[] lambda, int signal, int spike,
                  double[][] w0) {
        this.beta = beta;
        this.nesterov = nesterov;
        this.steps = steps;
        this.eps = eps;
        this.lambda = lambda.clone();
        this.signal = signal;
        this.spike = spike;
        this.w = copy(w0);
        this.momentum = new double[w0.length][w0[0].length];
    }

    /** One step {@code W <- W - lr * update}. */
    void step(double lr) {
        double[][] g = gradient();
        int rows = w.length;
        int cols = w[0].length;
        double[][] u = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                momentum[i][j] = beta * momentum[i][j] + (1 - beta) * g[i][j];
                u[i][j] = nesterov ? (1 - beta) * g[i][j] + beta * momentum[i][j] : momentum[i][j];
            }
        }
        double[][] update = orthogonalise(u, steps, eps);
        double scale = Math.sqrt(Math.max(1.0, (double) rows / cols));
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                w[i][j] -= lr * (update[i][j] * scale);
            }
        }
    }

    /** {@code zeropower_via_newtonschulz5} with the normalisation {@code U / (|U|_F + eps)}. */
    static double[][] orthogonalise(double[][] u, int steps, double eps) {
        double norm = 0;
        for (double[] row : u) {
            for (double v : row) {
                norm += v * v;
            }
        }
        norm = Math.sqrt(norm);
        boolean transpose = u.length > u[0].length;
        double[][] x = transpose ? transpose(u) : copy(u);
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= norm + eps;
            }
        }
        for (int k = 0; k < steps; k++) {
            double[][] a = multiply(x, transpose(x));
            double[][] aa = multiply(a, a);
            double[][] b = new double[a.length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    b[i][j] = NS_B * a[i][j] + NS_C * aa[i][j];
                }
            }
            double[][] bx = multiply(b, x);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x[0].length; j++) {
                    x[i][j] = NS_A * x[i][j] + bx[i][j];
                }
            }
        }
        return transpose ? transpose(x) : x;
    }

    /** {@code W [T Lambda + 2 Lambda D Lambda]}, {@code D = W^T W - e_s e_s^T}. */
    double[][] gradient() {
        double[][] d = multiply(transpose(w), w);
        d[signal][signal] -= 1;
        int n = lambda.length;
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += lambda[i] * d[i][i];
        }
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] = 2 * lambda[i] * d[i][j] * lambda[j] + (i == j ? t * lambda[i] : 0.0);
            }
        }
        return multiply(w, k);
    }

    /** {@code (a, b, c, loss, alignment)} of the current W. */
    double[] measure() {
        double[][] m = multiply(transpose(w), w);
        int n = lambda.length;
        double trace = 0;
        double t = -lambda[signal];
        double frob = 0;
        double dld = 0;
        for (int i = 0; i < n; i++) {
            trace += m[i][i];
            t += lambda[i] * m[i][i];
            for (int j = 0; j < n; j++) {
                frob += m[i][j] * m[i][j];
                double dij = m[i][j] - (i == signal && j == signal ? 1 : 0);
                dld += lambda[i] * lambda[j] * dij * dij;
            }
        }
        double a2 = m[signal][signal];
        double b2 = m[spike][spike];
        return new double[] {Math.sqrt(a2), Math.sqrt(b2), Math.sqrt((trace - a2 - b2) / (n - 2)),
            (t * t + 2 * dld) / 4, a2 / Math.sqrt(frob)};
    }

    static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        int inner = y.length;
        int p = y[0].length;
        double[][] out = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < inner; l++) {
                double xil = x[i][l];
                for (int j = 0; j < p; j++) {
                    out[i][j] += xil * y[l][j];
                }
            }
        }
        return out;
    }

    static double[][] transpose(double[][] x) {
        double[][] out = new double[x[0].length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                out[j][i] = x[i][j];
            }
        }
        return out;
    }

    static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }
}
