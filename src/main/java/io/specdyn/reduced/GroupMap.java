package io.specdyn.reduced;

import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Stages;

/**
 * The GD and SpecGD maps on the K group coefficients, one pass over the groups per step; and for any
 * other update rule, the gradient of each group ({@link #gradient}) and the step along the rule's
 * direction with the same measurements ({@link #descend}).
 *
 * <p>GD: {@code w_k <- w_k - lr w_k h_k}. SpecGD: the polar factor of a matrix diagonal in an
 * orthonormal basis is the sign of each diagonal entry, so {@code w_k <- w_k - lr sign(w_k) sign(h_k)}
 * with {@code sign 0 = 0}; the sign of {@code g_k = w_k h_k} is taken as the product of the signs,
 * which cannot underflow to zero ({@code theory-notes/model.md}, section 6).
 *
 * <p>Every bracket of a step uses the same mean output error {@code T}, so a step needs {@code T}
 * before it starts, and the pass that updates the coefficients accumulates, from the new values, the
 * {@code T} of the next step and what the stage tracking reads every step: the alignment, the unsigned
 * change of {@code T} (for the {@code mean-matched} event), the bulk's root mean square and whether a
 * coefficient left {@code [-1e6, 1e6]}. The loss is needed only on recorded rows, so its sum is taken
 * when asked for, once per step. Each sum runs over the groups in order with the products in the
 * order of {@link ReducedModel}, so the values are exactly those of {@link ReducedModel#meanError},
 * {@link ReducedModel#loss} and {@link ReducedModel#alignment} at the new state.
 *
 * <p>The pass goes over blocks of groups that stay in the first-level cache, three loops a block: the
 * new coefficients, written to a second state array; the terms of the change of {@code T}, written
 * over the old coefficients; the sums, in order. The first two loops have no sum, so the JIT compiles
 * them to vector instructions; the ordered sums of the third cannot be reordered and bound the time of
 * a step (about one floating-point addition's latency per group). Memory is the two state arrays and
 * two numbers per group.
 *
 * <p>Not thread-safe; one per run.
 */
public final class GroupMap {
    /** Groups a block: a block of both state arrays and the eigenvalues (24 KiB) stays in the first-level cache. */
    private static final int BLOCK = 1024;
    /**
     * Up to this many groups a step runs one fused loop instead of a block's three: the three loops'
     * set-up costs more than they save on a few groups (the three-group map ran at 3.6e7 steps per
     * second of CPU in blocks, 5.3e7 fused, on the same busy machine).
     */
    private static final int FUSED = 16;
    /**
     * {@code (B^2)^2} for the divergence bound {@code B}, as the alignment's sum computes it for a
     * coefficient {@code B}: a sum below it has every coefficient finite and within {@code [-B, B]}.
     */
    private static final double FOURTH_POWER_BOUND =
            Stages.DIVERGENCE_BOUND * Stages.DIVERGENCE_BOUND * (Stages.DIVERGENCE_BOUND * Stages.DIVERGENCE_BOUND);

    private final int size;
    private final double[] lambda;
    private final double[] count;
    /** Every multiplicity is 1, so that {@code n_k x} is {@code x} and the count array is not read. */
    private final boolean unit;
    private final boolean threeGroup;
    private final double bulkCount;
    /** The current coefficients. */
    private double[] w;
    /** The other state array: the next coefficients are written here, then the two swap. */
    private double[] spare;

    private long step;
    private double meanError;
    private double alignmentSum;
    private double bulkSquares;
    private double change;
    private boolean divergent;
    private double lossSum;
    /** The step whose loss sum {@link #lossSum} holds, -1 for none. */
    private long lossStep = -1;

    /** The map from state {@code init} (copied), one coefficient per group of {@code model}. */
    public GroupMap(ReducedModel model, double[] init) {
        size = model.size();
        if (init.length != size) {
            throw new IllegalArgumentException("the start has " + init.length + " coefficients; the model has "
                    + size + " groups");
        }
        lambda = new double[size];
        count = new double[size];
        boolean ones = true;
        double bulk = 0;
        for (int k = 0; k < size; k++) {
            lambda[k] = model.eigenvalue(k);
            count[k] = model.multiplicity(k);
            ones &= count[k] == 1;
            if (k >= 2) {
                bulk += count[k];
            }
        }
        unit = ones;
        bulkCount = bulk;
        threeGroup = model.isThreeGroup();
        w = init.clone();
        spare = new double[size];
        measure();
    }

