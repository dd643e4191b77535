package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.reduced.DiscreteMaps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F5: the bulk coefficient c over time, log-log. Late in GD, a sits at its quasi-equilibrium
 * h_a = 0, so T = (2/3) (d - 2) lp c^2 and c' = -(2/3) (d + 1) lp^2 c^3: c ~ [(4/3) (d + 1) lp^2 t]^(-1/2),
 * slope -1/2. SpecGF's bulk lands on 0 at t* = sqrt(1 + lt / ((d + 1) lp)) - s; SpecGD's stops at its
 * floor sqrt(2 lt lr / (d lp)).
 */
final class F5BulkDecay implements Experiment {
    private static final int D = 100;
    private static final double KAPPA = 5;
    private static final double S = 1e-3;
    private static final double LR_GD = 1e-2;
    private static final double[] LR_SPEC = {1e-3, 1e-4};

    @Override
    public String id() {
        return "F5";
    }

    @Override
    public String name() {
        return "F5-bulk-decay";
    }

    @Override
    public String title() {
        return "F5. Bulk noise c: GD decays like t^(-1/2), SpecGD contracts in finite time";
    }

    private static double tEnd(boolean quick) {
        return quick ? 1e3 : 1e4;
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced");
        p.put("d", D);
        p.put("kappa", KAPPA);
        p.put("init-scale", S);
        p.put("lr-gd", LR_GD);
        p.put("lr-specgd", LR_SPEC);
        p.put("t-end", tEnd(quick));
        p.put("predicted-gd-law", "c = [(4/3) (d + 1) lp^2 t]^(-1/2)");
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        ReducedModel model = ReducedModel.spiked(D, KAPPA);
        double tEnd = tEnd(quick);
        Panel.Builder p = Panel.builder("d = " + D + ", kappa = " + F2StageOnePortrait.fmt(KAPPA),
                Axis.log("t").range(1e-2, tEnd), Axis.log("c (bulk)").range(1e-5, 0.3));
        Trajectory gd = Plot.logRecorded(model, Algorithm.GD, Coefficients.isotropic(S), LR_GD, Math.round(tEnd / LR_GD), 60);
        p.add(Plot.series("GD, lr " + LR_GD, Ink.GD, gd, Column.T, Column.C, 2000).withWidth(2.6f));
        Series.Dash[] dashes = {Series.Dash.SOLID, Series.Dash.DASHED};
        for (int i = 0; i < LR_SPEC.length; i++) {
            double lr = LR_SPEC[i];
            String name = java.math.BigDecimal.valueOf(lr).stripTrailingZeros().toPlainString();
            double horizon = Math.min(tEnd, i == 0 ? tEnd : tEnd / 10);
            Envelope e = envelope(model, lr, Math.round(horizon / lr), 60);
            double floor = Math.sqrt(2 * lr / D);
            p.add(Series.line("SpecGD, lr " + name + ": top of its cycle", Ink.SPECGD, e.t, e.top).withDash(dashes[i])
                    .withWidth(2.2f));
            p.add(new Series("SpecGD, lr " + name + ": bottom of its cycle", Ink.SPECGD.tint(0.45), dashes[i], 2.2f,
                    Series.Marker.NONE, e.t, e.bottom));
            double[] span = {2, horizon};
            p.add(Series.line(String.format(Locale.ROOT, "floor c* = sqrt(2 lr/d) = %.3g, lr %s; from t = 2 the cycle "
                            + "spans c* - %.2f lr to c* - %.2f lr", floor, name, (floor - e.lateTop) / lr,
                    (floor - e.lateBottom) / lr), Ink.REFERENCE, span, new double[] {floor, floor})
                    .withDash(Series.Dash.DOTTED).withWidth(1.4f));
        }
        Trajectory specgf = Runs.flow(model, S, Algorithm.SPECGF, 1.1, 4401);
        p.add(Plot.series("SpecGF", Ink.SPECGF, specgf, Column.T, Column.C, 4400).withWidth(2.8f));
        double k = 4.0 / 3 * (D + 1);
        double[] ts = Plot.logspace(3, tEnd, 50);
        double[] law = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            law[i] = 1 / Math.sqrt(k * ts[i]);
        }
        p.add(Series.line("predicted GD law [(4/3)(d+1) t]^(-1/2), slope -1/2", Ink.THEORY, ts, law)
                .withDash(Series.Dash.DASHED).withWidth(1.8f));
        double arrival = Math.sqrt(1 + 1.0 / (D + 1)) - S;
        p.vertical(arrival, "SpecGF lands at t* = sqrt(1 + 1/(d+1)) - s", Ink.THEORY);
        return new Figure(name(), title(), "W0 = " + S + " I. SpecGD lr 1e-4 run to t = " + Math.round(tEnd / 10)
                + ". SpecGD's c: top and bottom of its chattering in each log-spaced window; only the top is within one "
                + "step of c*.", 1, List.of(p.build()), 1100, 860);
    }

    /** SpecGD's bulk |c| over log-spaced windows of steps: the largest and smallest in each, and over t >= 2. */
    private record Envelope(double[] t, double[] top, double[] bottom, double lateTop, double lateBottom) {
    }

    private static Envelope envelope(ReducedModel model, double lr, long steps, int perDecade) {
        List<double[]> rows = new ArrayList<>();
        double factor = Math.pow(10, 1.0 / perDecade);
        double[] window = {0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        long[] end = {0};
        double[] late = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        long lateFrom = Math.round(2 / lr);
        DiscreteMaps.iterate(model, true, lr, steps, new double[] {S, S, S}, (k, map) -> {
            double v = Math.abs(map.get(2));
            window[1] = Math.max(window[1], v);
            window[2] = Math.min(window[2], v);
            if (k >= lateFrom) {
                late[0] = Math.max(late[0], v);
                late[1] = Math.min(late[1], v);
            }
            if (k == end[0] || k == steps) {
                rows.add(new double[] {k * lr, window[1], window[2]});
                window[1] = Double.NEGATIVE_INFINITY;
                window[2] = Double.POSITIVE_INFINITY;
                end[0] = Math.max(k + 1, (long) Math.ceil(k * factor));
            }
            return true;
        });
        double[][] cols = F2StageOnePortrait.transpose(rows);
        return new Envelope(cols[0], cols[1], cols[2], late[0], late[1]);
    }
}
