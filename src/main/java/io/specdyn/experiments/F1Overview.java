package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** F1: a, b, c over time for SpecGD (top) and GD (bottom) at kappa = 5 (the paper's Figure 1, reconstructed). */
final class F1Overview implements Experiment {
    private static final int D = 100;
    private static final double KAPPA = 5;
    private static final double S = 1e-3;
    private static final double LR_SPEC = 1e-3;
    private static final double LR_GD = 1e-2;
    private static final double T_END = 4;

    @Override
    public String id() {
        return "F1";
    }

    @Override
    public String name() {
        return "F1-overview";
    }

    @Override
    public String title() {
        return "F1. Signal a, spike b and bulk c over time: SpecGD (top) and GD (bottom)";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced");
        p.put("d", D);
        p.put("kappa", KAPPA);
        p.put("init-scale", S);
        p.put("lr-specgd", LR_SPEC);
        p.put("lr-gd", LR_GD);
        p.put("t-end", T_END);
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        ReducedModel model = ReducedModel.spiked(D, KAPPA);
        Panel spec = panel(model, Algorithm.SPECGD, LR_SPEC, "SpecGD, learning rate eta = " + LR_SPEC);
        Panel gd = panel(model, Algorithm.GD, LR_GD, "GD, learning rate eta~ = " + LR_GD);
        return new Figure(name(), title(), "d = " + D + ", kappa = " + KAPPA + ", W0 = " + S
                + " I; every step drawn (SpecGD ends in 2-cycles: the bands). The paper's settings are unknown; these "
                + "are the project's.", 1, List.of(spec, gd),
                1100, 900);
    }

    private static Panel panel(ReducedModel model, Algorithm algo, double lr, String title) {
        Trajectory t = Runs.discrete(model, S, algo, lr, T_END);
        Ink ink = Ink.of(algo);
        // every step: SpecGD ends in a 2-cycle, and thinning to about every other row shows one phase of it,
        // jumping to the other wherever the rounded stride skips a row (the false drop at t = 3 before)
        int all = t.size();
        Panel.Builder p = Panel.builder(title, Axis.linear("t = step x learning rate").range(0, T_END),
                Axis.log("coefficient (magnitude)").range(1e-3, 2));
        p.add(Plot.magnitude("a (signal)", ink, t, Column.T, Column.A, all).withWidth(2.6f));
        p.add(Plot.magnitude("b (spike)", ink, t, Column.T, Column.B, all).withDash(Series.Dash.DASHED));
        p.add(Plot.magnitude("c (bulk)", ink, t, Column.T, Column.C, all).withDash(Series.Dash.DOTTED).withWidth(2.4f));
        t.event(Stages.ESCAPED).map(StageEvent::t).ifPresent(v -> p.vertical(v, "escaped", Ink.REFERENCE));
        t.event(Stages.ALIGNED).map(StageEvent::t).ifPresent(v -> p.vertical(v, "aligned 0.99", Ink.THEORY));
        return p.build();
    }
}
