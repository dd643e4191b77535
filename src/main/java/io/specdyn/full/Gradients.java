package io.specdyn.full;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.Kernels;

/** The two gradients of the full simulator, in the covariance eigenbasis ({@link FullSimulation}). */
final class Gradients {
    private Gradients() {
    }

    /**
     * Population gradient {@code G = V K}, {@code K = T Lambda + 2 Lambda D Lambda},
     * {@code D = M - e_s e_s^T}, {@code T = tr(D Lambda)}, from {@code mt = V^T V}. Modifies {@code k}
     * (workspace, {@code d x d}) and {@code g} ({@code m x d}).
     */
    static void population(Kernels kernels, DenseMatrix v, DenseMatrix mt, double[] lambda, int signal,
                           DenseMatrix k, DenseMatrix g) {
        int d = mt.rows();
        double meanError = -lambda[signal];
        for (int i = 0; i < d; i++) {
            meanError += lambda[i] * mt.at(i * d + i);
        }
        for (int i = 0; i < d; i++) {
            int row = i * d;
            double li2 = 2 * lambda[i];
            for (int j = 0; j < d; j++) {
                k.setAt(row + j, li2 * lambda[j] * mt.at(row + j));
            }
            k.setAt(row + i, k.at(row + i) + meanError * lambda[i]);
        }
        k.setAt(signal * d + signal, k.at(signal * d + signal) - 2 * lambda[signal] * lambda[signal]);
        kernels.gemm(false, false, 1.0, v, k, 0.0, g);
    }

    /**
     * Population gradient for the teacher {@code theta} (components in the eigenbasis; null is
     * {@code e_s}, {@link #population(Kernels, DenseMatrix, DenseMatrix, double[], int, DenseMatrix, DenseMatrix)}
     * bit for bit): {@code G = V K}, {@code K = T Lambda + 2 Lambda M Lambda - 2 (Lambda theta)(Lambda theta)^T},
     * {@code T = tr(Lambda M) - theta^T Lambda theta}. Modifies {@code k} ({@code d x d}) and {@code g}.
     */
    static void population(Kernels kernels, DenseMatrix v, DenseMatrix mt, double[] lambda, int signal,
                           double[] teacher, DenseMatrix k, DenseMatrix g) {
        if (teacher == null) {
            population(kernels, v, mt, lambda, signal, k, g);
            return;
        }
        int d = mt.rows();
        double meanError = 0;
        for (int i = 0; i < d; i++) {
            meanError += lambda[i] * mt.at(i * d + i) - lambda[i] * teacher[i] * teacher[i];
        }
        for (int i = 0; i < d; i++) {
            int row = i * d;
            double li2 = 2 * lambda[i];
            double wi2 = 2 * lambda[i] * teacher[i];
            for (int j = 0; j < d; j++) {
                k.setAt(row + j, li2 * lambda[j] * mt.at(row + j) - wi2 * lambda[j] * teacher[j]);
            }
            k.setAt(row + i, k.at(row + i) + meanError * lambda[i]);
        }
        kernels.gemm(false, false, 1.0, v, k, 0.0, g);
    }

    /**
     * Empirical gradient {@code G = (1/n) Z^T diag(r) X} of {@code (1/(4n)) sum_i (|V x_i|^2 - x_{i,s}^2)^2},
     * with {@code r_i = |Z_i|^2 - x_{i,s}^2}, for the samples {@code x} (rows of {@code samples},
     * {@code n x d}) and their projection {@code Z = X V^T} ({@code projected}, {@code n x m}, from
     * {@link #project}). Modifies {@code projected} (scaled to {@code diag(r) Z / n}) and {@code g}.
     */
    static void samples(Kernels kernels, DenseMatrix samples, int signal, DenseMatrix projected, DenseMatrix g) {
        samples(kernels, samples, targets(samples, signal, null), projected, g);
    }

    /**
     * The teacher's outputs {@code y_i = (theta . x_i)^2} of the samples (rows of {@code samples}), with
     * {@code theta} in the eigenbasis; null is {@code e_s}: {@code y_i = x_{i,s}^2}. {@code O(n d)}.
     */
    static double[] targets(DenseMatrix samples, int signal, double[] teacher) {
        double[] y = new double[samples.rows()];
        targets(samples, signal, teacher, y);
        return y;
    }

    /** {@link #targets(DenseMatrix, int, double[])} into {@code y}; modifies {@code y} only. */
    static void targets(DenseMatrix samples, int signal, double[] teacher, double[] y) {
        int n = samples.rows();
        int d = samples.cols();
        for (int i = 0; i < n; i++) {
            if (teacher == null) {
                double xs = samples.at(i * d + signal);
                y[i] = xs * xs;
            } else {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += teacher[j] * samples.at(i * d + j);
                }
                y[i] = dot * dot;
            }
        }
    }

    /**
     * Empirical gradient as {@link #samples(Kernels, DenseMatrix, int, DenseMatrix, DenseMatrix)}, for the
     * teacher's outputs {@code y} ({@link #targets}): {@code r_i = |Z_i|^2 - y_i}. Modifies {@code projected}
     * and {@code g}.
     */
    static void samples(Kernels kernels, DenseMatrix samples, double[] y, DenseMatrix projected, DenseMatrix g) {
        int n = samples.rows();
        int m = projected.cols();
        for (int i = 0; i < n; i++) {
            int row = i * m;
            double r = residual(y, projected, i) / n;
            for (int j = 0; j < m; j++) {
                projected.setAt(row + j, projected.at(row + j) * r);
            }
        }
        kernels.gemm(true, false, 1.0, projected, samples, 0.0, g);
    }

    /** {@code Z = X V^T}: modifies {@code projected} ({@code n x m}) only. */
    static void project(Kernels kernels, DenseMatrix v, DenseMatrix samples, DenseMatrix projected) {
        kernels.gemm(false, true, 1.0, samples, v, 0.0, projected);
    }

    /**
     * The empirical loss {@code (1/(4n)) sum_i (|Z_i|^2 - x_{i,s}^2)^2} from the projection
     * {@code Z = X V^T}. Modifies nothing.
     */
    static double empiricalLoss(DenseMatrix samples, int signal, DenseMatrix projected) {
        return empiricalLoss(targets(samples, signal, null), projected);
    }

    /** The empirical loss {@code (1/(4n)) sum_i (|Z_i|^2 - y_i)^2}. Modifies nothing. */
    static double empiricalLoss(double[] y, DenseMatrix projected) {
        int n = y.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = residual(y, projected, i);
            sum += r * r;
        }
        return sum / (4.0 * n);
    }

    /** The residual {@code r_i = |Z_i|^2 - y_i} of sample {@code i}. Modifies nothing. */
    private static double residual(double[] y, DenseMatrix projected, int i) {
        int m = projected.cols();
        int row = i * m;
        double f = 0;
        for (int j = 0; j < m; j++) {
            double z = projected.at(row + j);
            f += z * z;
        }
        return f - y[i];
    }
}