    /** Measures the start, as a step's pass measures the state it makes. */
    private void measure() {
        double a = w[0];
        double t = count[0] * lambda[0] * (a - 1) * (a + 1);
        double q = a * a;
        double norm = count[0] * q * q;
        double bulk = 0;
        for (int k = 1; k < size; k++) {
            double x = w[k];
            double x2 = x * x;
            t += count[k] * lambda[k] * x * x;
            norm += count[k] * x2 * x2;
            if (k >= 2) {
                bulk += count[k] * x * x;
            }
        }
        meanError = t;
        alignmentSum = norm;
        bulkSquares = bulk;
        change = 0;
        divergent = beyondBound();
    }

    /**
     * One step of GD ({@code spectral} false) or SpecGD with learning rate {@code lr}, and the
     * measurement of the new state, in one pass.
     */
    public void step(double lr, boolean spectral) {
        double t = meanError;
        double[] x = w;
        double[] y = spare;
        double[] lam = lambda;
        double[] cnt = count;
        boolean u = unit;
        // the signal, target 1
        double l0 = lam[0];
        double a0 = x[0];
        double h = l0 * t + 2 * l0 * l0 * (a0 - 1) * (a0 + 1);
        double a = spectral ? a0 - lr * (Math.signum(a0) * Math.signum(h)) : a0 - lr * a0 * h;
        y[0] = a;
        double next = cnt[0] * l0 * (a - 1) * (a + 1);
        double q = a * a;
        double norm = cnt[0] * q * q;
        double moved = cnt[0] * l0 * Math.abs(a * a - a0 * a0);
        double bulk = 0;
        if (size <= FUSED) {
            // few groups: one loop, the three of a block fused (see FUSED)
            for (int k = 1; k < size; k++) {
                double y0 = x[k];
                double l = lam[k];
                double n = cnt[k];
                double yk = spectral ? specGd(y0, l, t, lr) : gd(y0, l, t, lr);
                y[k] = yk;
                double y2 = yk * yk;
                next += n * l * yk * yk;
                norm += n * y2 * y2;
                moved += n * l * Math.abs(yk * yk - y0 * y0);
                if (k >= 2) {
                    bulk += n * yk * yk;
                }
            }
        } else {
            // the spike as a block of its own (it is not in the bulk), then the bulk
            for (int from = 1; from < size; ) {
                int to = from == 1 ? 2 : Math.min(from + BLOCK, size);
                if (spectral) {
                    for (int k = from; k < to; k++) {
                        y[k] = specGd(x[k], lam[k], t, lr);
                    }
                } else {
                    for (int k = from; k < to; k++) {
                        y[k] = gd(x[k], lam[k], t, lr);
                    }
                }
                for (int k = from; k < to; k++) {
                    double y0 = x[k];
                    double yk = y[k];
                    double n = u ? 1.0 : cnt[k];
                    x[k] = n * lam[k] * Math.abs(yk * yk - y0 * y0);
                }
                double part = from == 1 ? 0 : bulk;
                for (int k = from; k < to; k++) {
                    double yk = y[k];
                    double n = u ? 1.0 : cnt[k];
                    double y2 = yk * yk;
                    next += n * lam[k] * yk * yk;
                    norm += n * y2 * y2;
                    moved += x[k];
                    part += n * yk * yk;
                }
                if (from > 1) {
                    bulk = part;
                }
                from = to;
            }
        }
        finish(y, x, next, norm, bulk, moved);
    }

    /**
     * Writes the gradient of the loss with respect to each group's diagonal entry, {@code g_k = w_k h_k}
     * with the bracket {@code h_k = lambda_k T + 2 lambda_k^2 (w_k^2 - t_k)} at the current state: the
     * diagonal of the full gradient {@code W [T Lambda + 2 Lambda D Lambda]} on the manifold
     * ({@code theory-notes/model.md}, section 6).
     */
    public void gradient(double[] into) {
        double t = meanError;
        double l0 = lambda[0];
        double a0 = w[0];
        into[0] = a0 * (l0 * t + 2 * l0 * l0 * (a0 - 1) * (a0 + 1));
        for (int k = 1; k < size; k++) {
            double x = w[k];
            double l = lambda[k];
            into[k] = x * (l * t + (l + l) * l * x * x);
        }
    }

