package io.specdyn.explore;

import io.specdyn.experiments.PhaseFields;
import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.FigureRenderer;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.Spectrum;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The page's views of one or two computed runs, drawn by the project's figure code as SVG, and each run's
 * stage events and steps to alignment in words. Built from the trajectories (and, for the direction fields,
 * the runs' reduced model) only.
 *
 * <ul>
 *   <li>{@code coefficients}: |a| (signal, solid), |b| (spike, dashed) and |c| (bulk, dotted; the bulk's root
 *       mean square for a spectrum of other groups) over the steps, log scale, each run in its rule's colour
 *       (a second run of the same rule in a darker shade), the stage events marked on the curves;</li>
 *   <li>{@code alignment}: the alignment (with the line at {@code 1 - align-eps}) and the loss over the steps;</li>
 *   <li>{@code stage1}: the (a, b) plane, log-log, with the a = b diagonal, the trajectories and, for the
 *       (a, b, c) model, the direction field of figure F2 on the slice c = c(a) along the run (GF's direction
 *       for GD-like rules; SpecGF's, the sign of each coefficient's gradient, for the spectral and sign-like
 *       rules: SpecGD, Muon, SpecGF, signGD, Adam);</li>
 *   <li>{@code stage2}: the (a, c) plane with the field of figure F3: GF's on the surface b = b(a) through the
 *       run, SpecGF's on SpecGF's sliding section b^2 = lp c^2 / lu, with that section's branch h_c = 0.</li>
 * </ul>
 * For a spectrum of more than three groups (a power law) the state has one coefficient per group and the
 * trajectory records only a, b and the bulk's rms: no plane holds the dynamics, so the portraits draw the
 * trajectories and no field, and say so. The same holds for a run of the full engine (off the manifold).
 *
 * <p>A view shows a few hundred points per curve ({@link Thinning}): the envelope over the steps, and a
 * path in a plane to within about a pixel.
 */
public final class ExploreViews {
    /** The view names, in page order. */
    public static final List<String> NAMES = List.of("coefficients", "alignment", "stage1", "stage2");
    private static final int WIDTH = 560;
    private static final int HEIGHT = 430;
    /** Buckets of {@link Thinning#envelope}: two points each, about one per two pixels of the plot. */
    private static final int BUCKETS = 120;
    /** The step of {@link Thinning#path}, in plot widths: about one pixel of a 480-pixel plot. */
    private static final double PATH_STEP = 1.0 / 250;
    /** The field grid of F2 (cells per axis) and F3 (a columns, c rows). */
    private static final int STAGE1_GRID = 8;
    private static final int STAGE2_A = 9;
    private static final int STAGE2_C = 7;
    /** The smallest decade a log axis shows below its largest value: a coefficient at rest on 0 is not drawn. */
    private static final double DECADES = 9;
    /**
     * The ends of a log axis at most: a range that reaches the largest double, or the subnormals and 0, makes
     * JFreeChart's log axis tick without end (10^309 is infinite, 10^-324 is 0), so a start of 1e308 or 1e-320
     * is drawn clipped at these.
     */
    private static final double MAX_DRAWN = 1e300;
    private static final double MIN_DRAWN = 1e-300;

    /** A computed run and what it was asked as. */
    public record Shown(PlannedRun run, Trajectory trajectory) {
    }

    /** The events marked on the curves, their marker, the curve they sit on, and their name in the legend. */
    private enum Mark {
        ESCAPED(Stages.ESCAPED, Series.Marker.CIRCLE, Column.A, "escaped"),
        SPIKE_PEAK(Stages.SPIKE_PEAK, Series.Marker.TRIANGLE, Column.B, "spike peak"),
        MEAN_MATCHED(Stages.MEAN_MATCHED, Series.Marker.SQUARE, Column.A, "mean matched"),
        ALIGNED(Stages.ALIGNED, Series.Marker.DIAMOND, Column.A, "aligned"),
        DIVERGED(Stages.DIVERGED, Series.Marker.CROSS, Column.A, "diverged");

        final String event;
        final Series.Marker marker;
        final Column on;
        final String label;

        Mark(String event, Series.Marker marker, Column on, String label) {
            this.event = event;
            this.marker = marker;
            this.on = on;
            this.label = label;
        }
    }

    private ExploreViews() {
    }

    /** Every view of {@code runs}, by name, as SVG text. */
    public static Map<String, String> svg(List<Shown> runs) {
        List<Drawn> drawn = drawn(runs);
        Map<String, String> views = new LinkedHashMap<>();
        views.put("coefficients", svg(coefficients(drawn)));
        views.put("alignment", svg(alignment(drawn)));
        views.put("stage1", svg(stageOne(drawn)));
        views.put("stage2", svg(stageTwo(drawn)));
        return views;
    }

    /** The step of the first {@code aligned} event, if the run aligned. */
    public static OptionalLong alignedStep(Trajectory t) {
        return t.event(Stages.ALIGNED).map(e -> OptionalLong.of(e.step())).orElse(OptionalLong.empty());
    }

    // ----- the runs as drawn

    /** A run with its colour and the columns the views draw. */
    private record Drawn(Shown shown, Color color, double[] x, double[] a, double[] b, double[] c, boolean bulkRms,
                         double[] alignment, double[] loss) {
        String label() {
            return shown.run().label();
        }

        Trajectory t() {
            return shown.trajectory();
        }

        /** The reduced three-group model, when the direction fields exist for this run. */
        Optional<ReducedModel> threeGroup() {
            return shown.run().model().filter(ReducedModel::isThreeGroup);
        }

        boolean spectralField() {
            return spectral(shown.run().algorithm());
        }
    }

    /** Whether a rule's field is SpecGF's sign direction (else GF's): spectral and entry-wise sign-like rules. */
    static boolean spectral(io.specdyn.model.Algorithm algorithm) {
        return switch (algorithm) {
            case SPECGD, MUON, SPECGF, SIGNGD, ADAM -> true;
            case GD, GF, MOMENTUM, NGD -> false;
        };
    }

    private static List<Drawn> drawn(List<Shown> runs) {
        boolean flows = runs.stream().anyMatch(r -> !r.run().algorithm().isDiscrete());
        List<Drawn> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Shown r = runs.get(i);
            Trajectory t = r.trajectory();
            Color color = Ink.of(r.run().algorithm()).color();
            boolean same = i > 0 && runs.get(0).run().algorithm() == r.run().algorithm();
            if (same) {
                color = shade(color);
            }
            boolean rms = !t.has(Column.C);
            out.add(new Drawn(r, color, t.column(flows ? Column.T : Column.STEP), magnitude(t, Column.A),
                    magnitude(t, Column.B), magnitude(t, rms ? Column.BULK_RMS : Column.C), rms,
                    t.column(Column.ALIGNMENT), t.column(Column.LOSS)));
        }
        return out;
    }

    /** The colour of a second run of the same rule: the rule's colour darkened by half, still its hue. */
    private static Color shade(Color c) {
        return new Color(c.getRed() / 2, c.getGreen() / 2, c.getBlue() / 2);
    }

    private static double[] magnitude(Trajectory t, Column column) {
        if (!t.has(column)) {
            return new double[t.size()];
        }
        double[] v = t.column(column);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]);
        }
        return v;
    }

    private static boolean flows(List<Drawn> runs) {
        return runs.stream().anyMatch(r -> !r.shown().run().algorithm().isDiscrete());
    }

    // ----- coefficients

    private static Figure coefficients(List<Drawn> runs) {
        boolean rms = runs.stream().anyMatch(Drawn::bulkRms);
        double[] xr = xRange(runs);
        double[] yr = logRange(runs, true);
        String x = flows(runs) ? "t (time; lr x step for a rule)" : "step";
        Panel.Builder p = Panel.builder("signal a, spike b, " + (rms ? "bulk rms" : "bulk c"), Axis.linear(x).range(xr[0], xr[1]),
                Axis.log("|coefficient|").range(yr[0], yr[1]));
        for (Drawn r : runs) {
            p.add(overTime("", r.color(), r.x(), r.a()).withWidth(2.2f));
            p.add(overTime("", r.color(), r.x(), r.b()).withDash(Series.Dash.DASHED).withWidth(1.6f));
            p.add(overTime("", r.color(), r.x(), r.c()).withDash(Series.Dash.DOTTED).withWidth(1.8f));
        }
        for (Drawn r : runs) {
            eventsOf(r, runs).forEach(p::add);
        }
        legendRuns(p, runs);
        Color grey = Ink.THEORY.color();
        p.add(key("a (signal)", grey, Series.Dash.SOLID));
        p.add(key("b (spike)", grey, Series.Dash.DASHED));
        p.add(key(rms ? "bulk rms" : "c (bulk)", grey, Series.Dash.DOTTED));
        legendMarks(p, runs);
        return figure("coefficients", "", p.build(), HEIGHT);
    }

    /** Each run's events as markers on the curve they concern, in the run's colour. */
    private static List<Series> eventsOf(Drawn r, List<Drawn> runs) {
        List<Series> out = new ArrayList<>();
        boolean flows = flows(runs);
        for (Mark m : Mark.values()) {
            List<double[]> at = new ArrayList<>();
            for (StageEvent e : r.t().events()) {
                if (e.name().equals(m.event)) {
                    double v = Math.abs(m.on == Column.B ? e.b() : e.a());
                    at.add(new double[] {flows ? e.t() : e.step(), v});
                }
            }
            if (m == Mark.DIVERGED && r.t().outcome().diverged() && at.isEmpty()) {
                at.add(new double[] {flows ? r.t().outcome().t() : r.t().outcome().step(), last(r.a())});
            }
            if (!at.isEmpty()) {
                out.add(points("", r.color(), at).points(m.marker));
            }
        }
        return out;
    }

    private static double last(double[] v) {
        for (int i = v.length - 1; i >= 0; i--) {
            if (Double.isFinite(v[i])) {
                return v[i];
            }
        }
        return Double.NaN;
    }

    // ----- alignment and loss

    private static Figure alignment(List<Drawn> runs) {
        double[] xr = xRange(runs);
        String x = flows(runs) ? "t" : "step";
        Panel.Builder top = Panel.builder("alignment", Axis.linear(x).range(xr[0], xr[1]),
                Axis.linear("alignment").range(0, 1.02));
        double eps = runs.get(0).shown().run().alignEps();
        top.horizontal(1 - eps, "aligned: alignment >= " + fmt(1 - eps), Ink.REFERENCE);
        for (Drawn r : runs) {
            top.add(overTime("", r.color(), r.x(), r.alignment()).withWidth(2.2f));
            List<double[]> at = new ArrayList<>();
            for (StageEvent e : r.t().events()) {
                if (e.name().equals(Stages.ALIGNED)) {
                    at.add(new double[] {flows(runs) ? e.t() : e.step(), aligned(r, e)});
                }
            }
            if (!at.isEmpty()) {
                top.add(points("", r.color(), at).points(Series.Marker.DIAMOND));
            }
        }
        legendRuns(top, runs);
        double[] lr = lossRange(runs);
        Panel.Builder bottom = Panel.builder("loss", Axis.linear(x).range(xr[0], xr[1]), Axis.log("loss").range(lr[0], lr[1]));
        for (Drawn r : runs) {
            bottom.add(overTime("", r.color(), r.x(), r.loss()).withWidth(2.2f));
        }
        return new Figure("alignment", "", "", 1, List.of(top.build(), bottom.build()), WIDTH, 560);
    }

    /** The alignment at an event's row (the event records the coefficients, not the alignment). */
    private static double aligned(Drawn r, StageEvent e) {
        return r.threeGroup().map(m -> m.alignment(e.a(), e.b(), e.c())).orElse(1 - r.shown().run().alignEps());
    }

    // ----- stage I

    private static Figure stageOne(List<Drawn> runs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Drawn r : runs) {
            double[] ra = logRange(List.of(r), false);
            lo = Math.min(lo, ra[0]);
            hi = Math.max(hi, ra[1]);
        }
        double[] range = padded(lo, Math.max(hi, 1));
        lo = range[0];
        hi = range[1];
        boolean fields = runs.stream().allMatch(r -> r.threeGroup().isPresent());
        String title = fields ? "stage I: (a, b), log-log" : "(a, b): no field, a, b and bulk rms only";
        Panel.Builder p = Panel.builder(title, Axis.log("|a| (signal)").range(lo, hi), Axis.log("|b| (spike)").range(lo, hi));
        List<String> notes = new ArrayList<>();
        if (fields) {
            for (boolean spectral : new boolean[] {false, true}) {
                Optional<Drawn> first = runs.stream().filter(r -> r.spectralField() == spectral).findFirst();
                if (first.isPresent()) {
                    Drawn r = first.get();
                    p.add(PhaseFields.stageOne(r.threeGroup().orElseThrow(), lo, hi, STAGE1_GRID, spectral,
                            PhaseFields.firstPassage(r.a(), r.c())));
                    notes.add((spectral ? "SpecGF" : "GF") + " on c = c(a) of " + r.label());
                }
            }
        } else {
            notes.add(runs.get(0).shown().run().model().isPresent()
                    ? "K groups: the state has a coefficient per group; no plane holds a field"
                    : "full engine: the state is a matrix; no plane holds a field");
        }
        double[] diagonal = {lo, hi};
        p.add(Series.line("a = b", Ink.REFERENCE, diagonal, diagonal).withDash(Series.Dash.DASHED).withWidth(1.2f));
        for (Drawn r : runs) {
            p.add(path(r.label(), r.color(), r.a(), r.b(), true, lo, hi, true, lo, hi).withWidth(2.4f));
        }
        return figure("stage1", (fields ? "arrows: " : "") + String.join("; ", notes), p.build(), HEIGHT + 30);
    }

    // ----- stage II

    private static Figure stageTwo(List<Drawn> runs) {
        double aHi = 1.05;
        double cLo = Double.POSITIVE_INFINITY;
        double cHi = 0;
        for (Drawn r : runs) {
            for (int i = 0; i < r.a().length; i++) {
                if (Double.isFinite(r.a()[i])) {
                    aHi = Math.max(aHi, Math.min(r.a()[i] * 1.05, 3));
                }
            }
            double[] cr = range(r.c());
            cLo = Math.min(cLo, cr[0]);
            cHi = Math.max(cHi, cr[1]);
        }
        double[] cr = padded(cLo, cHi);
        cLo = cr[0];
        cHi = cr[1];
        boolean rms = runs.stream().anyMatch(Drawn::bulkRms);
        boolean fields = runs.stream().allMatch(r -> r.threeGroup().isPresent());
        String title = fields ? "stage II: (a, c)" : "(a, bulk rms): no field, a, b and bulk rms only";
        Panel.Builder p = Panel.builder(title, Axis.linear("a (signal)").range(0, aHi),
                Axis.log(rms ? "bulk rms" : "|c| (bulk)").range(cLo, cHi));
        List<String> notes = new ArrayList<>();
        if (fields) {
            ReducedModel model = runs.get(0).threeGroup().orElseThrow();
            Spectrum sp = model.spectrum();
            double fLo = cLo * Math.pow(cHi / cLo, 0.05);
            double fHi = cLo * Math.pow(cHi / cLo, 0.9);
            for (boolean spectral : new boolean[] {false, true}) {
                Optional<Drawn> first = runs.stream().filter(r -> r.spectralField() == spectral).findFirst();
                if (first.isEmpty()) {
                    continue;
                }
                DoubleBinaryOperator spike;
                if (spectral) {
                    double ratio = Math.sqrt(sp.lp() / sp.lu());
                    spike = (a, c) -> c * ratio;
                    notes.add("SpecGF on its sliding section b^2 = lp c^2 / lu");
                } else {
                    DoubleUnaryOperator b = PhaseFields.firstPassage(first.get().a(), first.get().b());
                    spike = (a, c) -> b.applyAsDouble(a);
                    notes.add("GF on b = b(a) of " + first.get().label());
                }
                p.add(PhaseFields.stageTwo(model, 0.04 * aHi, 0.96 * aHi, fLo, fHi, STAGE2_A, STAGE2_C, spectral, spike));
            }
            if (runs.stream().anyMatch(Drawn::spectralField)) {
                int n = 120;
                double[] a = new double[n];
                double[] branch = new double[n];
                long d = model.d();
                for (int i = 0; i < n; i++) {
                    a[i] = 1.0 * i / (n - 1);
                    branch[i] = Math.sqrt(sp.lt() * (1 - a[i]) * (1 + a[i]) / ((d + 1) * sp.lp()));
                }
                p.add(Series.line("h_c = 0 (SpecGF's sliding branch)", Ink.THEORY, a, branch).withDash(Series.Dash.DASHED)
                        .withWidth(1.4f));
            }
        } else {
            notes.add(runs.get(0).shown().run().model().isPresent()
                    ? "K groups: the state has a coefficient per group; no plane holds a field"
                    : "full engine: the state is a matrix; no plane holds a field");
        }
        for (Drawn r : runs) {
            p.add(path(r.label(), r.color(), r.a(), r.c(), false, 0, aHi, true, cLo, cHi).withWidth(2.4f));
        }
        return figure("stage2", (fields ? "arrows: " : "") + String.join("; ", notes), p.build(), HEIGHT + 30);
    }

    // ----- parts

    /** A curve over time, thinned to its envelope; log-axis values are magnitudes already. */
    private static Series overTime(String label, Color color, double[] x, double[] y) {
        int[] rows = Thinning.envelope(y, BUCKETS);
        return new Series(label, color, Series.Dash.SOLID, 2f, Series.Marker.NONE, Thinning.pick(x, rows),
                Thinning.pick(y, rows));
    }

    /** A path in a plane, thinned to about a pixel. */
    private static Series path(String label, Color color, double[] x, double[] y, boolean xLog, double xLo, double xHi,
                               boolean yLog, double yLo, double yHi) {
        int[] rows = Thinning.path(x, y, xLog, xLo, xHi, yLog, yLo, yHi, PATH_STEP);
        return new Series(label, color, Series.Dash.SOLID, 2f, Series.Marker.NONE, Thinning.pick(x, rows),
                Thinning.pick(y, rows));
    }

    private static Series points(String label, Color color, List<double[]> at) {
        double[] x = new double[at.size()];
        double[] y = new double[at.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = at.get(i)[0];
            y[i] = at.get(i)[1];
        }
        return new Series(label, color, Series.Dash.NONE, 1f, Series.Marker.CIRCLE, x, y);
    }

    /** A legend entry with no data. */
    private static Series key(String label, Color color, Series.Dash dash) {
        return new Series(label, color, dash, 1.6f, Series.Marker.NONE, new double[0], new double[0]);
    }

    private static void legendRuns(Panel.Builder p, List<Drawn> runs) {
        for (Drawn r : runs) {
            p.add(key(r.label(), r.color(), Series.Dash.SOLID).withWidth(2.4f));
        }
    }

    private static void legendMarks(Panel.Builder p, List<Drawn> runs) {
        for (Mark m : Mark.values()) {
            boolean any = runs.stream().anyMatch(r -> r.t().events().stream().anyMatch(e -> e.name().equals(m.event))
                    || (m == Mark.DIVERGED && r.t().outcome().diverged()));
            if (any) {
                p.add(key(m.label, Ink.THEORY.color(), Series.Dash.NONE).points(m.marker));
            }
        }
    }

    private static double[] xRange(List<Drawn> runs) {
        double hi = 0;
        for (Drawn r : runs) {
            for (double v : r.x()) {
                if (Double.isFinite(v)) {
                    hi = Math.max(hi, v);
                }
            }
        }
        return new double[] {0, hi > 0 ? hi : 1};
    }

    /** The smallest and largest positive finite value, or {inf, 0} if none. */
    private static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double x : v) {
            if (Double.isFinite(x) && x > 0) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return new double[] {lo, hi};
    }

    /** The {@link #padded} log range over the runs' a, b and (with {@code bulk}) c. */
    private static double[] logRange(List<Drawn> runs, boolean bulk) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Drawn r : runs) {
            List<double[]> columns = bulk ? List.of(r.a(), r.b(), r.c()) : List.of(r.a(), r.b());
            for (double[] column : columns) {
                double[] cr = range(column);
                lo = Math.min(lo, cr[0]);
                hi = Math.max(hi, cr[1]);
            }
        }
        return padded(lo, hi);
    }

    private static double[] lossRange(List<Drawn> runs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Drawn r : runs) {
            double[] cr = range(r.loss());
            lo = Math.min(lo, cr[0]);
            hi = Math.max(hi, cr[1]);
        }
        return padded(lo, hi);
    }

    /**
     * A log range around the positive values from {@code lo} to {@code hi}, a third of a decade beyond each end,
     * no deeper than {@link #DECADES} below the top, at least two decades (a log axis of fewer is drawn linear), and no
     * wider than {@link #MIN_DRAWN} to {@link #MAX_DRAWN}.
     */
    private static double[] padded(double lo, double hi) {
        if (!(hi > 0) || !Double.isFinite(hi)) {
            return new double[] {1e-3, 1};
        }
        hi = Math.min(Math.max(hi * 1.5, MIN_DRAWN * 100), MAX_DRAWN);
        lo = Math.max(lo, hi * Math.pow(10, -DECADES)) / 1.5;
        return new double[] {Math.max(Math.min(lo, hi / 100), MIN_DRAWN), hi};
    }

    private static Figure figure(String id, String caption, Panel panel, int height) {
        return new Figure(id, "", caption, 1, List.of(panel), WIDTH, height);
    }

    private static String svg(Figure figure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            FigureRenderer.svg(figure, out, 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inline(out.toString(StandardCharsets.UTF_8));
    }

    /**
     * The {@code <svg>} element alone, without the XML declaration and the DOCTYPE (whose DTD a parser would
     * fetch from the network): a page puts it in its HTML as it is.
     */
    static String inline(String svg) {
        int at = svg.indexOf("<svg");
        return at < 0 ? svg : svg.substring(at);
    }

    // ----- words

    /**
     * The run's stage events and steps to alignment in words, in the order they happened, for example
     * {@code GD, lr 0.02: escaped at step 45 (its mean output reached a tenth of the
     * teacher's); the spike peaked at step 73 (|b| = 0.31); aligned (alignment >= 0.99) at step 120; ...}.
     */
    public static String words(Shown shown) {
        Trajectory t = shown.trajectory();
        boolean discrete = shown.run().algorithm().isDiscrete();
        double eps = shown.run().alignEps();
        List<String> parts = new ArrayList<>();
        for (StageEvent e : t.events()) {
            String when = discrete ? "step " + e.step() : "t = " + fmt(e.t());
            String name = e.name();
            if (name.equals(Stages.ESCAPED)) {
                parts.add("escaped at " + when + " (the mean output reached a tenth of the teacher's; a = "
                        + fmt(e.a()) + ")");
            } else if (name.equals(Stages.SPIKE_PEAK)) {
                parts.add("the spike peaked at " + when + " (|b| = " + fmt(Math.abs(e.b())) + ")");
            } else if (name.equals(Stages.MEAN_MATCHED)) {
                parts.add("the mean output first matched the teacher's at " + when);
            } else if (name.equals(Stages.ALIGNED)) {
                parts.add("aligned (alignment >= " + fmt(1 - eps) + ") at " + when);
            } else if (name.equals(Stages.DIVERGED)) {
                continue;
            } else if (name.startsWith("slide-start:")) {
                parts.add(group(name) + " began to slide on its switching surface at " + when);
            } else if (name.startsWith("slide-end:")) {
                parts.add(group(name) + " left its switching surface at " + when);
            } else if (name.startsWith("cross:")) {
                parts.add(group(name) + " crossed its switching surface at " + when);
            } else {
                parts.add(name + " at " + when);
            }
        }
        StringBuilder s = new StringBuilder(shown.run().label()).append(": ");
        s.append(parts.isEmpty() ? "no stage event" : String.join("; ", parts)).append(". ");
        String end = discrete ? "step " + t.outcome().step() : "t = " + fmt(t.outcome().t());
        if (t.outcome().diverged()) {
            s.append("Diverged at ").append(end);
            if (!t.outcome().detail().isEmpty()) {
                s.append(" (").append(t.outcome().detail()).append(')');
            }
            s.append('.');
        } else if (t.outcome().status() == io.specdyn.trajectory.Outcome.Status.FAILED) {
            s.append("The integrator stopped at ").append(end).append(" (").append(t.outcome().detail()).append(").");
        } else {
            if (alignedStep(t).isEmpty()) {
                s.append("Not aligned (alignment >= ").append(fmt(1 - eps)).append(") by ").append(end).append(". ");
            }
            int n = t.size() - 1;
            s.append("At ").append(end).append(": alignment ").append(fmt(t.get(Column.ALIGNMENT, n))).append(", loss ")
                    .append(fmt(t.get(Column.LOSS, n))).append('.');
        }
        return s.toString();
    }

    /** "the signal", "the spike", "the bulk" or "group k" of an event name such as {@code slide-start:b}. */
    private static String group(String event) {
        String g = event.substring(event.indexOf(':') + 1);
        return switch (g) {
            case "a" -> "the signal";
            case "b" -> "the spike";
            case "c" -> "the bulk";
            default -> "group " + g;
        };
    }

    /** Three significant digits, as a reader reads them. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        double m = Math.abs(v);
        String s = m >= 1e-3 && m < 1e5 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.2e", v);
        if (s.contains("e")) {
            String[] p = s.split("e");
            return p[0].replaceAll("\\.?0+$", "") + "e" + Integer.parseInt(p[1]);
        }
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
    }

    // ----- summaries

    /** The views' summaries of each run, for the page: label, command, outcome, steps to alignment, events, words. */
    static List<Map<String, Object>> summaries(List<Shown> runs) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Shown r : runs) {
            Trajectory t = r.trajectory();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", r.run().label());
            m.put("algo", r.run().algorithm().label());
            m.put("command", r.run().command());
            m.put("status", t.outcome().status().label());
            OptionalLong aligned = alignedStep(t);
            m.put("aligned_step", aligned.isPresent() ? aligned.getAsLong() : null);
            m.put("diverged_step", t.outcome().diverged() ? t.outcome().step() : null);
            List<Map<String, Object>> events = new ArrayList<>();
            for (StageEvent e : t.events()) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("name", e.name());
                ev.put("step", e.step());
                ev.put("t", e.t());
                events.add(ev);
            }
            m.put("events", events);
            m.put("rows", t.size());
            m.put("words", words(r));
            list.add(m);
        }
        return list;
    }
}
