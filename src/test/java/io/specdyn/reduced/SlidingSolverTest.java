package io.specdyn.reduced;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.reduced.SlidingSolver.Choice;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sort-and-scan solution of {@code F(tau) = 2 tau + sum n_i clip(tau, -r_i, r_i) - P_F = 0}
 * against the definition of Filippov consistency, checked by enumerating all {@code 3^m}
 * slide/grow/shrink assignments, and against a bisection of F where m is too large to enumerate.
 */
class SlidingSolverTest {

    /**
     * Tie width relative to the scale of the terms, as in {@code FilippovSpecFlow}; the instances
     * below are either generic (every gap far above it) or built with exact ties (gaps of a few
     * ulps, far below it).
     */
    private static final double TIE = 1e-12;

    /** An assignment's {@code tau} and whether it is consistent within {@code tol}, from the definition. */
    private record Assignment(Choice[] choice, double tau, boolean consistent, int score) {
    }

    /**
     * Assignment number {@code code} (base 3: slide, grow, shrink per group): {@code tau} from
     * {@code (2 + M_S) tau = P_F + sum_grow n r - sum_shrink n r}, consistent when every sliding
     * group has {@code |tau| <= r} and every leaving one moves the way {@code tau} pushes it
     * ({@code tau <= -r} to grow, {@code tau >= r} to shrink), each to within the rounding of tau,
     * {@code tol / (2 + M_S)} for an equation whose terms are accurate to {@code tol}. The score
     * counts the groups that take the tie-breaking preference: sliding, except {@code preferFree},
     * which prefers to leave.
     */
    private static Assignment assignment(int code, double pf, double[] r, double[] n, double tol, int preferFree) {
        int m = r.length;
        Choice[] choice = new Choice[m];
        double num = pf;
        double den = 2;
        for (int i = 0; i < m; i++) {
            choice[i] = Choice.values()[code % 3];
            code /= 3;
            switch (choice[i]) {
                case SLIDE -> den += n[i];
                case GROW -> num += n[i] * r[i];
                case SHRINK -> num -= n[i] * r[i];
            }
        }
        double tau = num / den;
        double slack = tol / den;
        boolean consistent = true;
        int score = 0;
        for (int i = 0; i < m; i++) {
            consistent &= switch (choice[i]) {
                case SLIDE -> Math.abs(tau) <= r[i] + slack;
                case GROW -> tau <= -r[i] + slack;
                case SHRINK -> tau >= r[i] - slack;
            };
            boolean slides = choice[i] == Choice.SLIDE;
            if (slides == (i != preferFree)) {
                score++;
            }
        }
        return new Assignment(choice, tau, consistent, score);
    }

    /** The consistent assignment of highest score, by enumeration; fails if none is consistent. */
    private static Assignment bruteForce(double pf, double[] r, double[] n, double tol, int preferFree) {
        Assignment best = null;
        int combos = (int) Math.pow(3, r.length);
        for (int code = 0; code < combos; code++) {
            Assignment a = assignment(code, pf, r, n, tol, preferFree);
            if (a.consistent() && (best == null || a.score() > best.score())) {
                best = a;
            }
        }
        assertTrue(best != null, "no consistent assignment");
        return best;
    }

    private static double scale(double pf, double[] r, double[] n) {
        double s = Math.abs(pf);
        for (int i = 0; i < r.length; i++) {
            s += n[i] * r[i];
        }
        return s;
    }

    private static double[] multiplicities(Random rnd, int m) {
        double[] n = new double[m];
        for (int i = 0; i < m; i++) {
            n[i] = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(1_000_000) : 1 + rnd.nextInt(20);
        }
        return n;
    }

    /**
     * Random instances (m from 1 to 7, r in (0, 2], multiplicities from 1 to 10^6, P_F made from a
     * root drawn in [-2.5, 2.5] so that every regime occurs): without ties exactly one assignment
     * is consistent (the uniqueness of the root of F), and it is the solver's, with the same tau
     * to rounding.
     */
    @Test
    void genericInstancesHaveOneConsistentAssignmentAndItIsTheSolvers() {
        Random rnd = new Random(31);
        int[] seen = new int[3];
        for (int trial = 0; trial < 1500; trial++) {
            int m = 1 + rnd.nextInt(7);
            double[] r = new double[m];
            for (int i = 0; i < m; i++) {
                r[i] = 2 * (1 - rnd.nextDouble());
            }
            double[] n = multiplicities(rnd, m);
            double root = 2.5 * (2 * rnd.nextDouble() - 1);
            double pf = 2 * root;
            for (int i = 0; i < m; i++) {
                pf += n[i] * Math.max(-r[i], Math.min(r[i], root));
            }
            int consistent = 0;
            Assignment only = null;
            for (int code = 0; code < Math.pow(3, m); code++) {
                Assignment a = assignment(code, pf, r, n, 0, -1);
                if (a.consistent()) {
                    consistent++;
                    only = a;
                }
            }
            assertEquals(1, consistent, "trial " + trial);
            SlidingSolver.Solution s = SlidingSolver.solve(pf, r, n, TIE * scale(pf, r, n), -1);
            assertArrayEquals(only.choice(), s.choice(), "trial " + trial);
            assertEquals(only.tau(), s.tau(), 1e-13 * scale(pf, r, n), "trial " + trial);
            assertEquals(root, s.tau(), 1e-13 * scale(pf, r, n), "trial " + trial);
            for (Choice c : s.choice()) {
                seen[c.ordinal()]++;
            }
        }
        assertTrue(seen[0] > 500 && seen[1] > 500 && seen[2] > 500, java.util.Arrays.toString(seen));
    }

