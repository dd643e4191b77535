package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** F4: alignment over time, GD against SpecGD, for kappa in {0, 2, 5, 20}. */
final class F4Alignment implements Experiment {
    private static final int D = 100;
    private static final double[] KAPPAS = {0, 2, 5, 20};
    private static final double S = 1e-3;
    private static final double LR_GD = 1e-2;
    private static final double LR_SPEC = 1e-3;
    private static final double T_END = 4;

    @Override
    public String id() {
        return "F4";
    }

    @Override
    public String name() {
        return "F4-alignment";
    }

    @Override
    public String title() {
        return "F4. Alignment with the signal over time: GD dips as the spike grows, SpecGD does not";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced");
        p.put("d", D);
        p.put("kappa", KAPPAS);
        p.put("init-scale", S);
        p.put("lr-gd", LR_GD);
        p.put("lr-specgd", LR_SPEC);
        p.put("t-end", T_END);
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        List<Panel> panels = new ArrayList<>();
        for (double kappa : KAPPAS) {
            ReducedModel model = ReducedModel.spiked(D, kappa);
            Panel.Builder p = Panel.builder("kappa = " + F2StageOnePortrait.fmt(kappa),
                    Axis.linear("t = step x learning rate").range(0, T_END), Axis.log("alignment A").range(1e-5, 1.2));
            Trajectory gd = Runs.discrete(model, S, Algorithm.GD, LR_GD, T_END);
            Trajectory spec = Runs.discrete(model, S, Algorithm.SPECGD, LR_SPEC, T_END);
            p.add(Plot.series("GD, lr " + LR_GD, Ink.GD, gd, Column.T, Column.ALIGNMENT, 1500).withWidth(2.6f));
            p.add(Plot.series("SpecGD, lr " + LR_SPEC, Ink.SPECGD, spec, Column.T, Column.ALIGNMENT, 1500).withWidth(2.6f));
            p.horizontal(1 / Math.sqrt(D), "start 1/sqrt(d)", Ink.REFERENCE);
            p.horizontal(0.99, "0.99", Ink.THEORY);
            panels.add(p.build());
        }
        return new Figure(name(), title(), "d = " + D + ", W0 = " + S + " I; alignment <W^T W, theta theta^T>_F / |W^T W|_F.",
                2, panels, 1200, 950);
    }
}
