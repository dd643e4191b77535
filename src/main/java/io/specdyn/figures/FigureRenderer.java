package io.specdyn.figures;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.w3c.dom.Document;

/**
 * Renders a {@link Figure} with JFreeChart: one chart per panel, laid out in a grid under the
 * figure's title, to PNG (at twice the nominal size), SVG (Batik's {@code SVGGraphics2D}) or PDF
 * (pdfbox-graphics2d on PDFBox), all Apache licensed. Fonts are DejaVu Sans (installed with
 * fontconfig on a headless system). Numbers on the axes are formatted in {@link Locale#ROOT}, so
 * the JVM's locale changes no byte.
 */
public final class FigureRenderer {
    /** PNG pixels per nominal unit. */
    public static final int PNG_SCALE = 2;

    private static final String FONT = "DejaVu Sans";
    private static final Font TITLE = new Font(FONT, Font.BOLD, 18);
    private static final Font CAPTION = new Font(FONT, Font.PLAIN, 12);
    private static final Font PANEL_TITLE = new Font(FONT, Font.BOLD, 14);
    private static final Font AXIS_LABEL = new Font(FONT, Font.PLAIN, 14);
    private static final Font TICK = new Font(FONT, Font.PLAIN, 11);
    private static final Font LEGEND = new Font(FONT, Font.PLAIN, 11);
    private static final Font NOTE = new Font(FONT, Font.ITALIC, 11);
    private static final double HEADER = 40;
    private static final double FOOTER = 28;

    private FigureRenderer() {
    }