    /**
     * Instances with exact ties: tau0 is chosen first, some r_i are set to |tau0| and P_F to
     * {@code F(tau0) + P_F}, so that the root sits on breakpoints. Ties go to sliding except for
     * the preferred group, which leaves in the direction of tau0; the enumeration with the same
     * tie width and preference agrees.
     */
    @Test
    void tiesGoToSlidingExceptThePreferredGroup() {
        Random rnd = new Random(32);
        int preferredLeft = 0;
        int tiedSlid = 0;
        for (int trial = 0; trial < 1500; trial++) {
            int m = 1 + rnd.nextInt(7);
            double tau0 = (rnd.nextBoolean() ? 1 : -1) * (0.01 + rnd.nextDouble());
            double[] r = new double[m];
            boolean[] tie = new boolean[m];
            for (int i = 0; i < m; i++) {
                tie[i] = rnd.nextInt(3) == 0;
                r[i] = tie[i] ? Math.abs(tau0) : 2 * (1 - rnd.nextDouble());
            }
            double[] n = multiplicities(rnd, m);
            double pf = 2 * tau0;
            for (int i = 0; i < m; i++) {
                pf += n[i] * Math.max(-r[i], Math.min(r[i], tau0));
            }
            int preferFree = rnd.nextBoolean() ? rnd.nextInt(m) : -1;
            double tol = TIE * scale(pf, r, n);
            Assignment expected = bruteForce(pf, r, n, tol, preferFree);
            SlidingSolver.Solution s = SlidingSolver.solve(pf, r, n, tol, preferFree);
            assertArrayEquals(expected.choice(), s.choice(), "trial " + trial);
            assertEquals(tau0, s.tau(), 1e-13 * scale(pf, r, n), "trial " + trial);
            for (int i = 0; i < m; i++) {
                if (tie[i] && i == preferFree) {
                    assertEquals(tau0 < 0 ? Choice.GROW : Choice.SHRINK, s.choice()[i], "trial " + trial);
                    preferredLeft++;
                } else if (tie[i]) {
                    assertEquals(Choice.SLIDE, s.choice()[i], "trial " + trial);
                    tiedSlid++;
                }
            }
        }
        assertTrue(preferredLeft > 50 && tiedSlid > 250, preferredLeft + " preferred, " + tiedSlid + " tied");
    }

    /** With nothing on a surface or no drive, the formulas reduce to tau = P_F / 2 and to sliding. */
    @Test
    void degenerateCases() {
        SlidingSolver.Solution none = SlidingSolver.solve(3.0, new double[0], new double[0], 0, -1);
        assertEquals(1.5, none.tau());
        SlidingSolver.Solution still = SlidingSolver.solve(0.0, new double[] {0.5, 2}, new double[] {3, 1}, 0, 0);
        assertEquals(0.0, still.tau());
        assertArrayEquals(new Choice[] {Choice.SLIDE, Choice.SLIDE}, still.choice());
    }

    /**
     * Where m is too large to enumerate (10^4 groups, the size of a power law's group list): the
     * scan's tau is the root of F found by bisection (F is increasing, so 100 halvings of a
     * bracket of width about 10^4 reach rounding), to 1e-12 of the scale of its terms.
     */
    @Test
    void largeInstancesMatchABisectionOfF() {
        Random rnd = new Random(33);
        for (int trial = 0; trial < 5; trial++) {
            int m = 10_000;
            double[] r = new double[m];
            double[] n = new double[m];
            for (int i = 0; i < m; i++) {
                r[i] = Math.pow(1 + i, -1.0) * (1 + 0.1 * rnd.nextDouble());
                n[i] = 1 + rnd.nextInt(3);
            }
            double pf = (2 * rnd.nextDouble() - 1) * scale(0, r, n);
            double lo = -Math.abs(pf) - 1;
            double hi = Math.abs(pf) + 1;
            for (int k = 0; k < 100; k++) {
                double mid = 0.5 * (lo + hi);
                double f = 2 * mid - pf;
                for (int i = 0; i < m; i++) {
                    f += n[i] * Math.max(-r[i], Math.min(r[i], mid));
                }
                if (f < 0) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            SlidingSolver.Solution s = SlidingSolver.solve(pf, r, n, TIE * scale(pf, r, n), -1);
            assertEquals(0.5 * (lo + hi), s.tau(), 1e-12 * scale(pf, r, n), "trial " + trial);
            for (int i = 0; i < m; i++) {
                Choice expected = Math.abs(s.tau()) <= r[i] ? Choice.SLIDE : s.tau() < 0 ? Choice.GROW : Choice.SHRINK;
                if (Math.abs(Math.abs(s.tau()) - r[i]) > TIE * scale(pf, r, n)) {
                    assertEquals(expected, s.choice()[i], "trial " + trial + " group " + i);
                }
            }
        }
    }
}
