package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullEngine;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.io.Numbers;
import io.specdyn.model.Algorithm;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * F9: a power-law covariance (eigenvalue i proportional to i^(-alpha), 1 on the signal at index
 * 10, so nine directions carry more variance than the signal): GD against SpecGD, alignment and
 * signal coefficient, full simulator.
 */
final class F9PowerLaw implements Experiment {
    private static final double[] ALPHAS = {1, 2};
    private static final double[] LR_GD = {5e-3, 5e-4};
    private static final double LR_SPEC = 2e-3;
    private static final int SIGNAL = 10;
    private static final double S = 1e-3;
    private static final long SEED = 0;

    private static int d(boolean quick) {
        return quick ? 30 : 100;
    }

    private static double tEnd(boolean quick) {
        return quick ? 3 : 6;
    }

    @Override
    public String id() {
        return "F9";
    }

    @Override
    public String name() {
        return "F9-power-law";
    }

    @Override
    public String title() {
        return "F9. Power-law covariance: GD against SpecGD (full simulator)";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "full (population loss)");
        p.put("d", d(quick));
        p.put("spectrum", "power-law, eigenvalue i = (i / 10)^(-alpha)");
        p.put("alpha", ALPHAS);
        p.put("signal-index", SIGNAL);
        p.put("init-scale", S);
        p.put("basis", "random");
        p.put("seed", SEED);
        p.put("lr-gd", LR_GD);
        p.put("lr-specgd", LR_SPEC);
        p.put("t-end", tEnd(quick));
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        double tEnd = tEnd(quick);
        Panel.Builder alignment = Panel.builder("alignment", Axis.linear("t = step x learning rate").range(0, tEnd),
                Axis.log("alignment A").range(1e-4, 1.2));
        Panel.Builder signal = Panel.builder("signal coefficient a", Axis.linear("t = step x learning rate").range(0, tEnd),
                Axis.log("a").range(1e-3, 2));
        Series.Dash[] dashes = {Series.Dash.SOLID, Series.Dash.DASHED};
        for (int i = 0; i < ALPHAS.length; i++) {
            double alpha = ALPHAS[i];
            Trajectory gd = run(quick, alpha, Algorithm.GD, LR_GD[i]);
            Trajectory spec = run(quick, alpha, Algorithm.SPECGD, LR_SPEC);
            String a = "alpha " + F2StageOnePortrait.fmt(alpha);
            alignment.add(Plot.series("GD, " + a + ", lr " + Numbers.format(LR_GD[i]), Ink.GD, gd, Column.T, Column.ALIGNMENT, 600)
                    .withDash(dashes[i]).withWidth(2.4f));
            alignment.add(Plot.series("SpecGD, " + a + ", lr " + LR_SPEC, Ink.SPECGD, spec, Column.T, Column.ALIGNMENT, 600)
                    .withDash(dashes[i]).withWidth(2.4f));
            signal.add(Plot.series("GD, " + a, Ink.GD, gd, Column.T, Column.A, 600).withDash(dashes[i]).withWidth(2.4f));
            signal.add(Plot.series("SpecGD, " + a, Ink.SPECGD, spec, Column.T, Column.A, 600).withDash(dashes[i]).withWidth(2.4f));
        }
        return new Figure(name(), title(), "d = m = " + d(quick) + ", signal at index " + SIGNAL
                + " (top eigenvalue 10^alpha), W0 = " + S + " I, random basis. GD's rate is cut by 10 for alpha = 2 to stay stable.",
                2, List.of(alignment.build(), signal.build()), 1200, 620);
    }

    private static Trajectory run(boolean quick, double alpha, Algorithm algo, double lr) {
        int d = d(quick);
        FullProblem problem = new FullProblem(d, CovarianceSpectrum.powerLaw(d, alpha, SIGNAL), FullProblem.Basis.RANDOM, SEED);
        long steps = Math.round(tEnd(quick) / lr);
        return FullEngine.run(new FullRunSpec(problem, FullInit.OnManifold.isotropic(S), new LossSpec.Population(), algo,
                lr, steps, (int) Math.max(1, steps / 600), 0, Stages.DEFAULT_ALIGN_EPS));
    }
}
