package io.specdyn.full;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.Kernels;

/**
 * The population gradient and the measurement of a wide {@code V} ({@code m x d}, {@code m < d}) from
 * the {@code m x m} side, by associativity, never forming the {@code d x d} {@code M = V^T V}.
 *
 * <p>With {@code Lambda} diagonal and {@code w = Lambda theta},
 * {@code G = V [T Lambda + 2 Lambda D Lambda] = T (V Lambda) + 2 (V Lambda V^T)(V Lambda) - 2 (V w) w^T},
 * {@code T = sum_j lambda_j |v_j|^2 - theta^T Lambda theta} ({@code v_j} the columns of {@code V}):
 * one scaling of {@code V}, two products of {@code m^2 d} and a rank-one update, {@code O(m^2 d)};
 * {@code O(d)} at {@code m = 1}. The measurement needs the moments of
 * {@link Measurement#fromMoments}: the diagonal of {@code M} (the column norms of {@code V}),
 * {@code |M|_F^2} and the residual ({@link #measure}), {@code tr(Lambda M Lambda M) = |V Lambda V^T|_F^2},
 * {@code theta^T M theta = |V theta|^2} and {@code w^T M w = |V w|^2}: one more Gram product.
 *
 * <p>Owns its workspaces; nothing is allocated per step. Not thread-safe.
 */
final class GramSide {
    private final Kernels kernels;
    private final int m;
    private final int d;
    private final double[] lambda;
    private final int signal;
    private final int spike;
    private final int[] group;
    private final int groups;
    /** The teacher as given (null: {@code e_s}), and as a vector. */
    private final double[] teacher;
    private final double[] theta;
    /** {@code w = Lambda theta} and {@code theta^T Lambda theta}. */
    private final double[] w;
    private final double thetaLambdaTheta;

    /** {@code V Lambda} ({@code m x d}), {@code V Lambda V^T} and {@code V_r V_r^T} ({@code m x m}). */
    private final DenseMatrix scaled;
    private final DenseMatrix weighted;
    private final DenseMatrix gram;
    /** The diagonal of {@code M}, {@code V theta} and {@code V w}. */
    private final double[] diag;
    private final double[] vTheta;
    private final double[] vw;
    /** The measurement's workspaces: {@code V t}, {@code M t} and {@code V_r = V - (V t) t^T}. */
    private final double[] vt;
    private final double[] mt;
    private final DenseMatrix rest;
    /** The diagonal's targets on the eigen-teacher manifold. */
    private final double[] target;

    GramSide(Kernels kernels, int m, double[] lambda, int signal, int spike, int[] group, int groups,
             double[] teacher) {
        this.kernels = kernels;
        this.m = m;
        this.d = lambda.length;
        this.lambda = lambda;
        this.signal = signal;
        this.spike = spike;
        this.group = group;
        this.groups = groups;
        this.teacher = teacher;
        this.theta = new double[d];
        if (teacher == null) {
            theta[signal] = 1.0;
        } else {
            System.arraycopy(teacher, 0, theta, 0, d);
        }
        this.w = new double[d];
        double tlt = 0;
        for (int j = 0; j < d; j++) {
            w[j] = lambda[j] * theta[j];
            tlt += theta[j] * w[j];
        }
        this.thetaLambdaTheta = tlt;
        this.scaled = DenseMatrix.zeros(m, d);
        this.weighted = DenseMatrix.zeros(m, m);
        this.gram = DenseMatrix.zeros(m, m);
        this.diag = new double[d];
        this.vTheta = new double[m];
        this.vw = new double[m];
        this.vt = new double[m];
        this.mt = new double[d];
        this.rest = DenseMatrix.zeros(m, d);
        this.target = new double[d];
    }

    /**
     * Computes what the gradient needs from {@code v} (not modified): {@code V Lambda},
     * {@code V Lambda V^T}, the column norms, {@code V theta} and {@code V w}.
     */
    void prepare(DenseMatrix v) {
        java.util.Arrays.fill(diag, 0.0);
        for (int i = 0; i < m; i++) {
            int row = i * d;
            double dotTheta = 0;
            double dotW = 0;
            for (int j = 0; j < d; j++) {
                double x = v.at(row + j);
                scaled.setAt(row + j, x * lambda[j]);
                diag[j] += x * x;
                dotTheta += x * theta[j];
                dotW += x * w[j];
            }
            vTheta[i] = dotTheta;
            vw[i] = dotW;
        }
        kernels.gemm(false, true, 1.0, scaled, v, 0.0, weighted);
    }

