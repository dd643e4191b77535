package io.specdyn.experiments;

import io.specdyn.analysis.Grid;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * F12: GD against SpecGD, each at its own best learning rate, for spike strengths up to
 * kappa = 1000 at d = 100: the best rates, the fewest steps to alignment, and GD's steps over
 * SpecGD's.
 */
final class F12Speedup implements Experiment {
    /** The start is jittered to s (1 + j JITTER) for |j| = 1 ... JITTERS, as in a sweep's summary. */
    private static final int JITTERS = SweepSummary.SENSITIVITY_JITTERS;
    private static final double JITTER = SweepSummary.SENSITIVITY_JITTER;
    private static final String KAPPAS = "0,1,2,3,5,7,10,15,20,30,50,70,100,150,200,300,500,700,1000";

    static SweepSpec spec(boolean quick) {
        return new SweepSpec("reduced", List.of(Algorithm.GD, Algorithm.SPECGD), new int[] {100},
                Grid.parse("kappa", quick ? "0,5,50,1000" : KAPPAS),
                Grid.parse("lr", quick ? "1e-5:1:log26" : "1e-5:1:log101"), 1, quick ? 20_000 : 100_000, 100, 0.01, 0,
                "iso", 1e-3, 0);
    }

    @Override
    public String id() {
        return "F12";
    }

    @Override
    public String name() {
        return "F12-speedup-against-kappa";
    }

    @Override
    public String title() {
        return "F12. GD against SpecGD at each one's best learning rate, kappa up to 1000";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        return SweepExperiment.parameters(spec(quick));
    }

    @Override
    public Figure build(boolean quick) {
        SweepSpec spec = spec(quick);
        SweepSummary summary = SweepExperiment.run(spec);
        SweepSummary.Spread[] spread = SweepExperiment.spread(summary, JITTERS, JITTER);
        List<Panel> panels = new ArrayList<>();
        panels.add(SweepReport.bestLearningRatePanel(summary));
        panels.addAll(SweepReport.headlinePanels(summary));
        panels.add(spreadPanel(panels.get(1).x(), spread, summary.spec().kappas()));
        return new Figure(name(), title(), SweepReport.context(spec) + ", d = 100, lr 1e-5 ... 1 (20 per decade). Last "
                + "panel: the best step count over " + (2 * JITTERS + 1) + " starts s (1 + j 1e-14), |j| <= " + JITTERS + ".",
                2, panels, 1500, 1150);
    }

    /**
     * Most minus fewest best steps over the jittered starts, against kappa: GD's best count is chaotic near its
     * stability edge, SpecGD's is not.
     */
    private static Panel spreadPanel(Axis kappaAxis, SweepSummary.Spread[] spread, double[] kappas) {
        Panel.Builder p = Panel.builder("spread of the best step count under a 1e-14 jitter of the start", kappaAxis,
                Axis.linear("most - fewest steps to alignment"));
        int n = kappas.length;
        for (int a = 0; a < 2; a++) {
            List<double[]> points = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                SweepSummary.Spread s = spread[a * n + k];
                if (s.fewest() >= 0) {
                    points.add(new double[] {kappaAxis.log() ? 1 + kappas[k] : kappas[k], s.most() - s.fewest()});
                }
            }
            p.add(Plot.points(a == 0 ? "GD" : "SpecGD", a == 0 ? Ink.GD : Ink.SPECGD, points)
                    .withMarker(a == 0 ? Series.Marker.CIRCLE : Series.Marker.SQUARE));
        }
        return p.build();
    }
}
