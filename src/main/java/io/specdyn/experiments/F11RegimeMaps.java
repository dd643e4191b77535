package io.specdyn.experiments;

import io.specdyn.analysis.Grid;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import io.specdyn.figures.Figure;
import io.specdyn.model.Algorithm;
import io.specdyn.analysis.RunClassifier;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * F11: the learning-rate regime maps of GD and SpecGD at d = 100, kappa 0 ... 50: steps to
 * alignment over (lr, kappa), diverged and stalled cells marked, each kappa's best rate in red.
 * The same computation as {@code specdyn sweep} with these settings.
 */
final class F11RegimeMaps implements Experiment {

    static SweepSpec spec(boolean quick) {
        return new SweepSpec("reduced", List.of(Algorithm.GD, Algorithm.SPECGD), new int[] {100},
                Grid.parse("kappa", quick ? "0:50:lin11" : "0:50:lin26"),
                Grid.parse("lr", quick ? "1e-4:1:log21" : "1e-4:1:log81"), 1, quick ? 20_000 : 100_000, 100, 0.01, 0,
                "iso", 1e-3, 0);
    }

    @Override
    public String id() {
        return "F11";
    }

    @Override
    public String name() {
        return "F11-regime-maps";
    }

    @Override
    public String title() {
        return "F11. Learning-rate regimes: steps to alignment over learning rate and kappa";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        return SweepExperiment.parameters(spec(quick));
    }

    @Override
    public Figure build(boolean quick) {
        SweepSpec spec = spec(quick);
        SweepSummary summary = SweepExperiment.run(spec);
        return new Figure(name(), title(), SweepReport.context(spec) + ". " + specgdSpread(summary, 0.05) + ".", 2,
                List.of(SweepReport.regimePanel(summary, Algorithm.GD, 100),
                        SweepReport.regimePanel(summary, Algorithm.SPECGD, 100)), 1500, 660);
    }

    /**
     * How much SpecGD's steps depend on kappa below rate {@code below}: at each rate where every kappa aligned,
     * the spread (largest minus smallest steps over kappa), and the largest spread in steps and relative to
     * the smallest count, each with its rate.
     */
    static String specgdSpread(SweepSummary summary, double below) {
        Map<Double, long[]> byRate = new TreeMap<>();
        for (SweepSummary.Point p : summary.points(Algorithm.SPECGD, summary.spec().dims()[0])) {
            if (p.lr() >= below) {
                continue;
            }
            long[] r = byRate.computeIfAbsent(p.lr(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 1});
            if (p.status() != RunClassifier.Status.ALIGNED) {
                r[2] = 0;
            } else {
                r[0] = Math.min(r[0], p.steps());
                r[1] = Math.max(r[1], p.steps());
            }
        }
        long worstSteps = -1;
        double worstStepsRate = Double.NaN;
        long worstStepsOf = 0;
        double worstRel = -1;
        double worstRelRate = Double.NaN;
        long worstRelSteps = 0;
        long worstRelOf = 0;
        for (Map.Entry<Double, long[]> e : byRate.entrySet()) {
            long[] r = e.getValue();
            if (r[2] == 0) {
                continue;
            }
            long spread = r[1] - r[0];
            if (spread > worstSteps) {
                worstSteps = spread;
                worstStepsRate = e.getKey();
                worstStepsOf = r[0];
            }
            double rel = (double) spread / r[0];
            if (rel > worstRel) {
                worstRel = rel;
                worstRelRate = e.getKey();
                worstRelSteps = spread;
                worstRelOf = r[0];
            }
        }
        if (worstSteps < 0) {
            return "SpecGD aligned at every kappa at no rate below " + below;
        }
        return String.format(Locale.ROOT, "SpecGD below rate %s: steps across kappa differ by at most %d (%.2f%%, "
                        + "rate %.3g) and %.1f%% (%d of %d, rate %.3g)", below, worstSteps,
                100.0 * worstSteps / worstStepsOf, worstStepsRate, 100 * worstRel, worstRelSteps, worstRelOf, worstRelRate);
    }
}
