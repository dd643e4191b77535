package io.specdyn.experiments;

import io.specdyn.analysis.Grid;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import io.specdyn.figures.Figure;
import io.specdyn.model.Algorithm;
import java.util.List;
import java.util.Map;

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
        return new Figure(name(), title(), SweepReport.context(spec) + ".", 2,
                List.of(SweepReport.regimePanel(summary, Algorithm.GD, 100),
                        SweepReport.regimePanel(summary, Algorithm.SPECGD, 100)), 1300, 640);
    }
}
