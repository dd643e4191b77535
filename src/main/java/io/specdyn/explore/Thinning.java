package io.specdyn.explore;

import java.util.Arrays;

/**
 * The rows of a trajectory a view of about 560 pixels can show. A view computes thousands of rows per
 * run, but a curve drawn over a few hundred pixels shows no more than a few points per pixel; drawing
 * (and sending) them all is what made the page slow. Each thinning keeps the first and last rows.
 */
final class Thinning {
    private Thinning() {
    }

    /**
     * For a curve over time: the rows split into {@code buckets} runs of consecutive rows, and in each the
     * rows of its smallest and largest {@code y}, in row order. An oscillation faster than a bucket keeps
     * its envelope (a plain every-k-th choice would alias it into a slower wave or lose it).
     *
     * @param y the values, not modified; non-finite values are never kept as extremes, but a bucket of
     *          them keeps its first row (where a run diverges)
     */
    static int[] envelope(double[] y, int buckets) {
        int n = y.length;
        if (n <= 2 * buckets + 2) {
            return all(n);
        }
        int[] keep = new int[2 * buckets + 2];
        int k = 0;
        keep[k++] = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = -1;
            int hi = -1;
            for (int i = from; i < to; i++) {
                double v = y[i];
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (lo < 0 || v < y[lo]) {
                    lo = i;
                }
                if (hi < 0 || v > y[hi]) {
                    hi = i;
                }
            }
            if (lo < 0) {
                lo = from;
                hi = from;
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            if (first > keep[k - 1]) {
                keep[k++] = first;
            }
            if (second > keep[k - 1]) {
                keep[k++] = second;
            }
        }
        if (keep[k - 1] != n - 1) {
            keep[k++] = n - 1;
        }
        return Arrays.copyOf(keep, k);
    }

    /**
     * For a path in a plane: the rows at which the path has moved at least {@code step} (in units of the
     * view's width and height, after the log scale where the axis has one) from the last row kept. A path
     * that creeps (the slow end of a run) keeps few rows; a fast turn keeps its shape to within {@code step}.
     *
     * @param x, y the coordinates, not modified
     * @param xLog, yLog whether the axis is logarithmic (values are taken by magnitude there)
     * @param xLo, xHi, yLo, yHi the axes' ranges
     */
    static int[] path(double[] x, double[] y, boolean xLog, double xLo, double xHi, boolean yLog, double yLo,
                      double yHi, double step) {
        int n = x.length;
        if (n <= 2) {
            return all(n);
        }
        double xs = xLog ? Math.log(xHi / xLo) : xHi - xLo;
        double ys = yLog ? Math.log(yHi / yLo) : yHi - yLo;
        int[] keep = new int[n];
        int k = 0;
        keep[k++] = 0;
        double px = unit(x[0], xLog, xLo, xs);
        double py = unit(y[0], yLog, yLo, ys);
        if (!Double.isFinite(py)) {
            px = Double.NaN;
        }
        for (int i = 1; i < n - 1; i++) {
            double ux = unit(x[i], xLog, xLo, xs);
            double uy = unit(y[i], yLog, yLo, ys);
            if (!(Double.isFinite(ux) && Double.isFinite(uy))) {
                // a point the view cannot draw (a zero on a log axis): kept once, where the curve breaks
                if (Double.isFinite(px)) {
                    keep[k++] = i;
                    px = Double.NaN;
                }
                continue;
            }
            if (!Double.isFinite(px) || Math.hypot(ux - px, uy - py) >= step) {
                keep[k++] = i;
                px = ux;
                py = uy;
            }
        }
        keep[k++] = n - 1;
        return Arrays.copyOf(keep, k);
    }

    private static double unit(double v, boolean log, double lo, double span) {
        return log ? Math.log(Math.abs(v) / lo) / span : (v - lo) / span;
    }

    /** The values of {@code column} at {@code rows}. */
    static double[] pick(double[] column, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = column[rows[i]];
        }
        return out;
    }

    private static int[] all(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
