package io.specdyn.experiments;

import io.specdyn.analysis.RunClassifier;
import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * F10: steps to alignment 0.99 (held for 100 steps) against the learning rate, GD and SpecGD,
 * kappa in {1, 5, 20}; diverged runs are crosses at the top edge, stalled ones open markers at the
 * step budget.
 */
final class F10LearningRate implements Experiment {
    private static final int D = 100;
    private static final double[] KAPPAS = {1, 5, 20};
    private static final double S = 1e-3;
    private static final int HOLD = 100;

    private static int rates(boolean quick) {
        return quick ? 12 : 29;
    }

    private static long maxSteps(boolean quick) {
        return quick ? 20_000 : 200_000;
    }

    @Override
    public String id() {
        return "F10";
    }

    @Override
    public String name() {
        return "F10-learning-rate";
    }

    @Override
    public String title() {
        return "F10. Steps to alignment against the learning rate, with divergence marked";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced (discrete maps)");
        p.put("d", D);
        p.put("kappa", KAPPAS);
        p.put("init-scale", S);
        p.put("lr", "log-spaced from 1e-4 to 1, " + rates(quick) + " rates");
        p.put("max-steps", maxSteps(quick));
        p.put("hold", HOLD);
        p.put("aligned", "alignment >= 0.99 held for " + HOLD + " steps");
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        double[] lrs = Plot.logspace(1e-4, 1, rates(quick));
        long max = maxSteps(quick);
        double top = 3.0 * max;
        List<Panel> panels = new ArrayList<>();
        for (Algorithm algo : new Algorithm[] {Algorithm.GD, Algorithm.SPECGD}) {
            Panel.Builder p = Panel.builder(algo == Algorithm.GD ? "GD" : "SpecGD", Axis.log("learning rate"),
                    Axis.log("steps to alignment 0.99").range(1, 10 * max));
            Series.Dash[] dashes = {Series.Dash.SOLID, Series.Dash.DASHED, Series.Dash.DOTTED};
            Series.Marker[] markers = {Series.Marker.CIRCLE, Series.Marker.SQUARE, Series.Marker.TRIANGLE};
            Ink ink = Ink.of(algo);
            for (int k = 0; k < KAPPAS.length; k++) {
                ReducedModel model = ReducedModel.spiked(D, KAPPAS[k]);
                List<double[]> aligned = new ArrayList<>();
                List<double[]> diverged = new ArrayList<>();
                List<double[]> stalled = new ArrayList<>();
                for (double lr : lrs) {
                    RunClassifier.Result r = RunClassifier.classify(model, algo, Coefficients.isotropic(S), lr,
                            new RunClassifier.Settings(max, HOLD, 0.01, 0));
                    switch (r.status()) {
                        case ALIGNED, CONVERGED -> aligned.add(new double[] {lr, r.step()});
                        case DIVERGED -> diverged.add(new double[] {lr, top * Math.pow(1.5, k)});
                        case STALLED -> stalled.add(new double[] {lr, max * Math.pow(1.5, k)});
                    }
                }
                String kappa = "kappa " + F2StageOnePortrait.fmt(KAPPAS[k]);
                p.add(Plot.points(kappa + ": aligned", ink, aligned).withDash(dashes[k]).withMarker(markers[k]).withWidth(2.2f));
                if (!diverged.isEmpty()) {
                    p.add(Plot.points(kappa + ": diverged", ink, diverged).points(Series.Marker.CROSS));
                }
                if (!stalled.isEmpty()) {
                    p.add(Plot.points(kappa + ": stalled", ink, stalled).points(markers[k]).withColor(ink.tint(0.5)));
                }
            }
            p.horizontal(max, "step budget", Ink.REFERENCE);
            panels.add(p.build());
        }
        return new Figure(name(), title(), "d = " + D + ", W0 = " + S + " I, reduced maps. Crosses at the top: diverged; "
                + "pale markers from the budget line up: stalled (offset by kappa). SpecGD's three curves coincide.", 2,
                panels, 1200, 640);
    }

}
