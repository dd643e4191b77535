package io.specdyn.reduced;

import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Stages;

/**
 * The GD and SpecGD maps on the K group coefficients, one fused pass over the groups per step.
 *
 * <p>GD: {@code w_k <- w_k - lr w_k h_k}. SpecGD: the polar factor of a matrix diagonal in an
 * orthonormal basis is the sign of each diagonal entry, so {@code w_k <- w_k - lr sign(w_k) sign(h_k)}
 * with {@code sign 0 = 0}; the sign of {@code g_k = w_k h_k} is taken as the product of the signs,
 * which cannot underflow to zero ({@code theory-notes/model.md}, section 6).
 *
 * <p>Every bracket of a step uses the same mean output error {@code T}, so a step needs {@code T}
 * before it starts, and the pass that updates the coefficients accumulates, from the new values, the
 * {@code T} of the next step and everything a step is observed by: the loss, the alignment, the
 * unsigned change of {@code T} (for the {@code mean-matched} event), the bulk's root mean square and
 * whether a coefficient left {@code [-1e6, 1e6]}. Each sum runs over the groups in order with the
 * products in the order of {@link ReducedModel}, so the values are exactly those of
 * {@link ReducedModel#meanError}, {@link ReducedModel#loss} and {@link ReducedModel#alignment} at the
 * new state. Memory is the state and four numbers per group.
 *
 * <p>Not thread-safe; one per run.
 */
public final class GroupMap {
    private final int size;
    private final double[] lambda;
    private final double[] count;
    private final double[] weight;
    private final double[] twoLambdaSquared;
    private final boolean threeGroup;
    private final double[] w;

    private long step;
    private double meanError;
    private double lossSum;
    private double alignmentSum;
    private double bulkSquares;
    private final double bulkCount;
    private double change;
    private boolean divergent;

    /** The map from state {@code init} (copied), one coefficient per group of {@code model}. */
    public GroupMap(ReducedModel model, double[] init) {
        size = model.size();
        if (init.length != size) {
            throw new IllegalArgumentException("the start has " + init.length + " coefficients; the model has "
                    + size + " groups");
        }
        lambda = new double[size];
        count = new double[size];
        weight = new double[size];
        twoLambdaSquared = new double[size];
        double bulk = 0;
        for (int k = 0; k < size; k++) {
            lambda[k] = model.eigenvalue(k);
            count[k] = model.multiplicity(k);
            weight[k] = model.weight(k);
            twoLambdaSquared[k] = 2 * lambda[k] * lambda[k];
            if (k >= 2) {
                bulk += count[k];
            }
        }
        bulkCount = bulk;
        threeGroup = model.isThreeGroup();
        w = init.clone();
        measure();
    }

    /** Measures the start, as a step's pass measures the state it makes. */
    private void measure() {
        double a = w[0];
        double t = weight[0] * (a - 1) * (a + 1);
        double e = lambda[0] * (a - 1) * (a + 1);
        double loss = count[0] * e * e;
        double q = a * a;
        double norm = count[0] * q * q;
        double bulk = 0;
        boolean bad = !(Math.abs(a) <= Stages.DIVERGENCE_BOUND);
        for (int k = 1; k < size; k++) {
            double x = w[k];
            double x2 = x * x;
            t += weight[k] * x * x;
            double ek = lambda[k] * x * x;
            loss += count[k] * ek * ek;
            norm += count[k] * x2 * x2;
            if (k >= 2) {
                bulk += count[k] * x * x;
            }
            bad |= !(Math.abs(x) <= Stages.DIVERGENCE_BOUND);
        }
        meanError = t;
        lossSum = loss;
        alignmentSum = norm;
        bulkSquares = bulk;
        change = 0;
        divergent = bad;
    }

    /**
     * One step of GD ({@code spectral} false) or SpecGD with learning rate {@code lr}, and the
     * measurement of the new state, in one pass.
     */
    public void step(double lr, boolean spectral) {
        double t = meanError;
        double[] x = w;
        // the signal, target 1
        double a0 = x[0];
        double h = lambda[0] * t + twoLambdaSquared[0] * (a0 - 1) * (a0 + 1);
        double a = spectral ? a0 - lr * (Math.signum(a0) * Math.signum(h)) : a0 - lr * a0 * h;
        x[0] = a;
        double next = weight[0] * (a - 1) * (a + 1);
        double e = lambda[0] * (a - 1) * (a + 1);
        double loss = count[0] * e * e;
        double q = a * a;
        double norm = count[0] * q * q;
        double moved = weight[0] * Math.abs(a * a - a0 * a0);
        boolean bad = !(Math.abs(a) <= Stages.DIVERGENCE_BOUND);
        double bulk = 0;
        // every other group, target 0
        for (int k = 1; k < size; k++) {
            double y0 = x[k];
            double hk = lambda[k] * t + twoLambdaSquared[k] * y0 * y0;
            double y = spectral ? y0 - lr * (Math.signum(y0) * Math.signum(hk)) : y0 - lr * y0 * hk;
            x[k] = y;
            double y2 = y * y;
            next += weight[k] * y * y;
            double ek = lambda[k] * y * y;
            loss += count[k] * ek * ek;
            norm += count[k] * y2 * y2;
            moved += weight[k] * Math.abs(y * y - y0 * y0);
            if (k >= 2) {
                bulk += count[k] * y * y;
            }
            bad |= !(Math.abs(y) <= Stages.DIVERGENCE_BOUND);
        }
        meanError = next;
        lossSum = loss;
        alignmentSum = norm;
        bulkSquares = bulk;
        change = moved;
        divergent = bad;
        step++;
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

    /** Population loss of the current state. */
    public double loss() {
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
