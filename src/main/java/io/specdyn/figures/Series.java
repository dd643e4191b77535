package io.specdyn.figures;

import java.awt.Color;

/**
 * One curve or point set of a panel: a legend label, its ink, a line style and the points.
 * Points with a non-finite or (on a log axis) non-positive coordinate are not drawn.
 */
public record Series(String label, Color color, Dash dash, float width, Marker marker, double[] x, double[] y) {

    /** Line patterns. */
    public enum Dash { SOLID, DASHED, DOTTED, DASH_DOT, NONE }

    /** Point markers. */
    public enum Marker { NONE, CIRCLE, SQUARE, TRIANGLE, DIAMOND, CROSS }

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + label + ": " + x.length + " x values, " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    /** A solid line in the ink's colour. */
    public static Series line(String label, Ink ink, double[] x, double[] y) {
        return new Series(label, ink.color(), Dash.SOLID, 2.0f, Marker.NONE, x, y);
    }

    public Series withDash(Dash value) {
        return new Series(label, color, value, width, marker, x, y);
    }

    public Series withWidth(float value) {
        return new Series(label, color, dash, value, marker, x, y);
    }

    public Series withMarker(Marker value) {
        return new Series(label, color, dash, width, value, x, y);
    }

    public Series withColor(Color value) {
        return new Series(label, value, dash, width, marker, x, y);
    }

    /** Markers only, no line. */
    public Series points(Marker value) {
        return new Series(label, color, Dash.NONE, width, value, x, y);
    }

    public int size() {
        return x.length;
    }
}
