package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.io.Numbers;
import io.specdyn.linalg.NewtonSchulz;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.reduced.DiscreteMaps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F14: Muon's Newton-Schulz factor against the exact polar factor. The iteration maps each singular
 * value {@code s} of {@code G / (|G|_F + eps)} to {@code p^n(s)}, {@code p(s) = a s + b s^3 + c s^5}
 * ({@link NewtonSchulz#scalar}); the polar factor maps every nonzero one to 1. Panel 1 draws the map for
 * 1 to 5 and 10 steps with the band {@code [m, p(m)]} it ends in ({@code m} the local minimum of {@code p});
 * panel 2 follows a SpecGD run on the spiked manifold, where the singular values are the groups'
 * {@code |g_k|} with multiplicities {@code n_k}, so the normalisation is {@code sqrt(sum n_k g_k^2)}: the
 * bulk's d - 2 directions make its normalised value small and its Newton-Schulz factor far from 1.
 */
final class F14NewtonSchulz implements Experiment {
    static final int D = 100;
    static final double KAPPA = 5;
    static final double S = 1e-3;
    static final double LR = 1e-3;
    static final double T_END = 1.6;
    /** The legends give the ranges over t >= LATE, where SpecGD chatters about the minimiser. */
    static final double LATE = 1.1;
    /** The published {@code eps} of {@code X0 = U / (|U|_F + eps)}. */
    static final double EPS = 1e-7;
    static final int[] STEPS = {1, 2, 3, 4, 5, 10};
    /** The run's panels draw the largest and smallest value in windows of this many steps. */
    private static final int WINDOW = 10;
    /** Points of the map's curves on [0, 1]. */
    private static final int GRID = 600;
    /** Points of the scan for where the 5-step map enters its band. */
    private static final int SCAN = 1_000_000;

    @Override
    public String id() {
        return "F14";
    }

    @Override
    public String name() {
        return "F14-newton-schulz";
    }

    @Override
    public String title() {
        return "F14. Muon's Newton-Schulz map of singular values against the exact polar factor's 1";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("coefficients", new double[] {NewtonSchulz.A, NewtonSchulz.B, NewtonSchulz.C});
        p.put("ns-steps", STEPS);
        p.put("ns-eps", EPS);
        p.put("engine", "reduced (discrete maps), SpecGD");
        p.put("d", D);
        p.put("kappa", KAPPA);
        p.put("init-scale", S);
        p.put("lr", LR);
        p.put("t-end", T_END);
        return p;
    }

    /**
     * Where the 5-step map settles: {@code m = p(s2)}, the local minimum of {@code p} at
     * {@code s2^2 = (-3b + sqrt(9b^2 - 20ac)) / (10c)}, and {@code top = p(m)}; p maps {@code [m, top]}
     * into itself (it decreases from {@code m} to {@code s2} and rises again below {@code top}).
     * {@code enter} is the smallest grid point s of [0, 1] from which {@code p^5} stays in the band up to
     * 1; {@code half} the smallest s with {@code p^5(s) = 0.5} (bisection below the first grid point
     * reaching it).
     */
    record Band(double low, double top, double enter, double half) {
        static Band of(int steps) {
            double a = NewtonSchulz.A;
            double b = NewtonSchulz.B;
            double c = NewtonSchulz.C;
            double s2 = Math.sqrt((-3 * b + Math.sqrt(9 * b * b - 20 * a * c)) / (10 * c));
            double low = NewtonSchulz.scalar(s2, 1);
            double top = NewtonSchulz.scalar(low, 1);
            int enter = SCAN;
            while (enter > 0) {
                double v = NewtonSchulz.scalar((double) (enter - 1) / SCAN, steps);
                if (v < low || v > top) {
                    break;
                }
                enter--;
            }
            int first = 0;
            while (NewtonSchulz.scalar((double) first / SCAN, steps) < 0.5) {
                first++;
            }
            double lo = (double) (first - 1) / SCAN;
            double hi = (double) first / SCAN;
            for (int i = 0; i < 60; i++) {
                double mid = 0.5 * (lo + hi);
                if (NewtonSchulz.scalar(mid, steps) < 0.5) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return new Band(low, top, (double) enter / SCAN, hi);
        }
    }

    /** The groups' normalised gradient values {@code |g_k| / (sqrt(sum n_k g_k^2) + eps)} at state {@code w}. */
    static double[] normalised(ReducedModel model, double[] w, double eps) {
        double[] g = model.gradient(w);
        double sum = 0;
        for (int k = 0; k < g.length; k++) {
            sum += model.multiplicity(k) * g[k] * g[k];
        }
        double norm = Math.sqrt(sum) + eps;
        double[] u = new double[g.length];
        for (int k = 0; k < g.length; k++) {
            u[k] = Math.abs(g[k]) / norm;
        }
        return u;
    }

    @Override
    public Figure build(boolean quick) {
        List<Panel> panels = new ArrayList<>();
        panels.add(mapPanel());
        panels.addAll(runPanels());
        return new Figure(name(), title(), caption(), 1, panels, 1100, 1500);
    }

    private static String caption() {
        return String.format(Locale.ROOT, "p(s) = %s s - %s s^3 + %s s^5, s = singular value / (|G|_F + eps), eps = %s. "
                        + "Runs: W0 = %s I, lr %s; legends: range over t >= %s.", NewtonSchulz.A, -NewtonSchulz.B,
                NewtonSchulz.C, Numbers.format(EPS), S, LR, F2StageOnePortrait.fmt(LATE));
    }

    private static Panel mapPanel() {
        Band band = Band.of(NewtonSchulz.STEPS);
        Panel.Builder p = Panel.builder("The map s -> p^n(s) of n Newton-Schulz steps against the polar factor's",
                Axis.linear("s = singular value / |G|_F").range(0, 1), Axis.linear("output singular value").range(0, 1.3));
        // (i / GRID)^2: dense near 0, where the maps rise within s < 0.002
        double[] s = new double[GRID + 1];
        for (int i = 0; i <= GRID; i++) {
            double r = (double) i / GRID;
            s[i] = r * r;
        }
        for (int n : STEPS) {
            double[] y = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                y[i] = NewtonSchulz.scalar(s[i], n);
            }
            Series line = Series.line(n + (n == 1 ? " step" : " steps"), Ink.MUON, s, y);
            if (n == NewtonSchulz.STEPS) {
                p.add(line.withWidth(2.8f));
            } else if (n < NewtonSchulz.STEPS) {
                p.add(line.withColor(Ink.MUON.tint(0.75 - 0.15 * n)).withWidth(1.4f));
            } else {
                p.add(line.withDash(Series.Dash.DOTTED).withWidth(1.6f));
            }
        }
        p.add(Series.line("exact polar factor: 0 at s = 0, 1 for s > 0", Ink.SPECGD, new double[] {0, 0, 1},
                new double[] {0, 1, 1}).withWidth(2.4f).withDash(Series.Dash.DASHED));
        p.horizontal(band.low(), String.format(Locale.ROOT, "band [m, p(m)]: m = %.4f (local minimum of p)", band.low()),
                Ink.THEORY);
        p.horizontal(band.top(), String.format(Locale.ROOT, "p(m) = %.4f; 5 steps land in the band for s >= %.4f",
                band.top(), band.enter()), Ink.THEORY);
        p.vertical(band.half(), String.format(Locale.ROOT, "5 steps reach 0.5 at s = %.3g", band.half()), Ink.REFERENCE);
        return p.build();
    }

    /** The run's panels: the groups' normalised values, and their 5-step factors. */
    private static List<Panel> runPanels() {
        ReducedModel model = ReducedModel.spiked(D, KAPPA);
        long steps = Math.round(T_END / LR);
        int n = (int) steps + 1;
        double[] t = new double[n];
        double[][] u = new double[3][n];
        double[][] f = new double[3][n];
        DiscreteMaps.iterate(model, true, LR, steps, State.isotropic(model.size(), S).toArray(), (k, map) -> {
            int i = (int) k;
            t[i] = k * LR;
            double[] v = normalised(model, map.state(), EPS);
            for (int g = 0; g < 3; g++) {
                u[g][i] = v[g];
                f[g][i] = NewtonSchulz.scalar(v[g], NewtonSchulz.STEPS);
            }
            return true;
        });
        String setting = "SpecGD on the spiked manifold, d = " + D + ", kappa = " + F2StageOnePortrait.fmt(KAPPA);
        Panel.Builder values = Panel.builder(setting + ": each group's |g_k| / (sqrt(sum_k n_k g_k^2) + eps)",
                Axis.linear("t = step x lr").range(0, T_END), Axis.log("normalised value").range(1e-4, 2));
        Panel.Builder factors = Panel.builder(setting + ": each group's 5-step Newton-Schulz factor p^5 (SpecGD's is 1)",
                Axis.linear("t = step x lr").range(0, T_END), Axis.linear("factor").range(0, 1.3));
        String[] names = {"a (signal)", "b (spike)", "c (bulk, " + (D - 2) + " directions)"};
        Series.Dash[] dashes = {Series.Dash.SOLID, Series.Dash.DASHED, Series.Dash.DOTTED};
        long late = Math.round(LATE / LR);
        for (int g = 0; g < 3; g++) {
            String from = "over t >= " + F2StageOnePortrait.fmt(LATE) + " in ";
            envelope(values, names[g], from + range(u[g], late), Ink.THEORY, dashes[g], t, u[g]);
            envelope(factors, names[g], from + range(f[g], late), Ink.MUON, dashes[g], t, f[g]);
        }
        factors.horizontal(1, "exact polar factor (SpecGD): 1 for every group", Ink.SPECGD);
        return List.of(values.build(), factors.build());
    }

    /**
     * The largest and the smallest of {@code v} in each window of {@code WINDOW} steps (SpecGD chatters from
     * step to step, and every step drawn would fill the panel): two lines, the smallest in a lighter tint. A last
     * partial window is left out.
     */
    private static void envelope(Panel.Builder p, String name, String late, Ink ink, Series.Dash dash, double[] t, double[] v) {
        int windows = v.length / WINDOW;
        double[] x = new double[windows];
        double[] top = new double[windows];
        double[] bottom = new double[windows];
        for (int w = 0; w < windows; w++) {
            int from = w * WINDOW;
            int to = from + WINDOW;
            x[w] = t[from];
            top[w] = Double.NEGATIVE_INFINITY;
            bottom[w] = Double.POSITIVE_INFINITY;
            for (int i = from; i < to; i++) {
                top[w] = Math.max(top[w], v[i]);
                bottom[w] = Math.min(bottom[w], v[i]);
            }
        }
        p.add(Series.line(name + ": largest per " + WINDOW + " steps; " + late, ink, x, top).withDash(dash).withWidth(2.4f));
        p.add(new Series(name + ": smallest per " + WINDOW + " steps", ink.tint(0.5), dash, 2.4f, Series.Marker.NONE,
                x, bottom));
    }

    /** The range of {@code v} from index {@code from} on, as {@code [min, max]}. */
    private static String range(double[] v, long from) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = (int) from; i < v.length; i++) {
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
        }
        return String.format(Locale.ROOT, "[%.3g, %.3g]", lo, hi);
    }
}
