package io.specdyn.experiments;

import io.specdyn.analysis.RunClassifier.Status;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.HeatMap;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures and the summary table of a finished sweep:
 *
 * <ul>
 *   <li>{@code regime-ALGO}: for each variant (a rule with its settings on the rule axes; the file
 *       name adds the settings of the axes with several values, as {@code regime-muon-beta0.9-cosine}),
 *       the learning rate x kappa map coloured by the steps to alignment, diverged and stalled cells
 *       marked, the best learning rate of each kappa marked red; one panel per dimension;</li>
 *   <li>{@code best-lr}: each variant's best learning rate against kappa;</li>
 *   <li>{@code headline}, for a sweep of two variants or more: each variant's fewest steps to alignment
 *       (at its best learning rate) against kappa, and, when GD and SpecGD both ran, GD's over SpecGD's
 *       at each schedule, with the line at 1;</li>
 *   <li>{@code summary.md}: the outcome counts, each variant's best learning rates and the headline as
 *       tables.</li>
 * </ul>
 * Each variant is drawn in its rule's colour ({@link Ink#of}); the variants of one rule differ by dash.
 *
 * Everything is a function of the summary, so the same sweep gives the same bytes. Kappa stands for
 * the sweep's shape axis: a power-law sweep draws and names alpha where a spiked one draws kappa.
 */
public final class SweepReport {
    private static final List<String> KIND_LABELS = List.of("", "diverged", "stalled (not aligned by max-steps)",
            "loss tolerance reached first");
    /** The best-learning-rate markers: red reads on every colour of the map and on the legend's white. */
    private static final Color BEST = new Color(0xE4, 0x1A, 0x1C);
    private static final Series.Dash[] DASHES = {Series.Dash.SOLID, Series.Dash.DASHED, Series.Dash.DOTTED,
        Series.Dash.DASH_DOT};
    private static final Series.Marker[] MARKERS = {Series.Marker.CIRCLE, Series.Marker.SQUARE,
        Series.Marker.TRIANGLE, Series.Marker.DIAMOND};

    private SweepReport() {
    }

    /** The figures, in the order listed above. */
    public static List<Figure> figures(SweepSummary summary) {
        List<Figure> figures = new ArrayList<>();
        for (SweepSpec.Variant variant : summary.spec().variants()) {
            figures.add(regimeMap(summary, variant));
        }
        figures.add(bestLearningRate(summary));
        if (summary.spec().variantCount() > 1) {
            figures.add(headline(summary));
        }
        return figures;
    }

    private static String name(SweepSpec spec, SweepSpec.Variant variant) {
        return variant.displayName(spec);
    }

    /**
     * The dash and marker of {@code variant}'s curve at the {@code j}-th d: both by d when its rule has one
     * variant (as before the rule axes existed); else the dash by the variant among its rule's, the marker by d.
     */
    private static Series style(Series series, SweepSpec spec, SweepSpec.Variant variant, int j) {
        List<SweepSpec.Variant> same = spec.variants().stream().filter(v -> v.algorithm() == variant.algorithm()).toList();
        int k = same.size() == 1 ? j : same.indexOf(variant);
        return series.withDash(DASHES[k % DASHES.length]).withMarker(MARKERS[j % MARKERS.length]);
    }

    /**
     * Whether kappa is drawn as the spike variance 1 + kappa on a log axis: when 1 + kappa spans two
     * decades or more. Otherwise kappa itself, linear.
     */
    private static boolean logKappa(SweepSpec spec) {
        if (spec.family() != SweepSpec.Family.SPIKED) {
            return false;
        }
        double lo = Arrays.stream(spec.kappas()).min().orElseThrow();
        double hi = Arrays.stream(spec.kappas()).max().orElseThrow();
        return (1 + hi) / (1 + lo) >= 100;
    }

