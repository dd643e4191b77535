package io.specdyn.experiments;

import io.specdyn.figures.ArrowField;
import io.specdyn.figures.Ink;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The direction fields of the three-group (a, b, c) model drawn under the phase portraits (figures F2 and F3,
 * and the views of {@code specdyn explore}): at each grid point of a plane, the direction of gradient flow
 * {@code -grad L} (GF) or of the spectral flow {@code -sign grad L} (SpecGF: on a state diagonal in the
 * eigenbasis the polar factor of the gradient is the sign of each coefficient's gradient). The third coefficient
 * is not free: a field is drawn on a slice of (a, b, c), given as a function, and the arrows show directions
 * only (their drawn length is fixed). The GF grid is offset from the SpecGF grid so both can share a panel.
 */
public final class PhaseFields {
    private PhaseFields() {
    }

    /**
     * The stage I field in the (a, b) plane on a log grid of {@code grid x grid} cells spanning
     * {@code [lo, hi]} on both axes, on the slice {@code c = bulkAt(a)}.
     *
     * @param spectral SpecGF's direction at the cells' geometric centres; else GF's, a quarter-cell off them
     */
    public static ArrowField stageOne(ReducedModel model, double lo, double hi, int grid, boolean spectral,
                                      DoubleUnaryOperator bulkAt) {
        double[] axis = Plot.logspace(lo, hi, grid + 1);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                double a = spectral ? Math.sqrt(axis[i] * axis[i + 1]) : axis[i];
                double b = spectral ? Math.sqrt(axis[j] * axis[j + 1]) : axis[j];
                if (!spectral) {
                    a = Math.pow(axis[i], 0.75) * Math.pow(axis[i + 1], 0.25);
                    b = Math.pow(axis[j], 0.75) * Math.pow(axis[j + 1], 0.25);
                }
                Coefficients g = model.gradient(a, b, bulkAt.applyAsDouble(a));
                double da = spectral ? -Math.signum(g.a()) : -g.a();
                double db = spectral ? -Math.signum(g.b()) : -g.b();
                points.add(new double[] {a, b, da, db});
            }
        }
        return arrows(points, spectral);
    }

    /**
     * The stage II field in the (a, c) plane: {@code na} columns of a evenly in {@code [aLo, aHi]} and
     * {@code nc} rows of c log-spaced over {@code [cLo, cHi]}, on the slice {@code b = spikeAt(a, c)}.
     *
     * @param spectral SpecGF's direction, its grid half a cell off GF's in both a and c
     */
    public static ArrowField stageTwo(ReducedModel model, double aLo, double aHi, double cLo, double cHi, int na, int nc,
                                      boolean spectral, DoubleBinaryOperator spikeAt) {
        double[] cs = Plot.logspace(cLo, cHi, nc);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nc; j++) {
                double a = aLo + (aHi - aLo) * (i + (spectral ? 0.5 : 0)) / na;
                double c = cs[j] * (spectral ? Math.pow(cs.length > 1 ? cs[1] / cs[0] : 1, 0.5) : 1);
                Coefficients g = model.gradient(a, spikeAt.applyAsDouble(a, c), c);
                double da = spectral ? -Math.signum(g.a()) : -g.a();
                double dc = spectral ? -Math.signum(g.c()) : -g.c();
                points.add(new double[] {a, c, da, dc});
            }
        }
        return arrows(points, spectral);
    }

    /**
     * Column {@code y} of the rows as a function of column {@code x} where {@code x} first reaches each new
     * largest value (linear between them, the end values beyond): the slice of a run whose {@code x} need not
     * grow monotonically (a discrete map near its stability edge oscillates), taken along its first passage.
     * Magnitudes of {@code y} are used, as the portraits draw them.
     *
     * @param xs the run's values of x, not modified
     * @param ys the run's values of y, not modified
     */
    public static DoubleUnaryOperator firstPassage(double[] xs, double[] ys) {
        double[] px = new double[xs.length];
        double[] py = new double[xs.length];
        int n = 0;
        for (int i = 0; i < xs.length; i++) {
            double x = Math.abs(xs[i]);
            double y = Math.abs(ys[i]);
            if (Double.isFinite(x) && Double.isFinite(y) && (n == 0 || x > px[n - 1])) {
                px[n] = x;
                py[n] = y;
                n++;
            }
        }
        if (n == 0) {
            return v -> 0.0;
        }
        double[] fx = java.util.Arrays.copyOf(px, n);
        double[] fy = java.util.Arrays.copyOf(py, n);
        return v -> {
            if (v <= fx[0]) {
                return fy[0];
            }
            if (v >= fx[fx.length - 1]) {
                return fy[fy.length - 1];
            }
            int i = java.util.Arrays.binarySearch(fx, v);
            if (i >= 0) {
                return fy[i];
            }
            int hi = -i - 1;
            double w = (v - fx[hi - 1]) / (fx[hi] - fx[hi - 1]);
            return fy[hi - 1] + w * (fy[hi] - fy[hi - 1]);
        };
    }

    /** The name of a field's legend entry. */
    public static String label(boolean spectral) {
        return spectral ? "SpecGF direction" : "GF direction";
    }

    private static ArrowField arrows(List<double[]> points, boolean spectral) {
        double[][] cols = transpose(points);
        return new ArrowField(label(spectral), spectral ? Ink.SPECGF.tint(0.15) : Ink.GF.tint(0.1), cols[0], cols[1],
                cols[2], cols[3]);
    }

    static double[][] transpose(List<double[]> rows) {
        int width = rows.get(0).length;
        double[][] cols = new double[width][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < width; j++) {
                cols[j][i] = rows.get(i)[j];
            }
        }
        return cols;
    }
}