    /** Writes a PNG of {@code figure} to {@code out}. */
    public static void png(Figure figure, OutputStream out) throws IOException {
        BufferedImage image = new BufferedImage(figure.width() * PNG_SCALE, figure.height() * PNG_SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(PNG_SCALE, PNG_SCALE);
            draw(figure, g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
    }

    /** Writes an SVG of {@code figure} to {@code out}. */
    public static void svg(Figure figure, OutputStream out) throws IOException {
        svg(figure, out, 0);
    }

    /**
     * Writes an SVG of {@code figure} to {@code out} with coordinates rounded to {@code decimals} decimal
     * places (1 to 12; 0 keeps Batik's default of 4, as the figure files have). Two places are a hundredth of
     * a pixel: the page's views use them, which shortens the text and the time to write it.
     */
    public static void svg(Figure figure, OutputStream out, int decimals) throws IOException {
        svg(figure, out, decimals, null);
    }

    /**
     * Where a panel's data lie on the drawn page (in the figure's units, origin top left): its plot area and
     * the maps from data to page coordinates of its two axes, as drawn.
     *
     * @param xLog whether the horizontal axis was drawn logarithmic (a log axis of under two decades is drawn linear)
     */
    public record PlotArea(Rectangle2D dataArea, java.util.function.DoubleUnaryOperator x,
                           java.util.function.DoubleUnaryOperator y, boolean xLog, boolean yLog) {

        /** The page rectangle of cell {@code k} of {@code map}, as its cells are drawn (edges halfway between centres). */
        public Rectangle2D cell(HeatMap map, int k) {
            double[] xs = HeatMapAnnotation.distinct(map.x());
            double[] ys = HeatMapAnnotation.distinct(map.y());
            double[] xEdges = HeatMapAnnotation.edges(xs, xLog);
            double[] yEdges = HeatMapAnnotation.edges(ys, yLog);
            int i = java.util.Arrays.binarySearch(xs, map.x()[k]);
            int j = java.util.Arrays.binarySearch(ys, map.y()[k]);
            double x0 = x.applyAsDouble(xEdges[i]);
            double x1 = x.applyAsDouble(xEdges[i + 1]);
            double y0 = y.applyAsDouble(yEdges[j]);
            double y1 = y.applyAsDouble(yEdges[j + 1]);
            return new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
        }
    }

    /**
     * Writes an SVG of {@code figure} as {@link #svg(Figure, OutputStream, int)} and says where each panel's data
     * were drawn, in panel order (for a page that makes the cells of a map clickable).
     */
    public static List<PlotArea> svgWithAreas(Figure figure, OutputStream out, int decimals) throws IOException {
        List<PlotArea> areas = new java.util.ArrayList<>();
        svg(figure, out, decimals, areas);
        return areas;
    }

    private static void svg(Figure figure, OutputStream out, int decimals, List<PlotArea> areas) throws IOException {
        Document document;
        try {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument("http://www.w3.org/2000/svg", "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setComment("specdyn figure " + figure.id());
        if (decimals > 0) {
            context.setPrecision(decimals);
        }
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        g.setSVGCanvasSize(new java.awt.Dimension(figure.width(), figure.height()));
        draw(figure, g, areas);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        g.stream(writer, true);
        writer.flush();
    }

    /**
     * Writes a one-page PDF of {@code figure} to {@code out}, at its nominal size in points. Text is
     * drawn as vector outlines (it looks as in the PNG, with no font to embed), and the document has
     * no dates and a fixed ID, so the same figure gives the same bytes.
     */
    public static void pdf(Figure figure, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.setDocumentId(0L);
            PDPage page = new PDPage(new PDRectangle(figure.width(), figure.height()));
            document.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(document, figure.width(), figure.height());
            // integer text metrics, as the PNG and SVG graphics use: JFreeChart then picks the same ticks
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
            try {
                draw(figure, g);
            } finally {
                g.dispose();
            }
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(g.getXFormObject());
            }
            document.save(out);
        }
    }

    /** Draws {@code figure} onto {@code g} at its nominal size. */
    public static void draw(Figure figure, Graphics2D g) {
        draw(figure, g, null);
    }

    /** As {@link #draw(Figure, Graphics2D)}, adding each panel's {@link PlotArea} to {@code areas} unless null. */
    private static void draw(Figure figure, Graphics2D g, List<PlotArea> areas) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setPaint(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, figure.width(), figure.height()));
        g.setPaint(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(figure.title(), 16, 28);
        g.setFont(CAPTION);
        g.setPaint(new Color(0x44, 0x44, 0x44));
        g.drawString(figure.caption(), 16, (float) (figure.height() - 10));
        int columns = figure.columns();
        int rows = figure.rows();
        double cellWidth = (double) figure.width() / columns;
        double cellHeight = (figure.height() - HEADER - FOOTER) / rows;
        List<Panel> panels = figure.panels();
        for (int k = 0; k < panels.size(); k++) {
            int row = k / columns;
            int col = k % columns;
            Rectangle2D area = new Rectangle2D.Double(col * cellWidth, HEADER + row * cellHeight, cellWidth, cellHeight);
            JFreeChart chart = chart(panels.get(k));
            if (areas == null) {
                chart.draw(g, area);
            } else {
                // the rendering info only records where things went; the drawing is the same
                org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
                chart.draw(g, area, info);
                Rectangle2D data = (Rectangle2D) info.getPlotInfo().getDataArea().clone();
                XYPlot plot = chart.getXYPlot();
                ValueAxis xAxis = plot.getDomainAxis();
                ValueAxis yAxis = plot.getRangeAxis();
                RectangleEdge xEdge = plot.getDomainAxisEdge();
                RectangleEdge yEdge = plot.getRangeAxisEdge();
                areas.add(new PlotArea(data, v -> xAxis.valueToJava2D(v, data, xEdge), v -> yAxis.valueToJava2D(v, data, yEdge),
                        xAxis instanceof LogAxis, yAxis instanceof LogAxis));
            }
        }
    }

    /** The JFreeChart of one panel. */
    static JFreeChart chart(Panel panel) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setDrawSeriesLineAsPath(true);
        LegendItemCollection legend = new LegendItemCollection();
        int index = 0;
        for (Series s : panel.series()) {
            XYSeries xy = new XYSeries(index + ":" + s.label(), false, true);
            for (int i = 0; i < s.size(); i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                boolean ok = Double.isFinite(x) && Double.isFinite(y) && (!panel.x().log() || x > 0)
                        && (!panel.y().log() || y > 0);
                if (ok) {
                    xy.add(x, y);
                } else if (Double.isFinite(x) && (!panel.x().log() || x > 0)) {
                    xy.add(x, null);
                }
            }
            data.addSeries(xy);
            Stroke stroke = stroke(s.dash(), s.width());
            renderer.setSeriesPaint(index, s.color());
            renderer.setSeriesStroke(index, stroke);
            renderer.setSeriesLinesVisible(index, s.dash() != Series.Dash.NONE);
            renderer.setSeriesShapesVisible(index, s.marker() != Series.Marker.NONE);
            Shape shape = shape(s.marker());
            renderer.setSeriesShape(index, shape);
            renderer.setSeriesShapesFilled(index, s.marker() != Series.Marker.CROSS);
            if (!s.label().isEmpty()) {
                LegendItem item = new LegendItem(s.label(), null, null, null, s.marker() != Series.Marker.NONE, shape,
                        s.marker() != Series.Marker.CROSS, s.color(), s.marker() == Series.Marker.CROSS, s.color(),
                        stroke, s.dash() != Series.Dash.NONE, new Line2D.Double(-12, 0, 12, 0), stroke, s.color());
                item.setLabelFont(LEGEND);
                legend.add(item);
            }
            index++;
        }
        XYPlot plot = new XYPlot(data, axis(panel.x(), bounds(panel, true)), axis(panel.y(), bounds(panel, false)), renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xE3, 0xE3, 0xE3));
        plot.setRangeGridlinePaint(new Color(0xE3, 0xE3, 0xE3));
        plot.setDomainGridlineStroke(new BasicStroke(0.6f));
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
        plot.setOutlinePaint(new Color(0x88, 0x88, 0x88));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (ArrowField f : panel.fields()) {
            plot.addAnnotation(new ArrowFieldAnnotation(f), false);
            if (!f.label().isEmpty()) {
                LegendItem item = new LegendItem(f.label(), null, null, null, true, arrowShape(), true, f.color(), false,
                        f.color(), new BasicStroke(1f), false, new Line2D.Double(), new BasicStroke(1f), f.color());
                item.setLabelFont(LEGEND);
                legend.add(item);
            }
        }
        for (HeatMap map : panel.maps()) {
            renderer.addAnnotation(new HeatMapAnnotation(map), org.jfree.chart.ui.Layer.BACKGROUND);
            fitToCells(plot.getDomainAxis(), panel.x(), map.x());
            fitToCells(plot.getRangeAxis(), panel.y(), map.y());
            for (int kind : new int[] {HeatMap.DIVERGED, HeatMap.MISSING, HeatMap.OTHER}) {
                if (java.util.Arrays.stream(map.kind()).anyMatch(k -> k == kind)) {
                    Color color = switch (kind) {
                        case HeatMap.DIVERGED -> HeatMapAnnotation.DIVERGED;
                        case HeatMap.MISSING -> HeatMapAnnotation.MISSING;
                        default -> HeatMapAnnotation.OTHER;
                    };
                    LegendItem item = new LegendItem(map.kindLabels().get(kind), null, null, null,
                            new Rectangle2D.Double(-6, -6, 12, 12), color);
                    item.setLabelFont(LEGEND);
                    legend.add(item);
                }
            }
        }
        for (Panel.Guide guide : panel.guides()) {
            ValueMarker marker = new ValueMarker(guide.value(), guide.ink().color(),
                    stroke(Series.Dash.DASHED, 1.2f));
            marker.setLabel(guide.label());
            marker.setLabelFont(NOTE);
            marker.setLabelPaint(guide.ink().color());
            if (guide.vertical()) {
                marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(marker);
            } else {
                marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
                marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                plot.addRangeMarker(marker);
            }
        }
        for (Panel.Note note : panel.notes()) {
            XYTextAnnotation text = new XYTextAnnotation(note.text(), note.x(), note.y());
            text.setFont(NOTE);
            text.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(text, false);
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(null, PANEL_TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 10, 6, 14));
        TextTitle title = new TextTitle(panel.title(), PANEL_TITLE);
        chart.setTitle(title);
        for (HeatMap map : panel.maps()) {
            double[] range = map.valueRange();
            if (Double.isFinite(range[0])) {
                chart.addSubtitle(colourBar(map.valueLabel(), range[0], range[1]));
            }
        }
        if (legend.getItemCount() > 0) {
            LegendTitle legendTitle = new LegendTitle(plot);
            legendTitle.setItemFont(LEGEND);
            legendTitle.setPosition(RectangleEdge.BOTTOM);
            legendTitle.setFrame(BlockBorder.NONE);
            legendTitle.setBackgroundPaint(Color.WHITE);
            chart.addSubtitle(legendTitle);
        }
        return chart;
    }

    /** Unless the axis is fixed, its range becomes the outer edges of the heat map's cells. */
    private static void fitToCells(ValueAxis axis, Axis spec, double[] centres) {
        if (spec.fixed()) {
            return;
        }
        double[] edges = HeatMapAnnotation.edges(HeatMapAnnotation.distinct(centres), axis instanceof LogAxis);
        axis.setRange(edges[0], edges[edges.length - 1]);
    }

    /**
     * A vertical colour bar on the right, log-scaled like the cells. Over a decade or more it is drawn
     * in log10 of the value (so that its subdivisions are even on the page) with ticks 10^k.
     */
    private static PaintScaleLegend colourBar(String label, double lo, double hi) {
        double top = hi > lo ? hi : lo * 10;
        boolean log = top / lo >= 10;
        double from = log ? Math.log10(lo) : lo;
        double to = log ? Math.log10(top) : top;
        PaintScale scale = new PaintScale() {
            @Override
            public double getLowerBound() {
                return from;
            }

            @Override
            public double getUpperBound() {
                return to;
            }

            @Override
            public java.awt.Paint getPaint(double value) {
                double v = Math.max(from, Math.min(to, value));
                return Colormap.log(log ? Math.pow(10, v) : v, lo, top);
            }
        };
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(new RootTickUnits());
        if (log) {
            axis.setTickUnit(new NumberTickUnit(to - from > 9 ? 2 : 1, new PowerOfTen()));
        }
        axis.setRange(from, to);
        axis.setLabelFont(TICK);
        axis.setTickLabelFont(TICK);
        PaintScaleLegend bar = new PaintScaleLegend(scale, axis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setSubdivisionCount(200);
        bar.setStripWidth(12);
        bar.setMargin(new RectangleInsets(8, 8, 8, 2));
        bar.setAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        return bar;
    }

    /** Formats an exponent k as 10^k with a superscript (the colour bar's log10 axis). */
    private static final class PowerOfTen extends java.text.NumberFormat {
        private static final long serialVersionUID = 1L;
        private static final String DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";

        @Override
        public StringBuffer format(double number, StringBuffer out, java.text.FieldPosition pos) {
            return format(Math.round(number), out, pos);
        }

        @Override
        public StringBuffer format(long k, StringBuffer out, java.text.FieldPosition pos) {
            out.append("10");
            if (k < 0) {
                out.append('\u207b');
            }
            for (char c : Long.toString(Math.abs(k)).toCharArray()) {
                out.append(DIGITS.charAt(c - '0'));
            }
            return out;
        }

        @Override
        public Number parse(String source, java.text.ParsePosition pos) {
            return null;
        }
    }

    /** The positive range of the panel's data along x or y, for choosing the ticks of an automatic log axis. */
    private static double[] bounds(Panel panel, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        java.util.List<double[]> columns = new java.util.ArrayList<>();
        for (Series s : panel.series()) {
            columns.add(x ? s.x() : s.y());
        }
        for (HeatMap m : panel.maps()) {
            columns.add(x ? m.x() : m.y());
        }
        for (double[] column : columns) {
            for (double v : column) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    private static ValueAxis axis(Axis spec, double[] dataBounds) {
        ValueAxis axis;
        double lower = spec.fixed() ? spec.lower() : dataBounds[0];
        double upper = spec.fixed() ? spec.upper() : dataBounds[1];
        double decades = upper > lower && lower > 0 ? Math.log10(upper / lower) : 0;
        if (spec.log() && decades >= 2) {
            LogAxis log = new LogAxis(spec.label());
            log.setBase(10);
            log.setSmallestValue(1e-300);
            log.setBaseSymbol("10");
            log.setTickUnit(new NumberTickUnit(decades > 16 ? 3 : decades > 9 ? 2 : 1, RootTickUnits.integers()));
            log.setMinorTickMarksVisible(true);
            log.setMinorTickCount(9);
            axis = log;
        } else {
            // a log axis over less than two decades reads better, and hardly differs, drawn linear
            NumberAxis linear = new NumberAxis(spec.label());
            linear.setStandardTickUnits(new RootTickUnits());
            linear.setAutoRangeIncludesZero(false);
            axis = linear;
        }
        axis.setLabelFont(AXIS_LABEL);
        axis.setTickLabelFont(TICK);
        if (spec.fixed()) {
            // a hair wider on log axes, so that a decade at either end keeps its label
            double slack = axis instanceof LogAxis ? 1.0001 : 1.0;
            axis.setRange(spec.lower() / slack, spec.upper() * slack);
        }
        return axis;
    }

    private static Stroke stroke(Series.Dash dash, float width) {
        return switch (dash) {
            case SOLID, NONE -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            case DASHED -> new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);
            case DOTTED -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1f, 4f}, 0f);
            case DASH_DOT -> new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {8f, 3f, 2f, 3f}, 0f);
        };
    }

    private static Shape shape(Series.Marker marker) {
        double r = 3.5;
        return switch (marker) {
            case NONE, CIRCLE -> new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
            case SQUARE -> new Rectangle2D.Double(-r, -r, 2 * r, 2 * r);
            case TRIANGLE -> polygon(new double[] {0, r, -r}, new double[] {-r, r, r});
            case DIAMOND -> polygon(new double[] {0, r, 0, -r}, new double[] {-r, 0, r, 0});
            case CROSS -> {
                GeneralPath p = new GeneralPath();
                p.moveTo(-r, -r);
                p.lineTo(r, r);
                p.moveTo(-r, r);
                p.lineTo(r, -r);
                yield new BasicStroke(1.8f).createStrokedShape(p);
            }
        };
    }

    private static Shape polygon(double[] xs, double[] ys) {
        GeneralPath p = new GeneralPath();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        p.closePath();
        return p;
    }

    private static Shape arrowShape() {
        GeneralPath p = new GeneralPath();
        p.moveTo(-8, 0);
        p.lineTo(4, 0);
        p.lineTo(4, -3);
        p.lineTo(9, 0);
        p.lineTo(4, 3);
        p.lineTo(4, 0);
        p.closePath();
        return new BasicStroke(1.2f).createStrokedShape(p);
    }
}
