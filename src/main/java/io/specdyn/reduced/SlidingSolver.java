package io.specdyn.reduced;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Decides, at a SpecGF switch, which of the groups on their switching surfaces slide and which
 * leave, and the common sliding rate {@code tau = T'/4}.
 *
 * <p>A group {@code i} on its surface has {@code r_i = lambda_i |w_i| > 0} and multiplicity
 * {@code n_i}; the free groups off their surfaces contribute {@code P_F}. Filippov consistency
 * is the root of
 * <pre>
 *     F(tau) = 2 tau + sum_i n_i clip(tau, -r_i, r_i) - P_F = 0 ,
 * </pre>
 * which is continuous, piecewise linear and of slope at least 2, so the root exists and is unique;
 * then group {@code i} slides where {@code |tau| < r_i}, grows in magnitude where
 * {@code tau < -r_i} and shrinks where {@code tau > r_i} ({@code theory-notes/reduced-dynamics.md},
 * section 8). The root is found by sorting the breakpoints {@code r_i} and scanning the linear
 * pieces: {@code O(m log m)} for {@code m} groups, never an enumeration of the {@code 3^m}
 * assignments.
 */
final class SlidingSolver {

    /** What a group on its switching surface does. */
    enum Choice {
        /** Stays on the surface with the equivalent control {@code w' = -tau / (lambda w)}. */
        SLIDE,
        /** Leaves at speed 1 with its magnitude growing ({@code tau <= -r}). */
        GROW,
        /** Leaves at speed 1 with its magnitude shrinking ({@code tau >= r}). */
        SHRINK
    }

    /** The root {@code tau} and each group's choice, in the order of the input. */
    record Solution(double tau, Choice[] choice) {
    }

    private SlidingSolver() {
    }

    /**
     * Solves {@code F(tau) = 0} and reads the choices off the root.
     *
     * @param pf         {@code P_F}, the free groups' {@code sum n_j lambda_j w_j sigma_j}
     * @param r          {@code r_i = lambda_i |w_i| > 0} of the groups on their surfaces; not modified
     * @param n          their multiplicities; not modified
     * @param tol        the accuracy of F, the width of a tie: a group whose breakpoint has
     *                   {@code |F(+-r_i)| <= tol} is at the edge of sliding, where sliding and
     *                   leaving are both consistent to rounding
     * @param preferFree the index (into {@code r}) of the group that ties go to leaving for, the one
     *                   whose slide has just ended; -1 for none. Every other tie slides.
     */
    static Solution solve(double pf, double[] r, double[] n, double tol, int preferFree) {
        int m = r.length;
        double p = Math.abs(pf);
        double[] atBreakpoint = new double[m];
        double tau = Math.signum(pf) * positiveRoot(p, r, n, atBreakpoint);
        Choice[] choice = new Choice[m];
        for (int i = 0; i < m; i++) {
            double g = atBreakpoint[i];
            boolean slides = tau == 0 || g > tol || (g >= -tol && i != preferFree);
            choice[i] = slides ? Choice.SLIDE : tau < 0 ? Choice.GROW : Choice.SHRINK;
        }
        return new Solution(tau, choice);
    }

    /**
     * The root of {@code G(t) = 2 t + sum_i n_i min(t, r_i) - p} for {@code p >= 0}, which is
     * {@code F} folded onto {@code t >= 0} ({@code G(t) = sign(P_F) F(sign(P_F) t)}, F being odd in
     * {@code (tau, P_F)}). Between consecutive sorted breakpoints the groups with
     * {@code r_i <= t} are saturated, and G is linear with slope {@code 2 + (multiplicity of the
     * others)}. Stores {@code G(r_i)} in {@code atBreakpoint[i]}: positive where group i slides.
     */
    private static double positiveRoot(double p, double[] r, double[] n, double[] atBreakpoint) {
        Integer[] order = new Integer[r.length];
        double total = 0;
        for (int i = 0; i < r.length; i++) {
            order[i] = i;
            total += n[i];
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> r[i]));
        double root = Double.NaN;
        double saturatedSum = 0;
        double saturatedCount = 0;
        for (int i : order) {
            double slope = 2 + (total - saturatedCount);
            atBreakpoint[i] = slope * r[i] + saturatedSum - p;
            if (Double.isNaN(root) && atBreakpoint[i] >= 0) {
                root = (p - saturatedSum) / slope;
            }
            saturatedSum += n[i] * r[i];
            saturatedCount += n[i];
        }
        return Double.isNaN(root) ? (p - saturatedSum) / 2 : root;
    }
}
