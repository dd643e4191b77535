package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F2: the stage-I phase portrait in the (a, b) plane near the origin, log-log: the directions of GF
 * and SpecGF, and GD and SpecGD trajectories, for kappa in {1, 2, 5, 20}. Under GF the direction near
 * the origin is (3 lt^2 a, lt lu b), a straight line of slope (1 + kappa)/3 in log-log: steeper than
 * the diagonal (spike outgrowing the signal) exactly when kappa > 2. SpecGF moves both at speed 1.
 */
final class F2StageOnePortrait implements Experiment {
    private static final int D = 100;
    private static final double[] KAPPAS = {1, 2, 5, 20};
    private static final double S = 1e-3;
    private static final double LR_GD = 1e-2;
    private static final double LR_SPEC = 1e-3;
    private static final double LO = 1e-3;
    private static final double HI = 1;

    @Override
    public String id() {
        return "F2";
    }

    @Override
    public String name() {
        return "F2-stage-I-phase-portrait";
    }

    @Override
    public String title() {
        return "F2. Stage I in the (a, b) plane: GD amplifies the spike once kappa > 2, SpecGD does not";
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
        p.put("field-grid", quick ? 7 : 11);
        p.put("field-c", "c(a) along the GD run (GF field) and the SpecGD run (SpecGF field)");
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        int grid = quick ? 7 : 11;
        List<Panel> panels = new ArrayList<>();
        for (double kappa : KAPPAS) {
            panels.add(panel(ReducedModel.spiked(D, kappa), kappa, grid));
        }
        return new Figure(name(), title(), "d = " + D + ", W0 = " + S + " I; GD lr " + LR_GD + ", SpecGD lr " + LR_SPEC + ". Fields on the slice c = c(a) of a run "
                + "(GF: GD's, SpecGF: SpecGD's); arrows: directions only. GD's slope: least squares, log b on log a, "
                + "before the escape.",
                2, panels, 1320, 1100);
    }

    private static Panel panel(ReducedModel model, double kappa, int grid) {
        Trajectory gd = Runs.discrete(model, S, Algorithm.GD, LR_GD, 3.0);
        Trajectory spec = Runs.discrete(model, S, Algorithm.SPECGD, LR_SPEC, 0.4);
        String title = String.format(Locale.ROOT, "kappa = %s: slope GF (1 + kappa)/3 = %.2f, GD (lr %s) %.2f",
                fmt(kappa), (1 + kappa) / 3, LR_GD, escapeSlope(model, gd));
        Panel.Builder p = Panel.builder(title, Axis.log("a (signal)").range(LO, HI), Axis.log("b (spike)").range(LO, HI));
        double[] diag = {LO, HI};
        p.add(Series.line("a = b", Ink.REFERENCE, diag, diag).withDash(Series.Dash.DASHED).withWidth(1.2f));
        // each field on the slice c = c(a) of the run drawn over it: c grows with a in stage I (as s + t under SpecGD)
        p.add(PhaseFields.stageOne(model, LO, HI, grid, false, Plot.along(gd, Column.A, Column.C)));
        p.add(PhaseFields.stageOne(model, LO, HI, grid, true, Plot.along(spec, Column.A, Column.C)));
        p.add(Plot.magnitude("GD trajectory", Ink.GD, gd, Column.A, Column.B, 1500).withWidth(2.6f));
        p.add(Plot.magnitude("SpecGD trajectory", Ink.SPECGD, spec, Column.A, Column.B, 1500).withWidth(2.6f));
        return p.build();
    }

    /**
     * The slope of GD's trajectory in the log-log (a, b) plane during the escape, measured from the data: the
     * least-squares slope of log b against log a over the steps before {@code E f} reaches a tenth of
     * {@code lt} (the {@code escaped} event). A discrete step multiplies b by about 1 + lu lr and a by
     * 1 + 3 lt lr, so the map's slope is below GF's (1 + kappa)/3, the more so the larger lu lr.
     */
    static double escapeSlope(ReducedModel model, Trajectory t) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            double a = t.get(Column.A, i);
            double b = t.get(Column.B, i);
            if (Stages.escapeIndicator(model.meanError(a, b, t.get(Column.C, i)), model.spectrum().lt()) >= 0) {
                break;
            }
            double x = Math.log(Math.abs(a));
            double y = Math.log(Math.abs(b));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    static double[][] transpose(List<double[]> rows) {
        return PhaseFields.transpose(rows);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
