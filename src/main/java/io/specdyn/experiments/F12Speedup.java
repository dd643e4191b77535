package io.specdyn.experiments;

import io.specdyn.analysis.Grid;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Panel;
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
        List<Panel> panels = new ArrayList<>();
        panels.add(SweepReport.bestLearningRatePanel(summary));
        panels.addAll(SweepReport.headlinePanels(summary));
        return new Figure(name(), title(), SweepReport.context(spec) + ", d = 100, lr 1e-5 ... 1 (20 per decade).", 3,
                panels, 1860, 620);
    }
}
