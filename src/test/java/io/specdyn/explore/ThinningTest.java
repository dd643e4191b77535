package io.specdyn.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThinningTest {

    /** An oscillation far faster than a bucket keeps its envelope: every bucket's extremes, in row order. */
    @Test
    void envelopeKeepsEachBucketsExtremes() {
        int n = 100_000;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            // an alternating oscillation whose amplitude grows, the growth of a rate past its stability edge
            y[i] = (i % 2 == 0 ? 1 : -1) * (1 + i / 1000.0);
        }
        int[] rows = Thinning.envelope(y, 200);
        assertTrue(rows.length <= 2 * 200 + 2, "rows kept: " + rows.length);
        assertEquals(0, rows[0]);
        assertEquals(n - 1, rows[rows.length - 1]);
        for (int k = 1; k < rows.length; k++) {
            assertTrue(rows[k] > rows[k - 1], "in row order");
        }
        double[] kept = Thinning.pick(y, rows);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : kept) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        // the largest and smallest values of the whole series (rows n - 2 and n - 1 of the last bucket)
        assertEquals(y[n - 2], max);
        assertEquals(y[n - 1], min);
    }

    /** A path keeps rows a step apart on the page; a run at rest keeps only its ends; an undrawable point breaks it. */
    @Test
    void pathKeepsRowsAStepApart() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.min(1, i / 1000.0);
            y[i] = 1e-3 * Math.pow(1e3, Math.min(1, i / 1000.0));
        }
        double step = 1.0 / 300;
        int[] rows = Thinning.path(x, y, false, 0, 1, true, 1e-3, 1, step);
        for (int k = 1; k < rows.length - 1; k++) {
            double dx = x[rows[k]] - x[rows[k - 1]];
            double dy = Math.log(y[rows[k]] / y[rows[k - 1]]) / Math.log(1e3);
            assertTrue(Math.hypot(dx, dy) >= step, "rows " + rows[k - 1] + ", " + rows[k]);
        }
        // the moving part is sqrt(2) long in page units: about sqrt(2) / step rows, and the rest only the last
        assertTrue(rows.length <= Math.sqrt(2) / step + 3, "rows kept: " + rows.length);
        assertEquals(n - 1, rows[rows.length - 1]);
        double[] zeros = {1e-2, 0, 0, 0, 1e-2};
        int[] broken = Thinning.path(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, zeros, false, 0, 1, true, 1e-3, 1, step);
        assertEquals(3, broken.length, "first, one break, last");
    }
}