    /** The mean error {@code T} of the prepared state. */
    double meanError() {
        double weightedTrace = 0;
        for (int j = 0; j < d; j++) {
            weightedTrace += lambda[j] * diag[j];
        }
        return weightedTrace - thetaLambdaTheta;
    }

    /** The population gradient of the prepared state into {@code g} ({@code m x d}); modifies {@code g} only. */
    void gradient(DenseMatrix g) {
        double t = meanError();
        for (int k = 0, n = g.size(); k < n; k++) {
            g.setAt(k, t * scaled.at(k));
        }
        kernels.gemm(false, false, 2.0, weighted, scaled, 1.0, g);
        for (int i = 0; i < m; i++) {
            int row = i * d;
            double c = 2 * vw[i];
            for (int j = 0; j < d; j++) {
                g.setAt(row + j, g.at(row + j) - c * w[j]);
            }
        }
    }

    /**
     * The measurement of the prepared state {@code v} (not modified). The residual is split along the
     * teacher's unit direction {@code t} and its complement {@code P = I - t t^T}:
     * {@code |M|_F^2 = alpha^2 + 2 |P M t|^2 + |P M P|_F^2} with {@code alpha = t^T M t},
     * {@code M t = V^T (V t)} ({@code O(m d)}) and {@code |P M P|_F = |V_r V_r^T|_F},
     * {@code V_r = V - (V t) t^T}: one Gram product. The part along {@code t} is then exact, and only
     * the complement's is a difference of squares (round-off of order {@code sqrt(eps) |P M P|_F / |M|_F}
     * in the residual): for the teacher on {@code e_s}, {@code |P M P|_F^2 - sum_{j != s} M_jj^2} plus the
     * diagonal's distance from its targets; for any other teacher,
     * {@code |P M P|_F^2 - tr(P M P)^2 / (d - 1)}.
     */
    Measurement measure(DenseMatrix v) {
        double theta2 = 0;
        for (double t : theta) {
            theta2 += t * t;
        }
        double norm = Math.sqrt(theta2);
        double alpha = 0;
        double wmw = 0;
        for (int i = 0; i < m; i++) {
            vt[i] = vTheta[i] / norm;
            alpha += vt[i] * vt[i];
            wmw += vw[i] * vw[i];
        }
        double tmt = alpha * theta2;
        java.util.Arrays.fill(mt, 0.0);
        double restTrace = 0;
        for (int i = 0; i < m; i++) {
            int row = i * d;
            double c = vt[i];
            for (int j = 0; j < d; j++) {
                double x = v.at(row + j);
                mt[j] += x * c;
                double r = x - c * theta[j] / norm;
                rest.setAt(row + j, r);
                restTrace += r * r;
            }
        }
        double pmt2 = 0;
        for (int j = 0; j < d; j++) {
            double p = mt[j] - alpha * theta[j] / norm;
            pmt2 += p * p;
        }
        kernels.gram(rest, false, gram);
        double restFrob2 = 0;
        double lmlm = 0;
        for (int k = 0, n = m * m; k < n; k++) {
            restFrob2 += gram.at(k) * gram.at(k);
            lmlm += weighted.at(k) * weighted.at(k);
        }
        double frob2 = alpha * alpha + 2 * pmt2 + restFrob2;
        double off2 = 2 * pmt2 + restFrob2;
        if (Measurement.onSignal(teacher, signal)) {
            Measurement.targets(diag, signal, spike, group, groups, target);
            for (int j = 0; j < d; j++) {
                off2 += (diag[j] - target[j]) * (diag[j] - target[j]) - (j == signal ? 0.0 : diag[j] * diag[j]);
            }
        } else {
            off2 -= restTrace * restTrace / (d - 1);
        }
        return Measurement.fromMoments(diag, frob2, lmlm, tmt, wmw, off2, lambda, signal, spike, teacher);
    }

    /** {@link #prepare} and {@link #measure} of {@code v} (not modified). */
    Measurement measureOf(DenseMatrix v) {
        prepare(v);
        return measure(v);
    }
}
