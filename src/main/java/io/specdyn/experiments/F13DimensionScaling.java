package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.io.Numbers;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.reduced.DiscreteMaps;
import io.specdyn.trajectory.StageTracker;
import io.specdyn.trajectory.Stages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F13: the times of the {@code escaped} and {@code aligned} events of GD and SpecGD against the
 * dimension, on the spiked covariance (three groups, d from 10^2 to 10^8) and on a power law (one
 * group per direction, d up to 10^6): the claim that SpecGD's early dynamics do not depend on d,
 * tested at scale.
 *
 * <p>The runs are made comparable across d by the start and the rates. The start is {@code W0 = s I}
 * with {@code s^2 tr(Sigma) = rho lt}: its mean output {@code E f} is the same fraction {@code rho} of
 * the teacher's at every d, so the escape (E f reaching {@code lt / 10}) asks for the same growth
 * everywhere; a fixed {@code s} would start the runs at d = 10^5 (spiked, s = 10^-3) already escaped.
 * GD's update {@code lr w_k h_k} is relative to the coefficient and its stable rate does not depend on
 * d, so its rate is fixed. SpecGD moves every coefficient by {@code lr}, so its rate is {@code lr = s}: a
 * step is the same fraction of the start at every d (and about the catalogue's 10^-3 at d = 100).
 */
final class F13DimensionScaling implements Experiment {
    static final double KAPPA = 5;
    static final double ALPHA = 1;
    static final int SIGNAL = 10;
    /** The start's mean output as a fraction of the teacher's: {@code s^2 tr(Sigma) = START_FRACTION lt}. */
    static final double START_FRACTION = 1e-4;
    /** GD's rate on both spectra: stable at every d (theory-notes/figures.md, F13). */
    static final double LR_GD = 1e-2;
    /** The runs stop at {@code aligned} or at this time. */
    private static final double T_MAX_GD = 20;
    private static final double T_MAX_SPEC = 3;

    private static long[] spikedDims(boolean quick) {
        return quick ? decades(2, 8, 1) : decades(2, 8, 2);
    }

    private static long[] powerDims(boolean quick) {
        return quick ? decades(2, 4, 1) : decades(2, 6, 1);
    }

    /** {@code 10^(k / perDecade)} rounded, for k from {@code from * perDecade} to {@code to * perDecade}. */
    private static long[] decades(int from, int to, int perDecade) {
        long[] d = new long[(to - from) * perDecade + 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(Math.pow(10, from + (double) i / perDecade));
        }
        return d;
    }

    @Override
    public String id() {
        return "F13";
    }

    @Override
    public String name() {
        return "F13-dimension-scaling";
    }

    @Override
    public String title() {
        return "F13. Escape and alignment times of GD and SpecGD against the dimension d: spiked and power-law covariances";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced (discrete maps)");
        p.put("init", "W0 = s I with s^2 tr(Sigma) = " + Numbers.format(START_FRACTION) + " lt");
        p.put("lr-gd", LR_GD);
        p.put("lr-specgd", "s");
        p.put("escaped", "E f = T + lt reaches 0.1 lt");
        p.put("aligned", "alignment >= 0.99");
        p.put("runs-stop", "at aligned, or at t = " + Numbers.format(T_MAX_GD) + " (GD), " + Numbers.format(T_MAX_SPEC)
                + " (SpecGD)");
        Map<String, Object> spiked = new LinkedHashMap<>();
        spiked.put("kappa", KAPPA);
        spiked.put("d", spikedDims(quick));
        spiked.put("init-scale", scales(spikedDims(quick), F13DimensionScaling::spiked));
        p.put("spiked", spiked);
        Map<String, Object> power = new LinkedHashMap<>();
        power.put("spectrum", "eigenvalue i = (i / " + SIGNAL + ")^(-alpha)");
        power.put("alpha", ALPHA);
        power.put("signal-index", SIGNAL);
        power.put("d", powerDims(quick));
        power.put("init-scale", scales(powerDims(quick), F13DimensionScaling::powerLaw));
        p.put("power-law", power);
        return p;
    }

    private static double[] scales(long[] dims, java.util.function.LongFunction<ReducedModel> model) {
        double[] s = new double[dims.length];
        for (int i = 0; i < dims.length; i++) {
            s[i] = startScale(model.apply(dims[i]));
        }
        return s;
    }

    static ReducedModel spiked(long d) {
        return ReducedModel.spiked(d, KAPPA);
    }

    static ReducedModel powerLaw(long d) {
        return new ReducedModel(GroupSpectrum.powerLaw(d, ALPHA, SIGNAL));
    }

    @Override
    public Figure build(boolean quick) {
        List<Panel> panels = new ArrayList<>();
        long[] ds = spikedDims(quick);
        Times spiked = Times.of(ds, F13DimensionScaling::spiked);
        double[] x = toDouble(ds);
        double[] gdEscapeEstimate = new double[ds.length];
        double[] specAligned = new double[ds.length];
        for (int i = 0; i < ds.length; i++) {
            gdEscapeEstimate[i] = gdEscapeEstimate(spiked(ds[i]), spiked.scale()[i], LR_GD);
            specAligned[i] = specgfAligned(ds[i], KAPPA, spiked.scale()[i]);
        }
        String spikedName = "spiked, kappa = " + F2StageOnePortrait.fmt(KAPPA);
        panels.add(panel(spikedName + ": escape time", x, spiked.gdEscape(), spiked.specEscape(), 1e-5, 10,
                Series.line(SPEC_ESCAPE, Ink.THEORY, x, spiked.specEscapeTheory()),
                Series.line("GD estimate: lu b^2 = 0.1 lt, b = s (1 + lu lr)^k", Ink.REFERENCE, x, gdEscapeEstimate)));
        panels.add(panel(spikedName + ": time to alignment 0.99", x, spiked.gdAligned(), spiked.specAligned(), 1e-2, 10,
                Series.line("SpecGF branch c^2 = (1 - a^2)/(d + 1)", Ink.THEORY, x, specAligned), null));

        long[] dp = powerDims(quick);
        Times power = Times.of(dp, F13DimensionScaling::powerLaw);
        double[] xp = toDouble(dp);
        String powerName = "power law, alpha = " + F2StageOnePortrait.fmt(ALPHA);
        panels.add(panel(powerName + ": escape time", xp, power.gdEscape(), power.specEscape(), 1e-2, 10,
                Series.line(SPEC_ESCAPE, Ink.THEORY, xp, power.specEscapeTheory()), null));
        panels.add(panel(powerName + ": time to alignment 0.99", xp, power.gdAligned(), power.specAligned(), 1e-1, 10,
                null, null));
        String caption = "W0 = s I with s^2 tr(Sigma) = " + Numbers.format(START_FRACTION) + " lt; GD lr "
                + Numbers.format(LR_GD) + ", SpecGD lr = s; power law: eigenvalue i = (i/" + SIGNAL + ")^-alpha. Slopes: "
                + "least squares of log t on log d.";
        return new Figure(name(), title(), caption, 2, panels, 1200, 1000);
    }

    private static final String SPEC_ESCAPE = "SpecGD theory: (s + k lr)^2 tr(Sigma) = 0.1 lt";

    private static double[] toDouble(long[] v) {
        double[] x = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = v[i];
        }
        return x;
    }

    private static Panel panel(String title, double[] d, double[] gd, double[] spec, double low, double high,
                               Series theory, Series estimate) {
        Panel.Builder p = Panel.builder(title, Axis.log("d"), Axis.log("t = step x lr").range(low, high));
        p.add(Series.line("GD, slope " + slope(d, gd), Ink.GD, d, gd).withWidth(2.4f).withMarker(Series.Marker.CIRCLE));
        p.add(Series.line("SpecGD, slope " + slope(d, spec), Ink.SPECGD, d, spec).withWidth(2.4f)
                .withMarker(Series.Marker.SQUARE));
        if (theory != null) {
            p.add(theory.withDash(Series.Dash.DASHED).withWidth(1.4f));
        }
        if (estimate != null) {
            p.add(estimate.withDash(Series.Dash.DOTTED).withWidth(1.6f));
        }
        return p.build();
    }

    /** The least-squares slope of log y on log x over the finite points, to three decimals. */
    static String slope(double[] x, double[] y) {
        return String.format(Locale.ROOT, "%.3f", logLogSlope(x, y));
    }

    static double logLogSlope(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && y[i] > 0) {
                double u = Math.log(x[i]);
                double v = Math.log(y[i]);
                sx += u;
                sy += v;
                sxx += u * u;
                sxy += u * v;
                n++;
            }
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    /** The start scale {@code s} with {@code s^2 tr(Sigma) = START_FRACTION lt}. */
    static double startScale(ReducedModel model) {
        double trace = 0;
        for (int k = 0; k < model.size(); k++) {
            trace += model.weight(k);
        }
        return Math.sqrt(START_FRACTION * model.teacherMean() / trace);
    }

    /**
     * SpecGD's escape in closed form: while every gradient coefficient is negative, every coefficient is
     * {@code s + k lr}, so {@code E f = (s + k lr)^2 tr(Sigma)}, and the escape is the first step where it
     * reaches {@code lt / 10} (theory-notes/reduced-dynamics.md, sections 2 and 4). Returns its time.
     */
    static double specEscapeTime(ReducedModel model, double s, double lr) {
        double trace = 0;
        for (int k = 0; k < model.size(); k++) {
            trace += model.weight(k);
        }
        double x = Math.sqrt(Stages.ESCAPE_FRACTION * model.teacherMean() / trace);
        return Math.ceil((x - s) / lr) * lr;
    }

    /**
     * GD's escape estimated from the spike's linear growth (theory-notes/reduced-dynamics.md, section 2):
     * a step multiplies {@code b} by {@code 1 + lt lu lr}, and the escape is taken where {@code lu b^2} alone
     * reaches {@code lt / 10}. It leaves out the signal's and the bulk's share of {@code E f} and the slowing
     * of the growth as {@code T} rises, so it is early by a few steps.
     */
    static double gdEscapeEstimate(ReducedModel model, double s, double lr) {
        double lt = model.teacherMean();
        double lu = model.eigenvalue(model.spike());
        double steps = Math.log(Stages.ESCAPE_FRACTION * lt / (lu * s * s)) / (2 * Math.log1p(lt * lu * lr));
        return steps * lr;
    }

    /**
     * SpecGF's time to alignment 0.99 on its double-sliding branch (theory-notes/reduced-dynamics.md,
     * section 4, spiked case): {@code a = s + t}, {@code c^2 = (1 - a^2)/(d + 1)}, {@code b^2 = c^2/(1 + kappa)}.
     * With {@code u = a^2}, the alignment {@code a^2 / sqrt(a^4 + b^4 + (d - 2) c^4)} equals {@code q} where
     * {@code u sqrt(1/q^2 - 1) = (1 - u) sqrt(w)}, {@code w = ((d - 2) + 1/(1 + kappa)^2) / (d + 1)^2}.
     */
    static double specgfAligned(long d, double kappa, double s) {
        double q = 1 - Stages.DEFAULT_ALIGN_EPS;
        double w = Math.sqrt((d - 2 + 1 / ((1 + kappa) * (1 + kappa))) / ((d + 1.0) * (d + 1.0)));
        double u = w / (Math.sqrt(1 / (q * q) - 1) + w);
        return Math.sqrt(u) - s;
    }

    /** The steps of the escaped and aligned events of one run from {@code W0 = s I}; -1 where not reached. */
    record Events(long escaped, long aligned) {
    }

    /**
     * Runs GD or SpecGD from {@code W0 = s I} until the {@code aligned} event or {@code maxSteps}, and
     * returns the steps of its escaped and aligned events.
     */
    static Events events(ReducedModel model, boolean spectral, double s, double lr, long maxSteps) {
        StageTracker tracker = new StageTracker(model.teacherMean(), Stages.DEFAULT_ALIGN_EPS);
        DiscreteMaps.iterate(model, spectral, lr, maxSteps, State.isotropic(model.size(), s).toArray(),
                (k, map) -> tracker.observe(k, k * lr, map.signal(), map.spike(), map.bulk(), map.meanError(),
                        map.alignment(), map.change(), map.divergent()) && !tracker.aligned());
        return new Events(tracker.stepOf(Stages.ESCAPED), tracker.stepOf(Stages.ALIGNED));
    }

    /**
     * Over a list of dimensions: the start scale, the escape and alignment times of GD and SpecGD (NaN where
     * not reached), and SpecGD's escape in closed form.
     */
    record Times(double[] scale, double[] gdEscape, double[] specEscape, double[] gdAligned, double[] specAligned,
                 double[] specEscapeTheory) {

        static Times of(long[] dims, java.util.function.LongFunction<ReducedModel> problem) {
            double lrGd = LR_GD;
            int n = dims.length;
            Times out = new Times(new double[n], new double[n], new double[n], new double[n], new double[n],
                    new double[n]);
            for (int i = 0; i < n; i++) {
                ReducedModel model = problem.apply(dims[i]);
                double s = startScale(model);
                Events gd = events(model, false, s, lrGd, Math.round(T_MAX_GD / lrGd));
                Events spec = events(model, true, s, s, Math.round(T_MAX_SPEC / s));
                out.scale[i] = s;
                out.gdEscape[i] = time(gd.escaped(), lrGd);
                out.gdAligned[i] = time(gd.aligned(), lrGd);
                out.specEscape[i] = time(spec.escaped(), s);
                out.specAligned[i] = time(spec.aligned(), s);
                out.specEscapeTheory[i] = specEscapeTime(model, s, s);
            }
            return out;
        }

        private static double time(long step, double lr) {
            return step < 0 ? Double.NaN : step * lr;
        }
    }
}
