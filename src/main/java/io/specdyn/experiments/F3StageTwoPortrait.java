package io.specdyn.experiments;

import io.specdyn.figures.ArrowField;
import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.Spectrum;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F3: stage II in the (a, c) plane, signal against bulk noise. A direction field is drawn only on the slice
 * of (a, b, c) that holds the trajectory drawn over it. Left, SpecGF on the section where its spike slides,
 * b^2 = lp c^2 / lu: there the bulk's switching surface h_c = 0 is the curve c^2 = lt (1 - a^2) / ((d + 1) lp),
 * SpecGF's double-sliding branch, and h_a = 0 is c^2 = 3 lt (1 - a^2) / ((d - 1) lp); SpecGF slides down
 * the branch and lands on c = 0 at a = 1 in finite time. Right, GF, whose spike is far from that section,
 * with its field on the surface b = b_GF(a) through its own trajectory; it approaches (1, 0) slowly.
 */
final class F3StageTwoPortrait implements Experiment {
    private static final int D = 100;
    private static final double KAPPA = 5;
    private static final double S = 1e-3;

    @Override
    public String id() {
        return "F3";
    }

    @Override
    public String name() {
        return "F3-stage-II-phase-portrait";
    }

    @Override
    public String title() {
        return "F3. Stage II in the (a, c) plane: SpecGF slides down its switching surface to c = 0";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced");
        p.put("d", D);
        p.put("kappa", KAPPA);
        p.put("init-scale", S);
        p.put("section-specgf", "b^2 = lp c^2 / lu");
        p.put("section-gf", "b = b_GF(a), the surface through GF's trajectory");
        p.put("gf-t-end", 30);
        p.put("specgf-t-end", 1.1);
        p.put("field-grid", quick ? "8 x 7" : "14 x 12");
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        ReducedModel model = ReducedModel.spiked(D, KAPPA);
        Spectrum sp = model.spectrum();
        int na = quick ? 8 : 14;
        int nc = quick ? 7 : 12;
        Trajectory gf = Runs.flow(model, S, Algorithm.GF, 30, 3001);
        Trajectory specgf = Runs.flow(model, S, Algorithm.SPECGF, 1.1, 2201);

        // SpecGF: the fields on the section where its spike slides, b^2 = lp c^2 / lu
        double ratio = Math.sqrt(sp.lp() / sp.lu());
        Panel.Builder left = Panel.builder("SpecGF; fields on its sliding section b^2 = lp c^2 / lu",
                Axis.linear("a (signal)").range(0, 1.05), Axis.log("c (bulk)").range(1e-3, 0.3));
        left.add(field(model, na, nc, false, (a, c) -> c * ratio));
        left.add(field(model, na, nc, true, (a, c) -> c * ratio));
        int n = 400;
        double[] a = new double[n];
        double[] branch = new double[n];
        double[] surfaceA = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1.0 * i / (n - 1);
            double gap = (1 - a[i]) * (1 + a[i]);
            branch[i] = Math.sqrt(sp.lt() * gap / ((D + 1) * sp.lp()));
            surfaceA[i] = Math.sqrt(3 * sp.lt() * gap / ((D - 1) * sp.lp()));
        }
        left.add(Series.line("h_c = 0 (SpecGF sliding branch)", Ink.THEORY, a, branch).withDash(Series.Dash.DASHED).withWidth(1.6f));
        left.add(Series.line("h_a = 0", Ink.REFERENCE, a, surfaceA).withDash(Series.Dash.DASH_DOT).withWidth(1.6f));
        double onFrom = first(specgf, Stages.slideStart("b"));
        double onTo = first(specgf, Stages.slideEnd("c"));
        left.add(part("SpecGF, off the section", specgf, Double.NEGATIVE_INFINITY, onFrom).withDash(Series.Dash.DOTTED)
                .withWidth(2.0f));
        left.add(part("SpecGF, on the section (both sliding)", specgf, onFrom, onTo).withWidth(2.8f));
        left.add(part("SpecGF, landing (off the section)", specgf, onTo, Double.POSITIVE_INFINITY)
                .withDash(Series.Dash.DOTTED).withWidth(2.0f));
        left.note(0.45, 0.0016, "SpecGF lands on c = 0 at a = 1, t = " + String.format(Locale.ROOT, "%.4f",
                specgf.events().stream().filter(e -> e.name().startsWith("slide-start")).mapToDouble(e -> e.t()).max()
                        .orElse(Double.NaN)));

        // GF: its spike is far from SpecGF's section, so its field is drawn on the surface b = b_GF(a) that
        // holds its own trajectory (a grows monotonically under GF, so b_GF is a function of a)
        java.util.function.DoubleUnaryOperator spike = Plot.along(gf, Column.A, Column.B);
        Panel.Builder right = Panel.builder("GF; fields on the surface b = b_GF(a) through its trajectory",
                Axis.linear("a (signal)").range(0, 1.05), Axis.log("c (bulk)").range(1e-3, 0.3));
        right.add(field(model, na, nc, false, (x, c) -> spike.applyAsDouble(x)));
        right.add(Plot.series("GF", Ink.GF, gf, Column.A, Column.C, 3000).withWidth(2.8f));
        return new Figure(name(), title(), "d = " + D + ", kappa = " + F2StageOnePortrait.fmt(KAPPA) + ", W0 = " + S
                + " I. Arrows show directions only. GF to t = 30, SpecGF to t = 1.1; a field is drawn only on the slice "
                + "of (a, b, c) that holds the trajectory drawn over it.", 2, List.of(left.build(), right.build()), 1600, 760);
    }

    private static double first(Trajectory t, String event) {
        return t.event(event).map(StageEvent::t).orElseThrow(() -> new IllegalStateException("SpecGF has no " + event));
    }

    /** The rows of {@code t} with time in [from, to] (both ends included, so the parts join), a against c. */
    private static Series part(String label, Trajectory t, double from, double to) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            double time = t.get(Column.T, i);
            if (time >= from && time <= to) {
                points.add(new double[] {t.get(Column.A, i), t.get(Column.C, i)});
            }
        }
        return Plot.points(label, Ink.SPECGF, points);
    }

    /** F3's grid: a over [0.04, 1], c over [1.3e-3, 0.22], inside the axes' ranges. */
    private static ArrowField field(ReducedModel model, int na, int nc, boolean spectral,
                                    java.util.function.DoubleBinaryOperator spikeAt) {
        return PhaseFields.stageTwo(model, 0.04, 1.0, 1.3e-3, 0.22, na, nc, spectral, spikeAt);
    }
}