    private static Axis shapeAxis(SweepSpec spec) {
        if (spec.family() == SweepSpec.Family.POWER_LAW) {
            long first = spec.signalIndex(spec.dims()[0]);
            boolean same = Arrays.stream(spec.dims()).allMatch(d -> spec.signalIndex(d) == first);
            return Axis.linear("alpha (eigenvalue i is (i/s)^-alpha, s = " + (same ? Long.toString(first) : "min(10, d)")
                    + ")");
        }
        return logKappa(spec) ? Axis.log("1 + kappa (spike variance)") : Axis.linear("kappa (the spike's variance is 1 + kappa)");
    }

    /** Where kappa (or alpha) goes on the kappa (or alpha) axis. */
    private static double shapeAt(SweepSpec spec, double shape) {
        return logKappa(spec) ? 1 + shape : shape;
    }

    /** One line on how the sweep's runs were set up and classified. */
    public static String context(SweepSpec spec) {
        return spec.engine() + " engine, W0 = " + g(spec.initScale()) + " I"
                + (spec.init().equals("gaussian") ? " (Gaussian)" : "") + ", aligned: alignment >= "
                + g(1 - spec.alignEps()) + " held " + spec.hold() + " steps, max-steps "
                + spec.maxSteps() + (spec.seeds() > 1 ? ", worst of " + spec.seeds() + " seeds" : "");
    }

    static Figure regimeMap(SweepSummary summary, SweepSpec.Variant algo) {
        SweepSpec spec = summary.spec();
        List<Panel> panels = new ArrayList<>();
        for (int d : spec.dims()) {
            panels.add(regimePanel(summary, algo, d));
        }
        int columns = Math.min(3, panels.size());
        // a name with settings leaves no room on one panel's width for the axes' names
        String title = name(spec, algo).equals(algo.algorithm().displayName())
                ? name(spec, algo) + ": steps to alignment over learning rate and " + spec.shapeName()
                : name(spec, algo) + ": steps to alignment";
        return new Figure("regime-" + algo.fileName(spec), title,
                context(spec), columns, panels, 560 * columns + 80, 520 * ((panels.size() + columns - 1) / columns) + 60);
    }

    /** The learning rate x kappa (or alpha) map of an algorithm that has one variant, at one d. */
    public static Panel regimePanel(SweepSummary summary, Algorithm algo, int d) {
        return regimePanel(summary, summary.only(algo), d);
    }

    /** The learning rate x kappa (or alpha) map of one variant at one d, the best rates marked. */
    public static Panel regimePanel(SweepSummary summary, SweepSpec.Variant algo, int d) {
        SweepSpec spec = summary.spec();
        List<SweepSummary.Point> points = summary.points(algo, d);
        int n = points.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        int[] kind = new int[n];
        for (int i = 0; i < n; i++) {
            SweepSummary.Point p = points.get(i);
            x[i] = p.lr();
            y[i] = shapeAt(spec, p.shape());
            v[i] = p.status() == Status.ALIGNED ? p.steps() : Double.NaN;
            kind[i] = switch (p.status()) {
                case ALIGNED -> HeatMap.VALUE;
                case DIVERGED -> HeatMap.DIVERGED;
                case STALLED -> HeatMap.MISSING;
                case CONVERGED -> HeatMap.OTHER;
            };
        }
        String problem = spec.family() == SweepSpec.Family.SPIKED ? "" : ", " + spec.family().label().replace('-', ' ');
        Panel.Builder panel = Panel.builder(name(spec, algo) + problem + ", d = " + d, Axis.log("learning rate"),
                shapeAxis(spec));
        panel.add(new HeatMap("steps to alignment", x, y, v, kind, KIND_LABELS));
        List<double[]> best = new ArrayList<>();
        for (SweepSummary.Best b : summary.best(algo, d)) {
            if (b.found()) {
                best.add(new double[] {b.lr(), shapeAt(spec, b.shape())});
            }
        }
        if (!best.isEmpty()) {
            panel.add(Plot.points("best learning rate of each " + spec.shapeName(), Ink.REFERENCE, best).points(Series.Marker.CIRCLE)
                    .withColor(BEST));
        }
        return panel.build();
    }