    /**
     * The step {@code w_k <- w_k - lr d_k} along a rule's direction, and the measurement of the new state in
     * the same pass, as {@link #step} makes it.
     */
    public void descend(double lr, double[] direction) {
        double[] x = w;
        double[] y = spare;
        double next = 0;
        double norm = 0;
        double moved = 0;
        double bulk = 0;
        for (int k = 0; k < size; k++) {
            double y0 = x[k];
            double yk = y0 - lr * direction[k];
            y[k] = yk;
            double n = count[k];
            double l = lambda[k];
            double y2 = yk * yk;
            next += k == 0 ? n * l * (yk - 1) * (yk + 1) : n * l * yk * yk;
            norm += n * y2 * y2;
            moved += n * l * Math.abs(yk * yk - y0 * y0);
            if (k >= 2) {
                bulk += n * yk * yk;
            }
        }
        finish(y, x, next, norm, bulk, moved);
    }

    /**
     * Ends a step: the new coefficients {@code y} become the state and the old ones {@code x} the spare
     * array, with the sums the step's pass took of the new state.
     */
    private void finish(double[] y, double[] x, double next, double norm, double bulk, double moved) {
        w = y;
        spare = x;
        meanError = next;
        alignmentSum = norm;
        bulkSquares = bulk;
        change = moved;
        // a coefficient beyond B (or not finite) makes the alignment's sum at least B^4 (or NaN): only then look
        divergent = !(norm < FOURTH_POWER_BOUND) && beyondBound();
        step++;
    }

    /**
     * The GD map of a coefficient of target 0, with bracket {@code lambda T + 2 lambda^2 w^2}. {@code 2 lambda}
     * is written {@code lambda + lambda}, the same number: with the product {@code 2 * lambda} the JIT of
     * Java 17 leaves the loops of a block scalar.
     */
    private static double gd(double w, double lambda, double t, double lr) {
        return w - lr * w * (lambda * t + (lambda + lambda) * lambda * w * w);
    }

    /** The SpecGD map of a coefficient of target 0. */
    private static double specGd(double w, double lambda, double t, double lr) {
        return w - lr * (Math.signum(w) * Math.signum(lambda * t + (lambda + lambda) * lambda * w * w));
    }

    /** Whether a coefficient is non-finite or beyond the divergence bound. */
    private boolean beyondBound() {
        for (int k = 0; k < size; k++) {
            if (!(Math.abs(w[k]) <= Stages.DIVERGENCE_BOUND)) {
                return true;
            }
        }
        return false;
    }

    /** {@code sum_k n_k (lambda_k (w_k^2 - t_k))^2} of the current state, in the order of {@link ReducedModel#loss}. */
    private double lossSum() {
        double a = w[0];
        double e = lambda[0] * (a - 1) * (a + 1);
        double sum = count[0] * e * e;
        for (int k = 1; k < size; k++) {
            double x = w[k];
            double ek = lambda[k] * x * x;
            sum += count[k] * ek * ek;
        }
        return sum;
    }

    /** Steps taken. */
    public long stepCount() {
        return step;
    }

    /** Coefficient {@code k} of the current state. */
    public double get(int k) {
        return w[k];
    }

    /** A copy of the current state. */
    public double[] state() {
        return w.clone();
    }

    /** Copies the current state into {@code into}. */
    public void copyState(double[] into) {
        System.arraycopy(w, 0, into, 0, size);
    }

    /** The signal's coefficient. */
    public double signal() {
        return w[0];
    }

    /** The spike's coefficient. */
    public double spike() {
        return w[1];
    }

    /** The bulk as one number: its coefficient in the three-group model, its root mean square otherwise. */
    public double bulk() {
        return threeGroup ? w[2] : bulkRms();
    }

    /** Root mean square of the bulk coefficients (every group but signal and spike), weighted by multiplicity. */
    public double bulkRms() {
        return bulkCount > 0 ? Math.sqrt(bulkSquares / bulkCount) : 0.0;
    }

    /** Mean output error {@code T} of the current state. */
    public double meanError() {
        return meanError;
    }

    /** Population loss of the current state: a pass over the groups, the first time it is asked for at a step. */
    public double loss() {
        if (lossStep != step) {
            lossSum = lossSum();
            lossStep = step;
        }
        return 0.25 * (meanError * meanError + 2 * lossSum);
    }

    /** Alignment of the current state with the signal. */
    public double alignment() {
        double norm = Math.sqrt(alignmentSum);
        double s = w[0] * w[0];
        return norm > 0 ? s / norm : 0.0;
    }

    /** The unsigned change {@code sum_k n_k lambda_k |w_k^2 - w_k'^2|} of {@code T} in the last step; 0 at the start. */
    public double change() {
        return change;
    }

    /** Whether a coefficient is non-finite or beyond {@link Stages#DIVERGENCE_BOUND}. */
    public boolean divergent() {
        return divergent;
    }
}
