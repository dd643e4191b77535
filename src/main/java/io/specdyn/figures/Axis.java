package io.specdyn.figures;

/**
 * An axis: its label (with the quantity's symbol), linear or log, and optional fixed bounds (NaN:
 * automatic). A log axis whose range spans fewer than two decades is drawn linear: its decade ticks
 * would leave it with one label or none.
 */
public record Axis(String label, boolean log, double lower, double upper) {

    public static Axis linear(String label) {
        return new Axis(label, false, Double.NaN, Double.NaN);
    }

    public static Axis log(String label) {
        return new Axis(label, true, Double.NaN, Double.NaN);
    }

    public Axis range(double from, double to) {
        return new Axis(label, log, from, to);
    }

    public boolean fixed() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }
}
