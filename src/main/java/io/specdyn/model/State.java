package io.specdyn.model;

import java.util.Arrays;

/**
 * A point of the invariant manifold: one coefficient per eigenvalue group, in the order of the
 * groups of a {@link GroupSpectrum} (signal first, then spike, then the rest). Immutable.
 */
public final class State {
    private final double[] w;

    private State(double[] w) {
        this.w = w;
    }

    /** The coefficients {@code w} (copied). */
    public static State of(double... w) {
        if (w.length == 0) {
            throw new IllegalArgumentException("a state has at least one coefficient");
        }
        return new State(w.clone());
    }

    /** The isotropic start {@code W0 = s I}: every coefficient {@code s}. */
    public static State isotropic(int groups, double s) {
        double[] w = new double[groups];
        Arrays.fill(w, s);
        return new State(w);
    }

    /** The (a, b, c) point of the three-group model. */
    public static State of(Coefficients x) {
        return new State(x.toArray());
    }

    public int size() {
        return w.length;
    }

    public double get(int k) {
        return w[k];
    }

    /** A copy of the coefficients. */
    public double[] toArray() {
        return w.clone();
    }

    /**
     * The (a, b, c) view of a three-coefficient state.
     *
     * @throws IllegalStateException for another number of coefficients
     */
    public Coefficients toCoefficients() {
        if (w.length != 3) {
            throw new IllegalStateException("a state of " + w.length + " coefficients is not (a, b, c)");
        }
        return Coefficients.of(w);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof State s && Arrays.equals(w, s.w);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(w);
    }

    @Override
    public String toString() {
        return w.length <= 8 ? Arrays.toString(w) : "State[" + w.length + " coefficients]";
    }
}
