package io.specdyn.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The GD and SpecGD flows linearised at {@code W = 0}, for any teacher {@code theta} given by its
 * components in the covariance eigenbasis ({@code Sigma = Lambda} diagonal there). Near 0,
 * {@code grad L = V K} with {@code K -> -A},
 *
 * <pre>
 *   A = c Lambda + 2 w w^T,   c = theta^T Lambda theta,   w = Lambda theta,
 * </pre>
 *
 * so gradient flow is {@code V' = V A}: every row of {@code V = W Q} grows along the eigenvectors of
 * {@code A}, the fastest at its top eigenvalue {@code mu_max}. {@code A} is a diagonal plus a rank one;
 * its eigenvalues are the roots of the secular equation {@code 1 = 2 sum_i w_i^2 / (mu - c lambda_i)},
 * one between consecutive poles {@code c lambda_i} and one above the top, plus the poles themselves
 * where an eigenvalue is repeated or the teacher has no component on it. They are found by bisection,
 * O(d) per root after grouping equal eigenvalues. SpecGD's flow {@code V' = polar(V A)} from
 * {@code W0 = s E} stays {@code W = (s + t) E} while {@code -K} is positive definite:
 * {@link #isotropicEnd()}. The derivation is in theory-notes/linearisation.md.
 */
public final class Linearisation {
    private final double[] lambda;
    private final double[] theta;
    private final double norm2;
    private final double c;
    /** The distinct eigenvalues of A, descending. */
    private final double[] rates;
    /** The dimension of each eigenspace. */
    private final int[] multiplicity;
    /** {@code |P_k theta|^2 / |theta|^2}, the share of the teacher in each eigenspace. */
    private final double[] overlap;
    private final double[] top;
    private final double topTouched;

    private Linearisation(double[] lambda, double[] theta) {
        this.lambda = lambda;
        this.theta = theta;
        int d = lambda.length;
        double n2 = 0;
        double cc = 0;
        for (int i = 0; i < d; i++) {
            n2 += theta[i] * theta[i];
            cc += lambda[i] * theta[i] * theta[i];
        }
        this.norm2 = n2;
        this.c = cc;
        // the distinct eigenvalues of Lambda, ascending, with the teacher's weight z = sum w_i^2 on each
        double[] sorted = lambda.clone();
        Arrays.sort(sorted);
        List<double[]> groups = new ArrayList<>();
        for (double l : sorted) {
            if (groups.isEmpty() || groups.get(groups.size() - 1)[0] != l) {
                groups.add(new double[] {l, 0, 0});
            }
            groups.get(groups.size() - 1)[1]++;
        }
        for (int i = 0; i < d; i++) {
            double w = lambda[i] * theta[i];
            groups.get(find(groups, lambda[i]))[2] += w * w;
        }
        List<double[]> eigen = new ArrayList<>();
        List<Double> poles = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Double> lambdas = new ArrayList<>();
        double total = 0;
        for (double[] g : groups) {
            int n = (int) g[1];
            // directions of a group the rank one does not touch keep the eigenvalue c lambda and carry no
            // teacher: within a group theta is parallel to w, and these directions are orthogonal to w
            int kept = g[2] > 0 ? n - 1 : n;
            if (kept > 0) {
                eigen.add(new double[] {c * g[0], kept, 0});
            }
            if (g[2] > 0) {
                poles.add(c * g[0]);
                weights.add(g[2]);
                lambdas.add(g[0]);
                total += g[2];
            }
        }
        double[] topVector = null;
        double touched = Double.NaN;
        for (int j = 0; j < poles.size(); j++) {
            double lo = poles.get(j);
            double hi = j + 1 < poles.size() ? poles.get(j + 1) : lo + 2 * total;
            double mu = root(poles, weights, lo, hi);
            double dot = 0;
            double len = 0;
            for (int g = 0; g < poles.size(); g++) {
                double gap = mu - poles.get(g);
                dot += weights.get(g) / (lambdas.get(g) * gap);
                len += weights.get(g) / (gap * gap);
            }
            eigen.add(new double[] {mu, 1, dot * dot / (len * n2)});
            if (j == poles.size() - 1) {
                touched = mu;
                topVector = new double[d];
                double scale = 1 / Math.sqrt(len);
                for (int i = 0; i < d; i++) {
                    topVector[i] = scale * lambda[i] * theta[i] / (mu - c * lambda[i]);
                }
            }
        }
        eigen.sort((x, y) -> Double.compare(y[0], x[0]));
        this.rates = new double[eigen.size()];
        this.multiplicity = new int[eigen.size()];
        this.overlap = new double[eigen.size()];
        for (int k = 0; k < eigen.size(); k++) {
            rates[k] = eigen.get(k)[0];
            multiplicity[k] = (int) eigen.get(k)[1];
            overlap[k] = eigen.get(k)[2];
        }
        this.top = topVector;
        this.topTouched = touched;
    }

    /**
     * The linearisation for eigenvalues {@code lambda} (all positive) and the teacher's components
     * {@code theta} in the same basis (not all zero). Neither array is modified.
     *
     * @throws IllegalArgumentException if the lengths differ, an eigenvalue is not positive and finite, or
     *                                  the teacher is zero or not finite
     */
    public static Linearisation of(double[] lambda, double[] theta) {
        if (lambda.length != theta.length || lambda.length == 0) {
            throw new IllegalArgumentException("the teacher has " + theta.length + " components for "
                    + lambda.length + " eigenvalues");
        }
        double n2 = 0;
        for (int i = 0; i < lambda.length; i++) {
            if (!(lambda[i] > 0) || !Double.isFinite(lambda[i])) {
                throw new IllegalArgumentException("eigenvalue " + (i + 1) + " is not positive and finite: " + lambda[i]);
            }
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException("teacher component " + (i + 1) + " is not finite: " + theta[i]);
            }
            n2 += theta[i] * theta[i];
        }
        if (!(n2 > 0)) {
            throw new IllegalArgumentException("the teacher is zero");
        }
        return new Linearisation(lambda.clone(), theta.clone());
    }

    private static int find(List<double[]> groups, double l) {
        int lo = 0;
        int hi = groups.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (groups.get(mid)[0] < l) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The root of {@code f(mu) = 1 - 2 sum_g z_g / (mu - p_g)} in {@code (lo, hi)}: f rises from minus
     * infinity just above the pole {@code lo} to plus infinity below the next pole (or to
     * {@code f(lo + 2 sum z) >= 0} above the top pole), so bisection keeps a bracket to the last bit.
     */
    private static double root(List<Double> poles, List<Double> weights, double lo, double hi) {
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                return mid;
            }
            double f = 1;
            for (int g = 0; g < poles.size(); g++) {
                f -= 2 * weights.get(g) / (mid - poles.get(g));
            }
            if (f < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }

    /** {@code c = theta^T Lambda theta}: the teacher's mean output, {@code E[y]}. */
    public double meanOutput() {
        return c;
    }

    /**
     * {@code mu_max}, the top eigenvalue of {@code A}: the asymptotic growth rate of {@code |W|} under GF
     * from a start with a component on its eigenspace.
     */
    public double topRate() {
        return rates[0];
    }

    /**
     * The top eigenvalue of {@code A} whose eigenspace holds part of the teacher: the top root of the
     * secular equation, the asymptotic growth rate of {@code a = sqrt(theta^T M theta)} under GF from
     * {@code W0 = s E}. It is {@link #topRate()} unless the top eigenspace is orthogonal to the teacher
     * (an eigenvector teacher below the spike's rate, for example).
     */
    public double teacherRate() {
        return topTouched;
    }

    /**
     * The unit eigenvector {@code q} of {@link #teacherRate()} in the eigenbasis,
     * {@code q_i ~ lambda_i theta_i / (mu - c lambda_i)}, signed so that {@code theta . q > 0}: the direction
     * every row of {@code W} takes in GF's linear phase when {@code teacherRate() = topRate()}. A copy.
     */
    public double[] teacherDirection() {
        return top.clone();
    }

    /**
     * The teacher's share {@code |P theta|^2 / |theta|^2} in the top eigenspace of {@code A}: the alignment
     * {@code theta^T M theta / (|theta|^2 |M|_F)} that GF's linear phase tends to from {@code W0 = s E} when
     * that eigenvalue is simple ({@code M -> q q^T}). Below 1 unless the teacher is an eigenvector of
     * {@code A}; 0 where the teacher does not touch the top eigenspace.
     */
    public double topOverlap() {
        return overlap[0];
    }

    /** The distinct eigenvalues of {@code A}, descending. A copy. */
    public double[] rates() {
        return rates.clone();
    }

    /** The dimension of the eigenspace of each of {@link #rates()}. A copy. */
    public int[] multiplicities() {
        return multiplicity.clone();
    }

    /** {@code |P_k theta|^2 / |theta|^2}, the teacher's share in the eigenspace of each of {@link #rates()}. A copy. */
    public double[] overlaps() {
        return overlap.clone();
    }

    /**
     * The per-unit-time growth rate of {@code a} under GD's map {@code V <- V (I + lr A)},
     * {@code log(1 + lr mu) / lr} with {@code mu = }{@link #teacherRate()}; {@code lr = 0} is the flow's
     * {@code mu}.
     */
    public double gdRate(double lr) {
        return factor(topTouched, 1, lr);
    }

    /**
     * {@code theta^T M theta} of the linearised GD from {@code W0 = s E} ({@code m >= d}, so
     * {@code V0^T V0 = s^2 I}) at time {@code t}: {@code s^2 sum_k |P_k theta|^2 g_k(t)^2} with
     * {@code g_k = exp(mu_k t)} for the flow ({@code lr = 0}) or {@code (1 + lr mu_k)^(t / lr)} for the map.
     */
    public double gdSignal(double s, double t, double lr) {
        double sum = 0;
        for (int k = 0; k < rates.length; k++) {
            if (overlap[k] > 0) {
                double g = Math.exp(2 * factor(rates[k], t, lr) * t);
                sum += overlap[k] * g;
            }
        }
        return s * s * norm2 * sum;
    }

    /**
     * The alignment {@code theta^T M theta / (|theta|^2 |M|_F)} of the linearised GD from
     * {@code W0 = s E} ({@code m >= d}) at time {@code t}, as in {@link #gdSignal}: independent of
     * {@code s}, {@code 1/sqrt(d)} at {@code t = 0} and {@link #topOverlap()} as {@code t} grows.
     */
    public double gdAlignment(double t, double lr) {
        // scaled by the top rate so that the sums stay finite for any t
        double top0 = factor(rates[0], t, lr) * t;
        double num = 0;
        double frob = 0;
        for (int k = 0; k < rates.length; k++) {
            double e = Math.exp(2 * (factor(rates[k], t, lr) * t - top0));
            num += overlap[k] * e;
            frob += multiplicity[k] * e * e;
        }
        return num / Math.sqrt(frob);
    }

    /** The per-unit-time rate of growth {@code log(1 + lr mu) / lr} (the flow's {@code mu} at {@code lr = 0}). */
    private static double factor(double mu, double t, double lr) {
        return lr == 0 ? mu : Math.log1p(lr * mu) / lr;
    }

    /**
     * The scale {@code r*} up to which SpecGD from {@code W0 = s E} ({@code m >= d}) stays exactly
     * isotropic, {@code W = r E} with {@code r = s + t} (and {@code s + k lr} for the map): at
     * {@code M = r^2 I} the gradient is {@code V K(r)} with
     * {@code -K(r) = diag(lambda_i (c - r^2 (tr Lambda + 2 lambda_i))) + 2 w w^T}, whose polar factor is
     * {@code -I} while {@code -K(r)} is positive definite. Its eigenvalues fall as {@code r} grows
     * ({@code -K} loses {@code r^2 (tr Lambda Lambda + 2 Lambda^2)}), so {@code r*} is where the smallest
     * reaches 0, found by bisection on {@code r^2} with an O(d) test of definiteness.
     */
    public double isotropicEnd() {
        double trace = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double l : lambda) {
            trace += l;
            smallest = Math.min(smallest, l);
        }
        if (lambda.length == 1) {
            // -K = 3 lambda^2 (theta^2 - r^2)
            return Math.abs(theta[0]);
        }
        double lo = 0;
        // every diagonal entry is <= 0 there: not definite when d >= 2 (a rank one lifts one direction)
        double hi = c / (trace + 2 * smallest);
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                return Math.sqrt(mid);
            }
            if (definite(mid, trace)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }

    /**
     * Whether {@code diag(delta) + 2 w w^T} is positive definite at {@code r^2 = r2}: with every
     * {@code delta_i > 0}, yes; with exactly one negative (none zero), iff its determinant
     * {@code prod delta (1 + 2 sum w_i^2 / delta_i)} is positive; otherwise no.
     */
    private boolean definite(double r2, double trace) {
        int negative = 0;
        double secular = 1;
        for (int i = 0; i < lambda.length; i++) {
            double delta = lambda[i] * (c - r2 * (trace + 2 * lambda[i]));
            if (delta <= 0) {
                negative++;
                if (delta == 0 || negative > 1) {
                    return false;
                }
            }
            double w = lambda[i] * theta[i];
            secular += 2 * w * w / delta;
        }
        return negative == 0 || secular < 0;
    }
}
