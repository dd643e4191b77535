package io.specdyn.experiments;

import io.specdyn.figures.Ink;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.reduced.DiscreteMaps;
import io.specdyn.reduced.ReducedEngine;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.List;

/** Small helpers that turn trajectories into plotted series. */
final class Plot {
    private Plot() {
    }

    /** Column {@code y} against column {@code x}, thinned to at most {@code max} evenly chosen rows. */
    static Series series(String label, Ink ink, Trajectory t, Column x, Column y, int max) {
        int[] rows = rows(t.size(), max);
        double[] xs = new double[rows.length];
        double[] ys = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            xs[i] = t.get(x, rows[i]);
            ys[i] = t.get(y, rows[i]);
        }
        return Series.line(label, ink, xs, ys);
    }

    /** As {@link #series}, plotting the magnitude of {@code y} (for coefficients on a log axis). */
    static Series magnitude(String label, Ink ink, Trajectory t, Column x, Column y, int max) {
        Series s = series(label, ink, t, x, y, max);
        double[] ys = s.y();
        for (int i = 0; i < ys.length; i++) {
            ys[i] = Math.abs(ys[i]);
        }
        return new Series(s.label(), s.color(), s.dash(), s.width(), s.marker(), s.x(), ys);
    }

    static int[] rows(int size, int max) {
        if (size <= max) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] some = new int[max];
        for (int i = 0; i < max; i++) {
            some[i] = (int) Math.round((double) i * (size - 1) / (max - 1));
        }
        return some;
    }

    /** A curve through {@code points}, each {x, y}. */
    static Series points(String label, Ink ink, List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return Series.line(label, ink, x, y);
    }

    /** {@code n} values spaced evenly in log between {@code from} and {@code to}. */
    static double[] logspace(double from, double to, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from * Math.pow(to / from, n == 1 ? 0 : (double) i / (n - 1));
        }
        return v;
    }

    /** A run of a discrete map recorded at about {@code perDecade} log-spaced steps per decade (and step 0). */
    static Trajectory logRecorded(ReducedModel model, Algorithm algorithm, Coefficients init, double lr, long steps,
                                  int perDecade) {
        List<double[]> rows = new ArrayList<>();
        double factor = Math.pow(10, 1.0 / perDecade);
        long[] next = {0};
        DiscreteMaps.iterate(model, algorithm == Algorithm.SPECGD, lr, steps, init.toArray(),
                (k, map) -> {
                    if (k == next[0] || k == steps) {
                        rows.add(new double[] {k, k * lr, map.signal(), map.spike(), map.bulk(), map.loss(), map.alignment()});
                        next[0] = Math.max(k + 1, (long) Math.ceil(k * factor));
                    }
                    return !map.divergent();
                });
        Trajectory.Builder builder = Trajectory.builder(ReducedEngine.THREE_GROUP_COLUMNS);
        rows.forEach(builder::add);
        return builder.outcome(io.specdyn.trajectory.Outcome.completed(steps, steps * lr)).build();
    }

    /**
     * Column {@code y} as a function of column {@code x} along a run in which {@code x} never decreases: linear
     * between rows, the end values beyond them. Used to draw a direction field on the slice of the state space
     * that holds the run (for example {@code c = c(a)} in the (a, b) plane).
     */
    static java.util.function.DoubleUnaryOperator along(Trajectory t, Column x, Column y) {
        int n = t.size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = t.get(x, i);
            ys[i] = Math.abs(t.get(y, i));
            if (i > 0 && !(xs[i] >= xs[i - 1])) {
                throw new IllegalStateException(x + " decreases at row " + i + ": " + y + " is not a function of it");
            }
        }
        return v -> {
            if (v <= xs[0]) {
                return ys[0];
            }
            int i = java.util.Arrays.binarySearch(xs, v);
            if (i >= 0) {
                return ys[i];
            }
            int hi = -i - 1;
            if (hi >= n) {
                return ys[n - 1];
            }
            double w = (v - xs[hi - 1]) / (xs[hi] - xs[hi - 1]);
            return ys[hi - 1] + w * (ys[hi] - ys[hi - 1]);
        };
    }
}
