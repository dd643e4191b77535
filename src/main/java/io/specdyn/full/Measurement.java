package io.specdyn.full;

import io.specdyn.linalg.DenseMatrix;

/**
 * What is measured of a weight matrix, from {@code M = W^T W} expressed in the covariance eigenbasis
 * (so {@code theta} and {@code u} are coordinate vectors there):
 * {@code a = sqrt(M_ss)}, {@code b = sqrt(M_pp)}, {@code c = sqrt((tr M - a^2 - b^2) / (d - 2))},
 * the alignment {@code M_ss / |M|_F}, the mean output error {@code T = tr(D Sigma)}, the population
 * loss {@code [T^2 + 2 tr(D Sigma D Sigma)] / 4} with {@code D = M - theta theta^T}, and the
 * off-manifold residual {@code |M - (a^2 theta theta^T + b^2 u u^T + c^2 P)|_F / |M|_F} (for a
 * spectrum of other eigenvalue groups, the distance from the nearest {@code M} diagonal with one
 * entry per group).
 */
public record Measurement(double a, double b, double c, double meanError, double loss, double alignment,
                          double offManifold) {

    /**
     * Measures {@code mt}, the full symmetric {@code W^T W} in the eigenbasis. Does not modify it.
     * One pass over its entries.
     */
    static Measurement of(DenseMatrix mt, double[] lambda, int signal, int spike) {
        return of(mt, lambda, signal, spike, null, 0);
    }

    /**
     * Measures {@code mt} as {@link #of(DenseMatrix, double[], int, int)}, with the off-manifold
     * residual taken against the manifold of a spectrum of {@code groups} eigenvalue groups
     * ({@code theory-notes/model.md}, section 6): {@code M} diagonal, each direction's entry the mean
     * of its group's, so {@code rho = |M - diag(mean of each group's diagonal)|_F / |M|_F}.
     *
     * @param group the group of each direction ({@code GroupSpectrum.groupOfDirections()}), or null for
     *              the three-group manifold (signal, spike, bulk), whose bulk entry is {@code c^2} as above
     */
    static Measurement of(DenseMatrix mt, double[] lambda, int signal, int spike, int[] group, int groups) {
        int d = mt.rows();
        double trace = 0;
        double weightedTrace = 0;
        double[] groupMean = group == null ? null : new double[groups];
        double[] groupCount = group == null ? null : new double[groups];
        for (int i = 0; i < d; i++) {
            double mii = mt.at(i * d + i);
            trace += mii;
            weightedTrace += lambda[i] * mii;
            if (group != null) {
                groupMean[group[i]] += mii;
                groupCount[group[i]]++;
            }
        }
        if (group != null) {
            for (int k = 0; k < groups; k++) {
                groupMean[k] /= groupCount[k];
            }
        }
        double a2 = mt.at(signal * d + signal);
        double b2 = mt.at(spike * d + spike);
        double c2 = Math.max(0.0, (trace - a2 - b2) / (d - 2));
        double meanError = weightedTrace - lambda[signal];
        double frob2 = 0;
        double off2 = 0;
        double dsds = 0;
        for (int i = 0; i < d; i++) {
            int row = i * d;
            double li = lambda[i];
            double rowFrob = 0;
            double rowDsds = 0;
            for (int j = 0; j < d; j++) {
                double v = mt.at(row + j);
                rowFrob += v * v;
                rowDsds += lambda[j] * v * v;
            }
            double mii = mt.at(row + i);
            double target = group != null ? groupMean[group[i]] : i == signal ? a2 : i == spike ? b2 : c2;
            off2 += rowFrob - mii * mii + (mii - target) * (mii - target);
            frob2 += rowFrob;
            dsds += li * rowDsds;
        }
        // D = M - theta theta^T differs from M in the (s, s) entry only
        double ms = a2;
        dsds += lambda[signal] * lambda[signal] * ((ms - 1) * (ms - 1) - ms * ms);
        double loss = 0.25 * (meanError * meanError + 2 * dsds);
        double norm = Math.sqrt(frob2);
        double alignment = norm > 0 ? a2 / norm : 0.0;
        double offManifold = norm > 0 ? Math.sqrt(Math.max(0.0, off2)) / norm : 0.0;
        return new Measurement(Math.sqrt(a2), Math.sqrt(b2), Math.sqrt(c2), meanError, loss, alignment, offManifold);
    }

    /**
     * Measures {@code mt} ({@code W^T W} in the eigenbasis, {@code d x d}, not modified) for the teacher
     * {@code theta}, its components in the eigenbasis; null is {@code e_s} and gives
     * {@link #of(DenseMatrix, double[], int, int, int[], int)} bit for bit. {@code O(d^2)}; the
     * residual is summed entry by entry, as for {@code e_s}.
     */
    static Measurement of(DenseMatrix mt, double[] lambda, int signal, int spike, int[] group, int groups,
                          double[] teacher) {
        if (teacher == null) {
            return of(mt, lambda, signal, spike, group, groups);
        }
        int d = mt.rows();
        double theta2 = 0;
        for (double t : teacher) {
            theta2 += t * t;
        }
        double[] diag = new double[d];
        double frob2 = 0;
        double lmlm = 0;
        double tmt = 0;
        double wmw = 0;
        for (int i = 0; i < d; i++) {
            int row = i * d;
            double rowF = 0;
            double rowL = 0;
            double rowT = 0;
            double rowW = 0;
            for (int j = 0; j < d; j++) {
                double v = mt.at(row + j);
                rowF += v * v;
                rowL += lambda[j] * v * v;
                rowT += v * teacher[j];
                rowW += v * lambda[j] * teacher[j];
            }
            diag[i] = mt.at(row + i);
            frob2 += rowF;
            lmlm += lambda[i] * rowL;
            tmt += teacher[i] * rowT;
            wmw += lambda[i] * teacher[i] * rowW;
        }
        double off2;
        if (onSignal(teacher, signal)) {
            // today's residual, entry by entry: a vector teacher on e_s measures as e_s
            double[] target = targets(diag, signal, spike, group, groups);
            off2 = 0;
            for (int i = 0; i < d; i++) {
                int row = i * d;
                double rowFrob = 0;
                for (int j = 0; j < d; j++) {
                    double v = mt.at(row + j);
                    rowFrob += v * v;
                }
                off2 += rowFrob - diag[i] * diag[i] + (diag[i] - target[i]) * (diag[i] - target[i]);
            }
        } else {
            // |M - alpha t t^T - beta (I - t t^T)|_F^2 entry by entry, t = theta / |theta|
            double alpha = tmt / theta2;
            double trace = 0;
            for (double x : diag) {
                trace += x;
            }
            double beta = (trace - alpha) / (d - 1);
            off2 = 0;
            for (int i = 0; i < d; i++) {
                int row = i * d;
                double ti = teacher[i] / theta2;
                for (int j = 0; j < d; j++) {
                    double r = mt.at(row + j) - (alpha - beta) * ti * teacher[j] - (i == j ? beta : 0.0);
                    off2 += r * r;
                }
            }
        }
        return fromMoments(diag, frob2, lmlm, tmt, wmw, off2, lambda, signal, spike, teacher);
    }

    /** Whether {@code theta} (null: {@code e_s}) lies on the signal's eigenvector: every other component zero. */
    static boolean onSignal(double[] teacher, int signal) {
        if (teacher == null) {
            return true;
        }
        for (int i = 0; i < teacher.length; i++) {
            if (i != signal && teacher[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The diagonal of the nearest point of the eigen-teacher manifold: {@code a^2 = M_ss},
     * {@code b^2 = M_pp} and {@code c^2} for the rest, or each group's mean (null {@code group}: three groups).
     */
    static double[] targets(double[] diag, int signal, int spike, int[] group, int groups) {
        double[] target = new double[diag.length];
        targets(diag, signal, spike, group, groups, target);
        return target;
    }

    /** {@link #targets(double[], int, int, int[], int)} into {@code target}; modifies {@code target} only. */
    static void targets(double[] diag, int signal, int spike, int[] group, int groups, double[] target) {
        int d = diag.length;
        if (group != null) {
            double[] mean = new double[groups];
            double[] count = new double[groups];
            for (int i = 0; i < d; i++) {
                mean[group[i]] += diag[i];
                count[group[i]]++;
            }
            for (int i = 0; i < d; i++) {
                target[i] = mean[group[i]] / count[group[i]];
            }
            return;
        }
        double trace = 0;
        for (double x : diag) {
            trace += x;
        }
        double c2 = Math.max(0.0, (trace - diag[signal] - diag[spike]) / (d - 2));
        for (int i = 0; i < d; i++) {
            target[i] = i == signal ? diag[signal] : i == spike ? diag[spike] : c2;
        }
    }

    /**
     * The measurement from a few moments of {@code M} (in the eigenbasis), which the {@code m x m} side
     * computes without forming {@code M}: its diagonal, {@code |M|_F^2}, {@code tr(Lambda M Lambda M)},
     * {@code theta^T M theta}, {@code (Lambda theta)^T M (Lambda theta)}, and the squared residual
     * {@code off2} (the caller's: it depends on how {@code M} is held). For the teacher {@code theta}
     * (null: {@code e_s}):
     * <ul>
     * <li>{@code T = tr(Lambda M) - theta^T Lambda theta}; the loss {@code [T^2 + 2 tr((Lambda D)^2)] / 4},
     * {@code tr((Lambda D)^2) = tr(Lambda M Lambda M) - 2 (Lambda theta)^T M (Lambda theta) + (theta^T Lambda theta)^2};
     * <li>{@code a^2 = theta^T M theta / |theta|^2}, the student's coefficient along the teacher's unit
     * direction ({@code M_ss} for a teacher on {@code e_s}); {@code b^2 = M_pp}; {@code c^2} as for
     * {@code e_s}; the alignment {@code a^2 / |M|_F};
     * <li>the off-manifold residual {@code sqrt(off2) / |M|_F}: for a teacher on {@code e_s}, the
     * eigen-teacher residual of {@link #of(DenseMatrix, double[], int, int, int[], int)}; for any other,
     * the distance from the manifold of the isotropic problem around the teacher's direction
     * {@code t = theta / |theta|}, {@code min |M - alpha t t^T - beta (I - t t^T)|_F}, attained at
     * {@code alpha = t^T M t = a^2}, {@code beta = (tr M - alpha) / (d - 1)} (the two matrices are
     * orthogonal in the Frobenius product).
     * </ul>
     * Modifies nothing.
     */
    static Measurement fromMoments(double[] diag, double frob2, double lmlm, double tmt, double wmw, double off2,
                                   double[] lambda, int signal, int spike, double[] teacher) {
        int d = diag.length;
        double theta2 = 0;
        double tlt = 0;
        for (int i = 0; i < d; i++) {
            double t = teacher == null ? (i == signal ? 1.0 : 0.0) : teacher[i];
            theta2 += t * t;
            tlt += lambda[i] * t * t;
        }
        double trace = 0;
        double weightedTrace = 0;
        for (int i = 0; i < d; i++) {
            trace += diag[i];
            weightedTrace += lambda[i] * diag[i];
        }
        double meanError = weightedTrace - tlt;
        double dsds = lmlm - 2 * wmw + tlt * tlt;
        double loss = 0.25 * (meanError * meanError + 2 * dsds);
        double a2 = onSignal(teacher, signal) ? diag[signal] : tmt / theta2;
        double b2 = diag[spike];
        double c2 = Math.max(0.0, (trace - a2 - b2) / (d - 2));
        double norm = Math.sqrt(frob2);
        double alignment = norm > 0 ? a2 / norm : 0.0;
        double offManifold = norm > 0 ? Math.sqrt(Math.max(0.0, off2)) / norm : 0.0;
        return new Measurement(Math.sqrt(Math.max(0.0, a2)), Math.sqrt(b2), Math.sqrt(c2), meanError, loss, alignment,
                offManifold);
    }
}
