package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * F6: the escape time (the {@code escaped} event: E f reaches lt / 10) and the time to alignment
 * 0.99, against d and against kappa, for the flows GF and SpecGF. Theory for SpecGF's escape: all
 * coefficients grow as s + t until (lt + lu + (d - 2) lp) x^2 = 0.1 lt.
 */
final class F6EscapeTimes implements Experiment {
    private static final double S = 1e-3;
    private static final double KAPPA = 5;
    private static final int D = 100;

    @Override
    public String id() {
        return "F6";
    }

    @Override
    public String name() {
        return "F6-escape-times";
    }

    @Override
    public String title() {
        return "F6. Escape time and time to alignment against d and kappa (GF, SpecGF)";
    }

    private static double[] dims(boolean quick) {
        return quick ? new double[] {10, 100, 1000} : new double[] {10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
    }

    private static double[] kappas(boolean quick) {
        return quick ? new double[] {0.5, 2, 20} : new double[] {0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 20, 50, 100, 300};
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced (flows)");
        p.put("init-scale", S);
        p.put("d-sweep", dims(quick));
        p.put("d-sweep-kappa", KAPPA);
        p.put("kappa-sweep", kappas(quick));
        p.put("kappa-sweep-d", D);
        p.put("escaped", "E f = T + lt reaches 0.1 lt");
        p.put("aligned", "alignment >= 0.99");
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        double[] ds = dims(quick);
        double[] ks = kappas(quick);
        double[][] byD = new double[4][ds.length];
        double[][] byK = new double[4][ks.length];
        for (int i = 0; i < ds.length; i++) {
            times(ReducedModel.spiked((int) ds[i], KAPPA), byD, i);
        }
        for (int i = 0; i < ks.length; i++) {
            times(ReducedModel.spiked(D, ks[i]), byK, i);
        }
        double[] theoryD = new double[ds.length];
        for (int i = 0; i < ds.length; i++) {
            theoryD[i] = Math.sqrt(0.1 / (ds[i] + KAPPA)) - S;
        }
        double[] theoryK = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            theoryK[i] = Math.sqrt(0.1 / (D + ks[i])) - S;
        }
        List<Panel> panels = new ArrayList<>();
        panels.add(panel("escape time against d (kappa = 5)", "d", ds, byD[0], byD[1], theoryD, false));
        panels.add(panel("time to alignment 0.99 against d (kappa = 5)", "d", ds, byD[2], byD[3], null, false));
        panels.add(panel("escape time against kappa (d = 100)", "kappa", ks, byK[0], byK[1], theoryK, true));
        panels.add(panel("time to alignment 0.99 against kappa (d = 100)", "kappa", ks, byK[2], byK[3], null, true));
        return new Figure(name(), title(), "W0 = " + S + " I; escaped: the mean output E f reaches a tenth of the "
                + "teacher's. Times are flow times t; a map with rate lr needs t / lr steps.", 2, panels, 1200, 950);
    }

    /** Escape and alignment times of GF (rows 0, 2) and SpecGF (rows 1, 3). */
    private static void times(ReducedModel model, double[][] out, int i) {
        Trajectory gf = Runs.flow(model, S, Algorithm.GF, 200, 2);
        Trajectory spec = Runs.flow(model, S, Algorithm.SPECGF, 4, 2);
        out[0][i] = time(gf, Stages.ESCAPED);
        out[1][i] = time(spec, Stages.ESCAPED);
        out[2][i] = time(gf, Stages.ALIGNED);
        out[3][i] = time(spec, Stages.ALIGNED);
    }

    private static double time(Trajectory t, String event) {
        return t.event(event).map(StageEvent::t).orElse(Double.NaN);
    }

    private static Panel panel(String title, String xLabel, double[] x, double[] gf, double[] spec, double[] theory,
                               boolean kappaAxis) {
        Panel.Builder p = Panel.builder(title, Axis.log(xLabel), Axis.log("t"));
        p.add(Series.line("GF", Ink.GF, x, gf).withWidth(2.4f).withMarker(Series.Marker.CIRCLE));
        p.add(Series.line("SpecGF", Ink.SPECGF, x, spec).withWidth(2.4f).withMarker(Series.Marker.SQUARE));
        if (theory != null) {
            p.add(Series.line("SpecGF theory sqrt(0.1/(d + kappa)) - s", Ink.THEORY, x, theory)
                    .withDash(Series.Dash.DASHED).withWidth(1.4f));
        }
        if (kappaAxis) {
            p.vertical(2, "kappa = 2", Ink.REFERENCE);
        }
        return p.build();
    }
}
