package io.specdyn.figures;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Draws an {@link ArrowField}: each arrow is centred on its point, points along the field as seen
 * on the page (the axes' scales, linear or log, applied to the direction), and has the same length
 * for every point, a fraction of the grid spacing.
 */
final class ArrowFieldAnnotation extends AbstractXYAnnotation {
    private static final long serialVersionUID = 1L;

    private final ArrowField field;

    ArrowFieldAnnotation(ArrowField field) {
        this.field = field;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        int n = field.size();
        double length = 0.75 * Math.sqrt(dataArea.getWidth() * dataArea.getHeight() / Math.max(1, n));
        g2.setPaint(field.color());
        g2.setStroke(new BasicStroke(1.1f));
        for (int i = 0; i < n; i++) {
            double x = field.x()[i];
            double y = field.y()[i];
            if (!drawable(x, domainAxis) || !drawable(y, rangeAxis)) {
                continue;
            }
            double px = domainAxis.valueToJava2D(x, dataArea, xEdge);
            double py = rangeAxis.valueToJava2D(y, dataArea, yEdge);
            double vx = slope(domainAxis, x, dataArea, xEdge) * field.dx()[i];
            double vy = slope(rangeAxis, y, dataArea, yEdge) * field.dy()[i];
            double norm = Math.hypot(vx, vy);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                g2.fill(new Ellipse2D.Double(px - 1.5, py - 1.5, 3, 3));
                continue;
            }
            double ux = vx / norm;
            double uy = vy / norm;
            double x0 = px - 0.5 * length * ux;
            double y0 = py - 0.5 * length * uy;
            double x1 = px + 0.5 * length * ux;
            double y1 = py + 0.5 * length * uy;
            g2.draw(new Line2D.Double(x0, y0, x1, y1));
            double head = Math.min(6, 0.35 * length);
            Path2D.Double tip = new Path2D.Double();
            tip.moveTo(x1, y1);
            tip.lineTo(x1 - head * ux + 0.5 * head * uy, y1 - head * uy - 0.5 * head * ux);
            tip.lineTo(x1 - head * ux - 0.5 * head * uy, y1 - head * uy + 0.5 * head * ux);
            tip.closePath();
            g2.fill(tip);
        }
    }

    private static boolean drawable(double v, ValueAxis axis) {
        return Double.isFinite(v) && (!(axis instanceof org.jfree.chart.axis.LogAxis) || v > 0)
                && axis.getRange().contains(v);
    }

    /** Page units per data unit at {@code v}. */
    private static double slope(ValueAxis axis, double v, Rectangle2D area, RectangleEdge edge) {
        double h = axis instanceof org.jfree.chart.axis.LogAxis ? v * 1e-6 : 1e-6 * axis.getRange().getLength();
        return (axis.valueToJava2D(v + h, area, edge) - axis.valueToJava2D(v, area, edge)) / h;
    }
}
