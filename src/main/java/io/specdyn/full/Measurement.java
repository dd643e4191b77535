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
}