    static Figure bestLearningRate(SweepSummary summary) {
        return new Figure("best-lr", "Best learning rate against " + summary.spec().shapeName(), context(summary.spec()), 1,
                List.of(bestLearningRatePanel(summary)), 760, 560);
    }

    /** Each algorithm's best learning rate against kappa, one curve per d. */
    public static Panel bestLearningRatePanel(SweepSummary summary) {
        SweepSpec spec = summary.spec();
        Panel.Builder panel = Panel.builder("best learning rate (fewest steps to alignment)", shapeAxis(spec),
                Axis.log("learning rate"));
        for (SweepSpec.Variant algo : spec.variants()) {
            for (int j = 0; j < spec.dims().length; j++) {
                int d = spec.dims()[j];
                List<double[]> pts = new ArrayList<>();
                for (SweepSummary.Best b : summary.best(algo, d)) {
                    if (b.found()) {
                        pts.add(new double[] {shapeAt(spec, b.shape()), b.lr()});
                    }
                }
                panel.add(style(Plot.points(name(spec, algo) + (spec.dims().length > 1 ? ", d = " + d : ""),
                        Ink.of(algo.algorithm()), pts), spec, algo, j));
            }
        }
        return panel.build();
    }

    static Figure headline(SweepSummary summary) {
        boolean pairs = summary.spec().variants().stream()
                .allMatch(v -> v.algorithm() == Algorithm.GD || v.algorithm() == Algorithm.SPECGD);
        List<Panel> panels = headlinePanels(summary);
        return new Figure("headline", pairs && !summary.headline().isEmpty() ? "GD against SpecGD, each at its best "
                + "learning rate" : "Each rule at its best learning rate", context(summary.spec()), panels.size(),
                panels, panels.size() == 2 ? 1240 : 760, 580);
    }

    /**
     * Each variant's fewest steps to alignment against kappa, one curve per variant and d; and, when GD and
     * SpecGD both ran, their ratio at each schedule with the line at 1.
     */
    public static List<Panel> headlinePanels(SweepSummary summary) {
        SweepSpec spec = summary.spec();
        Panel.Builder steps = Panel.builder("fewest steps to alignment (each at its best learning rate)",
                shapeAxis(spec), Axis.log("steps to alignment"));
        int[] dims = spec.dims();
        List<SweepSchedule> schedules = new ArrayList<>();
        for (int i = 0; i < spec.rules().schedules().size(); i++) {
            schedules.add(new SweepSchedule(i, spec.rules().schedules().get(i)));
        }
        for (int j = 0; j < dims.length; j++) {
            int d = dims[j];
            String suffix = dims.length > 1 ? ", d = " + d : "";
            for (SweepSpec.Variant variant : spec.variants()) {
                List<double[]> pts = new ArrayList<>();
                for (SweepSummary.Best b : summary.best(variant, d)) {
                    if (b.found()) {
                        pts.add(new double[] {shapeAt(spec, b.shape()), b.steps()});
                    }
                }
                steps.add(style(Plot.points(name(spec, variant) + suffix, Ink.of(variant.algorithm()), pts), spec,
                        variant, j));
            }
        }
        List<SweepSummary.Headline> headline = summary.headline();
        if (headline.isEmpty()) {
            return List.of(steps.build());
        }
        Panel.Builder ratio = Panel.builder("GD steps / SpecGD steps (above 1: SpecGD faster)", shapeAxis(spec),
                Axis.log("ratio"));
        for (SweepSchedule schedule : schedules) {
            for (int j = 0; j < dims.length; j++) {
                int d = dims[j];
                String suffix = (schedules.size() > 1 ? ", " + schedule.rate().label() : "")
                        + (dims.length > 1 ? ", d = " + d : "");
                List<double[]> r = new ArrayList<>();
                for (SweepSummary.Headline h : headline) {
                    if (h.d() == d && h.gd().variant().schedule().equals(schedule.rate()) && Double.isFinite(h.ratio())) {
                        r.add(new double[] {shapeAt(spec, h.shape()), h.ratio()});
                    }
                }
                int k = schedules.size() > 1 ? schedule.index() : j;
                ratio.add(Plot.points("GD / SpecGD" + suffix, Ink.THEORY, r).withDash(DASHES[k % DASHES.length])
                        .withMarker(MARKERS[j % MARKERS.length]));
            }
        }
        ratio.horizontal(1, "equal", Ink.REFERENCE);
        return List.of(steps.build(), ratio.build());
    }

