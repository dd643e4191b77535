package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.io.Numbers;
import io.specdyn.model.Algorithm;
import io.specdyn.model.LearningRate;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.reduced.DiscreteMaps;
import io.specdyn.rules.MomentumGd;
import io.specdyn.rules.Muon;
import io.specdyn.rules.RuleSettings;
import io.specdyn.rules.SpecGd;
import io.specdyn.rules.Rules;
import io.specdyn.rules.UpdateRule;
import io.specdyn.trajectory.Stages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F15: the family of update rules on the spiked problem (reduced engine, d = 100, {@code W0 = s I}),
 * each rule at its own best learning rate: the one of a log grid that reaches the {@code aligned} event
 * (alignment 0.99) in the fewest steps. Panel 1: alignment over steps at kappa = 5; panel 2: the spike's
 * largest {@code |b|} on the way to alignment against kappa; panel 3: the fewest steps against kappa; panel
 * 4: the best rates; panel 5: how far the fewest steps move when the start is changed in its last digits
 * (as F12's last panel). Adam and signGD depend on the basis and run as on the coordinate eigenbasis
 * ({@code theory-notes/update-rules.md}, section 4).
 */
final class F15RuleFamily implements Experiment {
    static final int D = 100;
    static final double S = 1e-3;
    /** Panel 1's spike strength. */
    static final double KAPPA = 5;
    /** The learning-rate grid: {@code 10^-4 ... 1}, {@link #PER_DECADE} per decade. */
    static final double LR_LOW = 1e-4;
    static final double LR_HIGH = 1;
    static final int PER_DECADE = 8;
    /** The steps budget of a run: a rate that does not align within it does not count. */
    static final long BUDGET = 5000;
    /** Steps over which an alignment of 0.99 must hold to count, as in the sweeps. */
    static final int HOLD = 100;
    /** The spread panel reruns the search from the starts {@code S (1 + j JITTER)}, {@code |j| <= JITTERS}, as F12. */
    static final int JITTERS = io.specdyn.analysis.SweepSummary.SENSITIVITY_JITTERS;
    static final double JITTER = io.specdyn.analysis.SweepSummary.SENSITIVITY_JITTER;
    static final double[] KAPPAS = {1, 2, 3, 5, 7, 10, 20, 30, 50, 70, 100};
    static final double[] KAPPAS_QUICK = {1, 5, 50, 100};

    /** One rule of the family, with how its curves are drawn. */
    record Variant(String name, UpdateRule rule, Series.Dash dash, Series.Marker marker) {
        Ink ink() {
            return Ink.of(rule.algorithm());
        }
    }

    /** The family, in the order of the legends. */
    static List<Variant> family() {
        Muon muon = Muon.published();
        return List.of(
                new Variant(Algorithm.GD.displayName(), Rules.of(Algorithm.GD), Series.Dash.SOLID, Series.Marker.CIRCLE),
                new Variant(Algorithm.SPECGD.displayName(), Rules.of(Algorithm.SPECGD), Series.Dash.SOLID,
                        Series.Marker.SQUARE),
                new Variant(Algorithm.MUON.displayName() + " (Newton-Schulz, as published)", muon, Series.Dash.SOLID,
                        Series.Marker.TRIANGLE),
                new Variant(Algorithm.MUON.displayName() + " (exact polar factor)",
                        new Muon(muon.beta(), muon.nesterov(), muon.steps(), muon.eps(), false, true), Series.Dash.DASHED,
                        Series.Marker.DIAMOND),
                new Variant(Algorithm.MOMENTUM.displayName() + " (heavy ball)",
                        new MomentumGd(MomentumGd.DEFAULT_BETA, false), Series.Dash.SOLID, Series.Marker.CIRCLE),
                new Variant(Algorithm.MOMENTUM.displayName() + " (Nesterov)", new MomentumGd(MomentumGd.DEFAULT_BETA, true),
                        Series.Dash.DASHED, Series.Marker.SQUARE),
                new Variant(Algorithm.NGD.displayName(), Rules.of(Algorithm.NGD), Series.Dash.SOLID, Series.Marker.CROSS),
                new Variant(Algorithm.ADAM.displayName(), Rules.of(Algorithm.ADAM, RuleSettings.DEFAULTS), Series.Dash.SOLID,
                        Series.Marker.TRIANGLE),
                new Variant(Algorithm.SIGNGD.displayName(), Rules.of(Algorithm.SIGNGD), Series.Dash.SOLID,
                        Series.Marker.DIAMOND));
    }

    static double[] rates() {
        int n = (int) Math.round(Math.log10(LR_HIGH / LR_LOW) * PER_DECADE) + 1;
        return Plot.logspace(LR_LOW, LR_HIGH, n);
    }

    static double[] kappas(boolean quick) {
        return quick ? KAPPAS_QUICK : KAPPAS;
    }

    /**
     * One run's confirmed alignment: the step {@code k0} from which the alignment stays at least 0.99 through
     * {@code k0 + HOLD} (-1 if no such step starts within the run's budget, or the run diverged), and the largest
     * {@code |b|} over steps {@code 0..k0} (over the whole run if it did not align).
     */
    record Run(long aligned, double peakB) {
    }

    /**
     * Runs {@code rule} at rate {@code lr} from {@code W0 = s I}: a confirmed alignment must start by step
     * {@code maxSteps}; its confirmation may run {@link #HOLD} steps beyond. The sweeps' rule
     * ({@code theory-notes/sweeps.md}, section 1): a transient crossing of 0.99 does not count.
     */
    static Run run(ReducedModel model, UpdateRule rule, double s, double lr, long maxSteps) {
        double threshold = 1 - Stages.DEFAULT_ALIGN_EPS;
        long[] candidate = {-1};
        double[] peak = {0, Double.NaN};
        boolean[] diverged = {false};
        DiscreteMaps.iterate(model, rule, LearningRate.CONSTANT, lr, maxSteps + HOLD,
                State.isotropic(model.size(), s).toArray(), (k, map) -> {
                    if (map.divergent()) {
                        diverged[0] = true;
                        return false;
                    }
                    peak[0] = Math.max(peak[0], Math.abs(map.spike()));
                    if (map.alignment() >= threshold) {
                        if (candidate[0] < 0) {
                            candidate[0] = k;
                            peak[1] = peak[0];
                        }
                        return k < candidate[0] + HOLD;
                    }
                    candidate[0] = -1;
                    return k < maxSteps;
                });
        boolean confirmed = !diverged[0] && candidate[0] >= 0;
        return new Run(confirmed ? candidate[0] : -1, confirmed ? peak[1] : peak[0]);
    }

    /** A rule's best rate on the grid: fewest steps to alignment, the smallest rate among ties; steps -1 if none aligns. */
    record Best(double lr, long steps, double peakB) {
        boolean found() {
            return steps >= 0;
        }
    }

    /**
     * The best rate of {@code rule} on {@link #rates()} within {@link #BUDGET} steps, from {@code W0 = s I}. The rates are tried from the
     * largest down, each run cut off once it is past the fewest steps so far (it cannot beat them), so that the
     * small rates, which need many steps, cost little.
     */
    static Best best(ReducedModel model, UpdateRule rule, double s) {
        double[] lrs = rates();
        long fewest = -1;
        double bestLr = Double.NaN;
        for (int i = lrs.length - 1; i >= 0; i--) {
            Run r = run(model, rule, s, lrs[i], fewest < 0 ? BUDGET : fewest);
            if (r.aligned() >= 0 && (fewest < 0 || r.aligned() <= fewest)) {
                fewest = r.aligned();
                bestLr = lrs[i];
            }
        }
        if (fewest < 0) {
            return new Best(Double.NaN, -1, Double.NaN);
        }
        return new Best(bestLr, fewest, run(model, rule, s, bestLr, fewest).peakB());
    }

    @Override
    public String id() {
        return "F15";
    }

    @Override
    public String name() {
        return "F15-rule-family";
    }

    @Override
    public String title() {
        return "F15. The family of update rules on the spiked problem, each at its best learning rate";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced (discrete maps)");
        p.put("d", D);
        p.put("init-scale", S);
        p.put("kappa", kappas(quick));
        p.put("kappa-alignment-panel", KAPPA);
        p.put("lr", Numbers.format(LR_LOW) + " ... " + Numbers.format(LR_HIGH) + ", " + PER_DECADE + " per decade");
        p.put("steps-budget", BUDGET);
        p.put("best", "fewest steps to alignment >= " + (1 - Stages.DEFAULT_ALIGN_EPS) + ", held for " + HOLD
                + " steps; the smallest rate among ties");
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Variant v : family()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", v.name());
            r.put("algo", v.rule().algorithm().label());
            r.put("settings", new java.util.TreeMap<>(v.rule().settings()));
            rules.add(r);
        }
        p.put("rules", rules);
        p.put("basis", "adam and signgd: the eigenbasis is the coordinate basis");
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        List<Variant> family = family();
        double[] kappas = kappas(quick);
        int n = family.size();
        Best[][] best = new Best[n][kappas.length];
        long[][] spread = new long[n][kappas.length];
        for (int k = 0; k < kappas.length; k++) {
            ReducedModel model = ReducedModel.spiked(D, kappas[k]);
            for (int v = 0; v < n; v++) {
                best[v][k] = best(model, family.get(v).rule(), S);
                spread[v][k] = spread(model, family.get(v).rule(), best[v][k]);
            }
        }
        int at = java.util.Arrays.binarySearch(kappas, KAPPA);
        Best[] atKappa = new Best[n];
        for (int v = 0; v < n; v++) {
            atKappa[v] = best[v][at];
        }
        ReducedModel model = ReducedModel.spiked(D, KAPPA);
        List<Panel> panels = new ArrayList<>();
        panels.add(alignmentPanel(model, family, atKappa));
        panels.add(kappaPanel("the spike's largest |b| on the way to alignment, each rule at its best rate",
                Axis.log("largest |b| up to aligned"), family, kappas, best, b -> b.peakB()));
        panels.add(kappaPanel("fewest steps to alignment 0.99 (held 100 steps) over the rate grid", Axis.log("steps to aligned"), family,
                kappas, best, b -> b.steps()));
        panels.add(kappaPanel("the best learning rate (fewest steps)", Axis.log("best lr"), family, kappas, best,
                b -> b.lr()));
        panels.add(spreadPanel(family, kappas, best, spread));
        String caption = String.format(Locale.ROOT, "Reduced engine, spiked, d = %d, W0 = %s I. Best rate: fewest steps to "
                        + "alignment 0.99 held %d steps, lr %s ... %s (%d per decade), at most %d steps. Muon: beta %s, "
                        + "Nesterov; momentum GD: beta %s; Adam, signGD: coordinate basis.", D, Numbers.format(S), HOLD,
                Numbers.format(LR_LOW), Numbers.format(LR_HIGH), PER_DECADE, BUDGET, Numbers.format(Muon.DEFAULT_BETA),
                Numbers.format(MomentumGd.DEFAULT_BETA));
        return new Figure(name(), title(), caption, 2, panels, 1500, 1800);
    }

    /** Alignment against the step at kappa = {@link #KAPPA}, each rule at its best rate, to twice GD's steps. */
    private static Panel alignmentPanel(ReducedModel model, List<Variant> family, Best[] best) {
        long horizon = 0;
        for (Best b : best) {
            horizon = Math.max(horizon, b.steps());
        }
        horizon = 2 * horizon;
        Panel.Builder p = Panel.builder("kappa = " + F2StageOnePortrait.fmt(KAPPA) + ": alignment over steps at each rule's best rate "
                + "(signGD's run is SpecGD's, drawn wide beneath)", Axis.linear("step").range(0, horizon),
                Axis.linear("alignment").range(0, 1.02));
        for (int v = 0; v < family.size(); v++) {
            Variant variant = family.get(v);
            Best b = best[v];
            if (!b.found()) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            DiscreteMaps.iterate(model, variant.rule(), LearningRate.CONSTANT, b.lr(), horizon,
                    State.isotropic(model.size(), S).toArray(), (k, map) -> {
                        points.add(new double[] {k, map.alignment()});
                        return !map.divergent();
                    });
            p.add(Plot.points(String.format(Locale.ROOT, "%s: lr %.3g, %d steps", variant.name(), b.lr(), b.steps()),
                    variant.ink(), points).withDash(variant.dash()).withWidth(variant.rule() instanceof SpecGd ? 5f : 2f));
        }
        p.horizontal(1 - Stages.DEFAULT_ALIGN_EPS, "alignment 0.99 (aligned)", Ink.REFERENCE);
        return p.build();
    }

    /**
     * Most minus fewest best steps over the starts {@code S (1 + j JITTER)}, {@code |j| <= JITTERS} ({@code best}
     * is the one at j = 0); -1 if one of them finds no aligned rate. As in F12: where a rule's best count is set by
     * chaotic dynamics, a change in the last digits of the start moves it.
     */
    static long spread(ReducedModel model, UpdateRule rule, Best best) {
        if (!best.found()) {
            return -1;
        }
        long fewest = best.steps();
        long most = best.steps();
        for (int j = -JITTERS; j <= JITTERS; j++) {
            if (j != 0) {
                Best b = best(model, rule, S * (1 + j * JITTER));
                if (!b.found()) {
                    return -1;
                }
                fewest = Math.min(fewest, b.steps());
                most = Math.max(most, b.steps());
            }
        }
        return most - fewest;
    }

    private static Panel spreadPanel(List<Variant> family, double[] kappas, Best[][] best, long[][] spread) {
        Panel.Builder p = Panel.builder("spread of the fewest steps over " + (2 * JITTERS + 1) + " starts s (1 + j "
                + Numbers.format(JITTER) + "), |j| <= " + JITTERS, Axis.log("kappa (spike variance 1 + kappa)"),
                Axis.linear("most - fewest steps to aligned"));
        for (int v = 0; v < family.size(); v++) {
            Variant variant = family.get(v);
            List<double[]> points = new ArrayList<>();
            for (int k = 0; k < kappas.length; k++) {
                if (spread[v][k] >= 0) {
                    points.add(new double[] {kappas[k], spread[v][k]});
                }
            }
            p.add(Plot.points(variant.name(), variant.ink(), points).withDash(variant.dash()).withMarker(variant.marker())
                    .withWidth(1.8f));
        }
        return p.build();
    }

    private static Panel kappaPanel(String title, Axis y, List<Variant> family, double[] kappas, Best[][] best,
                                    java.util.function.ToDoubleFunction<Best> value) {
        Panel.Builder p = Panel.builder(title, Axis.log("kappa (spike variance 1 + kappa)"), y);
        for (int v = 0; v < family.size(); v++) {
            Variant variant = family.get(v);
            List<double[]> points = new ArrayList<>();
            for (int k = 0; k < kappas.length; k++) {
                if (best[v][k].found()) {
                    points.add(new double[] {kappas[k], value.applyAsDouble(best[v][k])});
                }
            }
            p.add(Plot.points(variant.name(), variant.ink(), points).withDash(variant.dash()).withMarker(variant.marker())
                    .withWidth(1.8f));
        }
        return p.build();
    }
}
