package io.specdyn.model;

/**
 * A point {@code (a, b, c)} of the invariant manifold {@code W = a theta theta^T + b u u^T + c P}:
 * the coefficients of the signal, the spike and the bulk.
 */
public record Coefficients(double a, double b, double c) {

    /** The isotropic start {@code W0 = s I}. */
    public static Coefficients isotropic(double s) {
        return new Coefficients(s, s, s);
    }

    /** Coefficient {@code i} (0 = a, 1 = b, 2 = c). */
    public double get(int i) {
        return switch (i) {
            case 0 -> a;
            case 1 -> b;
            case 2 -> c;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    public double[] toArray() {
        return new double[] {a, b, c};
    }

    public static Coefficients of(double[] x) {
        return new Coefficients(x[0], x[1], x[2]);
    }

    /** Largest absolute difference to {@code other}, coefficient by coefficient. */
    public double maxAbsDifference(Coefficients other) {
        return Math.max(Math.abs(a - other.a), Math.max(Math.abs(b - other.b), Math.abs(c - other.c)));
    }
}
