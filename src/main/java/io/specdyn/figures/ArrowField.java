package io.specdyn.figures;

import java.awt.Color;

/**
 * A direction field: at each point {@code (x, y)} an arrow along {@code (dx, dy)} (in data units,
 * a velocity). Arrows are normalised per grid point on the page: every arrow has the same drawn
 * length, so the field shows directions; zero vectors are drawn as dots.
 */
public record ArrowField(String label, Color color, double[] x, double[] y, double[] dx, double[] dy) {

    public ArrowField {
        int n = x.length;
        if (y.length != n || dx.length != n || dy.length != n) {
            throw new IllegalArgumentException("arrow field " + label + ": arrays of different lengths");
        }
        x = x.clone();
        y = y.clone();
        dx = dx.clone();
        dy = dy.clone();
    }

    public int size() {
        return x.length;
    }
}
