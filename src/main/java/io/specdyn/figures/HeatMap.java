package io.specdyn.figures;

/**
 * Cells on a grid of (x, y) centres, each with a value (coloured on a log scale) or a kind that has
 * no value: {@link #DIVERGED} (dark), {@link #MISSING} (light grey, for example a stalled run) or
 * {@link #OTHER} (pale blue, for example a run stopped by a loss tolerance before it aligned).
 * {@code kindLabels} names each kind in the legend (index {@link #VALUE} unused). Cell edges lie halfway between neighbouring centres (geometrically on a log axis).
 */
public record HeatMap(String valueLabel, double[] x, double[] y, double[] value, int[] kind, java.util.List<String> kindLabels) {
    public static final int VALUE = 0;
    public static final int DIVERGED = 1;
    public static final int MISSING = 2;
    public static final int OTHER = 3;

    public HeatMap {
        int n = x.length;
        if (y.length != n || value.length != n || kind.length != n) {
            throw new IllegalArgumentException("heat map: arrays of different lengths");
        }
        if (kindLabels.size() != 4) {
            throw new IllegalArgumentException("heat map: one legend label per kind (value, diverged, missing, other)");
        }
        kindLabels = java.util.List.copyOf(kindLabels);
        x = x.clone();
        y = y.clone();
        value = value.clone();
        kind = kind.clone();
    }

    public int size() {
        return x.length;
    }

    /** Smallest and largest positive value (NaN, NaN if none). */
    public double[] valueRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < value.length; i++) {
            if (kind[i] == VALUE && value[i] > 0 && Double.isFinite(value[i])) {
                lo = Math.min(lo, value[i]);
                hi = Math.max(hi, value[i]);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {Double.NaN, Double.NaN};
    }
}
