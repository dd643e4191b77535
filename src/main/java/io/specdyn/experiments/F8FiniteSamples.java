package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullEngine;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.model.Algorithm;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** F8: alignment over time on the empirical loss of n samples (fixed dataset), against the population run. */
final class F8FiniteSamples implements Experiment {
    private static final double KAPPA = 5;
    private static final double S = 1e-3;
    private static final double LR_GD = 1e-2;
    private static final double LR_SPEC = 2e-3;
    private static final double T_END = 6;
    private static final long SEED = 1;

    private static int d(boolean quick) {
        return quick ? 20 : 50;
    }

    private static int[] ns(boolean quick) {
        return quick ? new int[] {300, 3000} : new int[] {250, 1000, 5000, 25000};
    }

    @Override
    public String id() {
        return "F8";
    }

    @Override
    public String name() {
        return "F8-finite-samples";
    }

    @Override
    public String title() {
        return "F8. Finite samples: alignment on the empirical loss of n samples approaches the population run";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "full");
        p.put("d", d(quick));
        p.put("kappa", KAPPA);
        p.put("init-scale", S);
        p.put("basis", "random");
        p.put("seed", SEED);
        p.put("samples-n", ns(quick));
        p.put("sampling", "fixed");
        p.put("lr-gd", LR_GD);
        p.put("lr-specgd", LR_SPEC);
        p.put("t-end", T_END);
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        List<Panel> panels = new ArrayList<>();
        panels.add(panel(Algorithm.GD, LR_GD, Ink.GD, quick));
        panels.add(panel(Algorithm.SPECGD, LR_SPEC, Ink.SPECGD, quick));
        return new Figure(name(), title(), "d = m = " + d(quick) + ", kappa = " + KAPPA + ", W0 = " + S
                + " I, random basis, one fixed dataset per n (seed " + SEED + "). Lighter lines: fewer samples.", 2, panels,
                1200, 620);
    }

    private Panel panel(Algorithm algo, double lr, Ink ink, boolean quick) {
        int d = d(quick);
        FullProblem problem = new FullProblem(d, CovarianceSpectrum.spiked(d, KAPPA), FullProblem.Basis.RANDOM, SEED);
        long steps = Math.round(T_END / lr);
        int every = (int) Math.max(1, steps / 400);
        FullRunSpec spec = new FullRunSpec(problem, FullInit.OnManifold.isotropic(S), new LossSpec.Population(), algo,
                lr, steps, every, Stages.DEFAULT_ALIGN_EPS);
        Panel.Builder p = Panel.builder(algo == Algorithm.GD ? "GD, lr " + lr : "SpecGD, lr " + lr,
                Axis.linear("t = step x learning rate").range(0, T_END), Axis.log("alignment A").range(1e-3, 1.2));
        int[] ns = ns(quick);
        for (int i = 0; i < ns.length; i++) {
            Trajectory t = FullEngine.run(spec.withLoss(new LossSpec.Samples(ns[i], false)));
            double tint = 0.7 * (ns.length - i) / ns.length;
            p.add(Plot.series("n = " + ns[i], ink, t, Column.T, Column.ALIGNMENT, 500).withColor(ink.tint(tint))
                    .withWidth(1.8f));
        }
        Trajectory population = FullEngine.run(spec);
        p.add(Plot.series("population", Ink.THEORY, population, Column.T, Column.ALIGNMENT, 500)
                .withDash(io.specdyn.figures.Series.Dash.DASHED).withWidth(2.2f));
        return p.build();
    }
}