    /** A schedule of the sweep and its place on the schedule axis. */
    private record SweepSchedule(int index, io.specdyn.model.LearningRate rate) {
    }

    /** {@code summary.md}: the spec, the outcome counts and the comparison at the best learning rates. */
    public static String markdown(SweepSummary summary, String version) {
        SweepSpec spec = summary.spec();
        StringBuilder md = new StringBuilder();
        md.append("# Sweep summary\n\n");
        md.append("specdyn ").append(version).append(", ").append(spec.engine()).append(" engine, ")
                .append(spec.family() == SweepSpec.Family.SPIKED ? "" : spec.family().label() + " spectrum (eigenvalue i is "
                        + "(i/s)^-alpha, 1 on the signal at s = " + (spec.signalIndex() > 0 ? spec.signalIndex()
                        : "min(10, d)") + "), ")
                .append(spec.cellCount()).append(" cells: algo ")
                .append(String.join(", ", spec.algorithms().stream().map(Algorithm::label).toList()))
                .append(ruleAxes(spec))
                .append("; d ").append(axis(Arrays.stream(spec.dims()).asDoubleStream().toArray()))
                .append("; ").append(spec.shapeName()).append(" ").append(axis(spec.shapes())).append("; lr ").append(axis(spec.lrs()))
                .append("; seeds ").append(spec.seeds()).append(".\n\n");
        md.append("A run is *aligned* at step k when its alignment is at least ").append(g(1 - spec.alignEps()))
                .append(" from step k on, confirmed over ").append(spec.hold())
                .append(" more steps; it *stalls* if that does not start by step ").append(spec.maxSteps())
                .append("; it *diverges* at a non-finite value or a coefficient above 1e6")
                .append(spec.lossTol() > 0 ? "; it *converges* when the loss reaches " + g(spec.lossTol()) + " first"
                        : "").append(".")
                .append(spec.seeds() > 1 ? " A learning rate counts as aligned only if every seed aligned, with the "
                        + "largest of their steps." : "").append(" Start W0 = ").append(g(spec.initScale())).append(" I")
                .append(spec.init().equals("gaussian") ? " (Gaussian)" : "").append(". The alignment measures the "
                        + "direction of W^T W only: *loss after* is the loss at the end of the confirmation (step + "
                        + spec.hold() + "), which says whether the magnitude was learnt too.\n\n");
        String shape = spec.shapeName();
        md.append("## Outcomes (learning rate x " + shape + " x d points)\n\n| algo | aligned | converged | diverged | stalled |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (SweepSpec.Variant algo : spec.variants()) {
            int[] n = summary.counts(algo);
            md.append("| ").append(name(spec, algo)).append(" | ").append(n[Status.ALIGNED.ordinal()]).append(" | ")
                    .append(n[Status.CONVERGED.ordinal()]).append(" | ").append(n[Status.DIVERGED.ordinal()])
                    .append(" | ").append(n[Status.STALLED.ordinal()]).append(" |\n");
        }
        List<SweepSummary.Headline> headline = summary.headline();
        // every variant's best appears in one table: GD's and SpecGD's in the headline's, the others' here
        List<SweepSummary.Best> others = summary.best().stream().filter(b -> headline.isEmpty()
                || (b.algorithm() != Algorithm.GD && b.algorithm() != Algorithm.SPECGD)).toList();
        if (!others.isEmpty()) {
            md.append("\n## Best learning rates\n\n| algo | d | " + shape + " | best lr | steps | time | loss after |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n");
            for (SweepSummary.Best b : others) {
                md.append("| ").append(name(spec, b.variant())).append(" | ").append(b.d()).append(" | ").append(g(b.shape()))
                        .append(" | ").append(lr(b)).append(" | ").append(steps(b)).append(" | ")
                        .append(b.found() ? g(spec.time(b.variant(), b.lr(), b.steps())) : "-").append(" | ")
                        .append(loss(b)).append(" |\n");
            }
        }
        List<io.specdyn.model.LearningRate> schedules = spec.rules().schedules();
        for (io.specdyn.model.LearningRate schedule : schedules) {
            for (int d : spec.dims()) {
                if (headline.isEmpty()) {
                    break;
                }
                md.append("\n## GD against SpecGD at each one's best learning rate, d = ").append(d)
                        .append(schedules.size() > 1 ? ", schedule " + schedule.label() : "").append("\n\n");
                md.append("| " + shape + " | GD best lr | GD steps | GD loss after | SpecGD best lr | SpecGD steps | SpecGD loss after "
                        + "| GD / SpecGD |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                List<SweepSummary.Headline> rows = headline.stream()
                        .filter(h -> h.d() == d && h.gd().variant().schedule().equals(schedule)).toList();
                for (SweepSummary.Headline h : rows) {
                    md.append("| ").append(g(h.shape())).append(" | ").append(lr(h.gd())).append(" | ").append(steps(h.gd()))
                            .append(" | ").append(loss(h.gd())).append(" | ").append(lr(h.specgd())).append(" | ")
                            .append(steps(h.specgd())).append(" | ").append(loss(h.specgd())).append(" | ")
                            .append(Double.isFinite(h.ratio()) ? String.format(Locale.ROOT, "%.3f", h.ratio()) : "-")
                            .append(" |\n");
                }
                md.append("\n").append(crossings(rows, spec.family())).append("\n");
            }
        }
        if (summary.best().stream().anyMatch(SweepSummary.Best::atEdge)) {
            md.append("\n\\* best at an end of the swept learning rates: a wider range might find fewer steps.\n");
        }
        return md.toString();
    }

    /**
     * The comparison along kappa in words: where each algorithm needs fewer steps, where the ratio
     * last crosses 1, and how it grows beyond: the least-squares slope p of log ratio against
     * log(1 + kappa) over the kappas past the last crossing, when there are three or more spanning a
     * factor 3 in 1 + kappa.
     */
    static String crossings(List<SweepSummary.Headline> rows) {
        return crossings(rows, SweepSpec.Family.SPIKED);
    }

    /**
     * {@link #crossings(List)} along the shape axis of {@code family}: for a power law, alpha, without the
     * growth law in 1 + kappa.
     */
    static String crossings(List<SweepSummary.Headline> rows, SweepSpec.Family family) {
        String name = family.shape();
        List<SweepSummary.Headline> both = rows.stream().filter(h -> Double.isFinite(h.ratio())).toList();
        if (both.isEmpty()) {
            return "No " + name + " where both aligned.";
        }
        List<String> gdFaster = new ArrayList<>();
        List<String> ties = new ArrayList<>();
        int lastNotAbove = -1;
        for (int i = 0; i < both.size(); i++) {
            double r = both.get(i).ratio();
            if (r < 1) {
                gdFaster.add(g(both.get(i).shape()));
            } else if (r == 1) {
                ties.add(g(both.get(i).shape()));
            }
            if (r <= 1) {
                lastNotAbove = i;
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(gdFaster.isEmpty() ? "GD needs fewer steps at no " + name + " swept"
                : "GD needs fewer steps at " + name + " " + String.join(", ", gdFaster));
        if (!ties.isEmpty()) {
            out.append("; they tie at " + name + " ").append(String.join(", ", ties));
        }
        if (lastNotAbove == both.size() - 1) {
            return out.append("; SpecGD needs fewer steps at no " + name + " beyond the last of these.").toString();
        }
        SweepSummary.Headline first = both.get(lastNotAbove + 1);
        out.append("; SpecGD needs fewer steps at every " + name + " from ").append(g(first.shape())).append(" on");
        if (lastNotAbove >= 0) {
            out.append(" (the ratio last crosses 1 between " + name + " ").append(g(both.get(lastNotAbove).shape()))
                    .append(" and ").append(g(first.shape())).append(")");
        }
        List<SweepSummary.Headline> tail = both.subList(lastNotAbove + 1, both.size());
        if (family == SweepSpec.Family.SPIKED && tail.size() >= 3 && (1 + tail.get(tail.size() - 1).shape()) / (1 + tail.get(0).shape()) >= 3) {
            double mx = 0;
            double my = 0;
            for (SweepSummary.Headline h : tail) {
                mx += Math.log(1 + h.shape()) / tail.size();
                my += Math.log(h.ratio()) / tail.size();
            }
            double sxy = 0;
            double sxx = 0;
            for (SweepSummary.Headline h : tail) {
                double dx = Math.log(1 + h.shape()) - mx;
                sxy += dx * (Math.log(h.ratio()) - my);
                sxx += dx * dx;
            }
            out.append(String.format(Locale.ROOT, "; from there the ratio grows like (1 + kappa)^%.2f (least squares "
                    + "in log-log), to %s at kappa %s", sxy / sxx, g(tail.get(tail.size() - 1).ratio()),
                    g(tail.get(tail.size() - 1).shape())));
        }
        return out.append(".").toString();
    }

    /** The rule axes and fixed settings of the spec, for the summary's first line; empty without them. */
    private static String ruleAxes(SweepSpec spec) {
        SweepSpec.RuleAxes r = spec.rules();
        StringBuilder b = new StringBuilder();
        if (r.momentum().length > 0) {
            b.append("; momentum ").append(String.join(", ", Arrays.stream(r.momentum()).mapToObj(SweepReport::g).toList()))
                    .append(" (for the rules that take it)");
        }
        if (r.nsSteps().length > 0) {
            b.append("; ns-steps ").append(String.join(", ", Arrays.stream(r.nsSteps()).mapToObj(Integer::toString)
                    .toList())).append(" (muon)");
        }
        if (!r.schedules().equals(SweepSpec.RuleAxes.NONE.schedules())) {
            b.append("; schedule ").append(String.join(", ", r.schedules().stream()
                    .map(io.specdyn.model.LearningRate::label).toList()));
            io.specdyn.model.LearningRate first = r.schedules().get(0);
            if (first.warmup() > 0) {
                b.append(", warm-up ").append(first.warmup());
            }
            double floor = r.schedules().stream().mapToDouble(io.specdyn.model.LearningRate::lrMin).max().orElse(0);
            if (floor > 0) {
                b.append(", lr-min ").append(g(floor));
            }
            b.append(" (over the budget of ").append(spec.budget()).append(" steps)");
        }
        Map<String, Object> json = spec.toJson();
        for (String key : List.of("nesterov", "ns-eps", "ns-precision", "orthogonalizer", "beta1", "beta2", "adam-eps",
                "basis")) {
            if (json.containsKey(key)) {
                b.append("; ").append(key).append(' ').append(json.get(key));
            }
        }
        return b.toString();
    }

    private static String lr(SweepSummary.Best b) {
        return b.found() ? g(b.lr()) + (b.atEdge() ? "*" : "") : "-";
    }

    private static String loss(SweepSummary.Best b) {
        return b.found() ? String.format(Locale.ROOT, "%.2g", b.finalLoss()) : "-";
    }

    private static String steps(SweepSummary.Best b) {
        return b.found() ? Long.toString(b.steps()) : "none aligned";
    }

    private static String axis(double[] v) {
        if (v.length == 1) {
            return g(v[0]);
        }
        return g(v[0]) + " to " + g(v[v.length - 1]) + " (" + v.length + " values)";
    }

    /** Four significant digits, no trailing zeros. */
    static String g(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            String[] p = s.split("e");
            return p[0].replaceAll("\\.?0+$", "") + "e" + Integer.parseInt(p[1]);
        }
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
    }
}
