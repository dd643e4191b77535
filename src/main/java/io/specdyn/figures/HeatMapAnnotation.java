package io.specdyn.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/** Draws a {@link HeatMap}'s cells, their edges halfway between neighbouring centres on the page. */
final class HeatMapAnnotation extends AbstractXYAnnotation {
    private static final long serialVersionUID = 1L;
    static final Color DIVERGED = new Color(0x30, 0x20, 0x20);
    static final Color MISSING = new Color(0xD9, 0xD9, 0xD9);
    static final Color OTHER = new Color(0xB8, 0xD4, 0xE8);

    private final HeatMap map;
    private final double lo;
    private final double hi;

    HeatMapAnnotation(HeatMap map) {
        this.map = map;
        double[] range = map.valueRange();
        this.lo = range[0];
        this.hi = range[1];
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        double[] xs = distinct(map.x());
        double[] ys = distinct(map.y());
        double[] xEdges = edges(xs, domainAxis instanceof LogAxis);
        double[] yEdges = edges(ys, rangeAxis instanceof LogAxis);
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        for (int k = 0; k < map.size(); k++) {
            int i = Arrays.binarySearch(xs, map.x()[k]);
            int j = Arrays.binarySearch(ys, map.y()[k]);
            double x0 = domainAxis.valueToJava2D(xEdges[i], dataArea, xEdge);
            double x1 = domainAxis.valueToJava2D(xEdges[i + 1], dataArea, xEdge);
            double y0 = rangeAxis.valueToJava2D(yEdges[j], dataArea, yEdge);
            double y1 = rangeAxis.valueToJava2D(yEdges[j + 1], dataArea, yEdge);
            Color color = switch (map.kind()[k]) {
                case HeatMap.DIVERGED -> DIVERGED;
                case HeatMap.MISSING -> MISSING;
                case HeatMap.OTHER -> OTHER;
                default -> Colormap.log(map.value()[k], lo, hi);
            };
            g2.setPaint(color);
            g2.fill(new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0) + 0.6,
                    Math.abs(y1 - y0) + 0.6));
        }
    }

    static double[] distinct(double[] values) {
        return Arrays.stream(values).distinct().sorted().toArray();
    }

    /** Cell edges around sorted centres: midpoints, geometric on a log axis; the ends mirror the first and last gap. */
    static double[] edges(double[] centres, boolean log) {
        int n = centres.length;
        double[] e = new double[n + 1];
        if (n == 1) {
            // half a unit wide, or a quarter of the value where half a unit would be lost to rounding (1e17)
            double half = Math.max(0.5, Math.abs(centres[0]) / 4);
            e[0] = log ? centres[0] / 1.5 : centres[0] - half;
            e[1] = log ? Math.min(centres[0] * 1.5, Double.MAX_VALUE) : centres[0] + half;
            return e;
        }
        for (int i = 1; i < n; i++) {
            e[i] = log ? Math.sqrt(centres[i - 1] * centres[i]) : 0.5 * (centres[i - 1] + centres[i]);
        }
        e[0] = log ? centres[0] * centres[0] / e[1] : 2 * centres[0] - e[1];
        e[n] = log ? centres[n - 1] * centres[n - 1] / e[n - 1] : 2 * centres[n - 1] - e[n - 1];
        return e;
    }
}
