package io.specdyn.experiments;

import io.specdyn.analysis.Linearisation;
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
import io.specdyn.model.Algorithm;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * F16: GD against SpecGD with a teacher that is no covariance eigenvector (a random unit direction), in a
 * power-law spectrum and in a spiked one whose spike the teacher touches; full engine, {@code W0 = s I}.
 * Each row: the alignment over time, {@code a = sqrt(theta^T M theta)} on a log axis, and its growth rate
 * {@code d log a / dt}, with the flows linearised at {@code W = 0} overlaid ({@link Linearisation}): GD's
 * {@code a^2 = s^2 theta^T (I + lr A)^(2t/lr) theta}, its rate tending to {@code log(1 + lr mu) / lr}
 * ({@code mu} the top eigenvalue of {@code A = c Lambda + 2 Lambda theta theta^T Lambda}) and its
 * alignment to the teacher's share in A's top eigenvector; SpecGD's {@code W = (s + t) I} (rate
 * {@code 1 / (s + t)}, alignment {@code 1/sqrt(d)}) up to the end of its isotropic phase.
 */
final class F16RandomTeacher implements Experiment {
    static final int D = 64;
    /** The quick mode's dimension and end time, for CI. */
    static final int D_QUICK = 16;
    static final double T_END_QUICK = 1;
    static final double ALPHA = 1;
    static final double KAPPA = 5;
    static final double S = 1e-4;
    static final double LR = 1e-3;
    static final double T_END = 3;
    /** The spiked problem's teacher puts this share of its unit length on the spike: {@code theta_u^2}. */
    static final double SPIKE_SHARE = 0.1;
    /** The seed of the teacher's direction (java.util.Random's Gaussians, normalised). */
    static final long TEACHER_SEED = 16;
    /** The rate panels show the linear phase: t up to here. */
    static final double RATE_END = 1.6;

    @Override
    public String id() {
        return "F16";
    }

    @Override
    public String name() {
        return "F16-random-teacher";
    }

    @Override
    public String title() {
        return "F16. GD against SpecGD with a random teacher: alignment and early growth against the flows linearised at W = 0";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "full (population loss), canonical basis");
        p.put("d", d(quick));
        p.put("m", d(quick));
        p.put("spectra", "power law alpha " + ALPHA + " (signal index 10 has eigenvalue 1); spiked kappa " + KAPPA);
        p.put("teacher", "random unit, java.util.Random(" + TEACHER_SEED + ") Gaussians normalised; spiked: share "
                + SPIKE_SHARE + " on the spike");
        p.put("init-scale", S);
        p.put("lr", LR);
        p.put("t-end", tEnd(quick));
        return p;
    }

    static int d(boolean quick) {
        return quick ? D_QUICK : D;
    }

    static double tEnd(boolean quick) {
        return quick ? T_END_QUICK : T_END;
    }

    /** A random unit direction: d Gaussians from {@link #TEACHER_SEED}, divided by their norm. */
    static double[] randomDirection(int d) {
        Random random = new Random(TEACHER_SEED);
        double[] theta = new double[d];
        for (int i = 0; i < d; i++) {
            theta[i] = random.nextGaussian();
        }
        return unit(theta);
    }

    /**
     * The teacher of each problem: the random direction itself in the power law; in the spiked spectrum
     * {@code sqrt(SPIKE_SHARE) e_u + sqrt(1 - SPIKE_SHARE) r}, {@code r} the random direction with its spike
     * component removed and normalised, so that the teacher's share on the spike is fixed rather than the
     * {@code 1/d} of a random draw.
     */
    static double[] teacher(CovarianceSpectrum spectrum, boolean spiked) {
        int d = spectrum.dimension();
        double[] theta = randomDirection(d);
        if (spiked) {
            int u = spectrum.spike();
            theta[u] = 0;
            theta = unit(theta);
            for (int i = 0; i < d; i++) {
                theta[i] *= Math.sqrt(1 - SPIKE_SHARE);
            }
            theta[u] = Math.sqrt(SPIKE_SHARE);
        }
        return theta;
    }

    private static double[] unit(double[] v) {
        double n2 = 0;
        for (double x : v) {
            n2 += x * x;
        }
        double norm = Math.sqrt(n2);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    /** The two problems: a power law, and the spiked spectrum (its spike the second direction). */
    static List<CovarianceSpectrum> spectra(int d) {
        return List.of(CovarianceSpectrum.powerLaw(d, ALPHA, CovarianceSpectrum.defaultPowerLawSignal(d)),
                CovarianceSpectrum.spiked(d, KAPPA));
    }

    static Trajectory run(CovarianceSpectrum spectrum, double[] theta, Algorithm algorithm, double tEnd) {
        int d = spectrum.dimension();
        FullProblem problem = new FullProblem(d, spectrum, FullProblem.Basis.CANONICAL, 0).withTeacher(theta);
        return FullEngine.run(new FullRunSpec(problem, FullInit.OnManifold.isotropic(S), new LossSpec.Population(),
                algorithm, LR, Math.round(tEnd / LR), 1, Stages.DEFAULT_ALIGN_EPS));
    }

    /**
     * The growth rate {@code d log a / dt} between consecutive recorded rows, at their midpoints, up to
     * {@code until}; where {@code a} falls the rate is negative and left out of the log axis.
     */
    static double[][] rate(Trajectory t, double until) {
        List<double[]> points = new ArrayList<>();
        for (int i = 1; i < t.size(); i++) {
            double t0 = t.get(Column.T, i - 1);
            double t1 = t.get(Column.T, i);
            if (t1 > until) {
                break;
            }
            double r = (Math.log(t.get(Column.A, i)) - Math.log(t.get(Column.A, i - 1))) / (t1 - t0);
            if (r > 0) {
                points.add(new double[] {0.5 * (t0 + t1), r});
            }
        }
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }

    @Override
    public Figure build(boolean quick) {
        List<Panel> panels = new ArrayList<>();
        int d = d(quick);
        double tEnd = tEnd(quick);
        List<CovarianceSpectrum> spectra = spectra(d);
        String[] names = {"(a) power law, alpha " + F2StageOnePortrait.fmt(ALPHA), "(b) spiked, kappa " + F2StageOnePortrait.fmt(KAPPA)};
        for (int p = 0; p < spectra.size(); p++) {
            CovarianceSpectrum spectrum = spectra.get(p);
            double[] theta = teacher(spectrum, p == 1);
            Linearisation lin = Linearisation.of(spectrum.eigenvalues(), theta);
            Trajectory gd = run(spectrum, theta, Algorithm.GD, tEnd);
            Trajectory spec = run(spectrum, theta, Algorithm.SPECGD, tEnd);
            panels.addAll(row(names[p], d, tEnd, lin, gd, spec));
        }
        String caption = String.format(Locale.ROOT, "d = m = %d, W0 = %s I, lr %s, canonical basis, population loss. Teacher: "
                + "(a) a random unit vector (seed %d); (b) the same with theta_u^2 = %s on the spike. Dashed: the flows "
                + "linearised at W = 0, A = c Lambda + 2 Lambda theta theta^T Lambda. alignment = a^2 / |M|_F.", d,
                io.specdyn.io.Numbers.format(S), F2StageOnePortrait.fmt(LR), TEACHER_SEED, F2StageOnePortrait.fmt(SPIKE_SHARE));
        return new Figure(name(), title(), caption, 3, panels, 1800, 1150);
    }

    private static List<Panel> row(String name, int d, double tEnd, Linearisation lin, Trajectory gd, Trajectory spec) {
        double isoEnd = lin.isotropicEnd() - S;
        double early = Math.min(RATE_END, tEnd);
        double mu = lin.gdRate(LR);
        int points = 400;
        double[] t = new double[points + 1];
        double[] gdA = new double[points + 1];
        double[] gdAlign = new double[points + 1];
        for (int i = 0; i <= points; i++) {
            t[i] = early * i / points;
            gdA[i] = Math.sqrt(lin.gdSignal(S, t[i], LR));
            gdAlign[i] = lin.gdAlignment(t[i], LR);
        }
        // the linear GD's a where it stays below 1 (beyond, the linearisation has long stopped holding)
        int keep = 0;
        while (keep <= points && gdA[keep] < 1) {
            keep++;
        }
        double[] tl = java.util.Arrays.copyOf(t, keep);
        double[] iso = {0, isoEnd};

        Panel.Builder align = Panel.builder(name + ": alignment", Axis.linear("t = step x lr").range(0, tEnd),
                Axis.linear("alignment a^2 / |M|_F").range(0, 1.05));
        align.add(Plot.series("GD", Ink.GD, gd, Column.T, Column.ALIGNMENT, 800).withWidth(2.4f));
        align.add(Plot.series("SpecGD", Ink.SPECGD, spec, Column.T, Column.ALIGNMENT, 800).withWidth(2.4f));
        align.add(Series.line("GD linearised", Ink.GD, tl, java.util.Arrays.copyOf(gdAlign, keep))
                .withDash(Series.Dash.DASHED).withWidth(1.8f).withColor(Ink.GD.tint(0.4)));
        align.add(Series.line("SpecGD linearised: 1/sqrt(d) until t* = " + fmt3(isoEnd), Ink.SPECGD, iso,
                new double[] {1 / Math.sqrt(d), 1 / Math.sqrt(d)}).withDash(Series.Dash.DASHED).withWidth(1.8f)
                .withColor(Ink.SPECGD.tint(0.4)));
        align.horizontal(lin.topOverlap(), String.format(Locale.ROOT, "GD's early limit (theta . q)^2 = %.3f", lin.topOverlap()),
                Ink.THEORY);

        Panel.Builder size = Panel.builder(name + ": a = sqrt(theta^T M theta)", Axis.linear("t = step x lr").range(0, early),
                Axis.log("a").range(S / 2, 3));
        size.add(Plot.series("GD", Ink.GD, gd, Column.T, Column.A, 800).withWidth(2.4f));
        size.add(Plot.series("SpecGD", Ink.SPECGD, spec, Column.T, Column.A, 800).withWidth(2.4f));
        size.add(Series.line("GD linearised: s sqrt(theta^T (I + lr A)^(2t/lr) theta)", Ink.GD, tl,
                java.util.Arrays.copyOf(gdA, keep)).withDash(Series.Dash.DASHED).withWidth(1.8f).withColor(Ink.GD.tint(0.4)));
        // s + t, sampled densely: a straight segment would not be s + t on the log axis
        double[] st = new double[201];
        double[] sa = new double[st.length];
        double[] sy = new double[st.length];
        for (int i = 0; i < st.length; i++) {
            st[i] = i == 0 ? 0 : isoEnd * Math.pow(1e-4, 1 - (double) i / (st.length - 1));
            sa[i] = S + st[i];
            sy[i] = 1 / (S + st[i]);
        }
        size.add(Series.line("SpecGD linearised: s + t until t*", Ink.SPECGD, st, sa).withDash(Series.Dash.DASHED)
                .withWidth(1.8f).withColor(Ink.SPECGD.tint(0.4)));
        size.vertical(isoEnd, "t* = " + fmt3(isoEnd), Ink.REFERENCE);

        Panel.Builder rate = Panel.builder(name + ": growth rate d log a / dt", Axis.linear("t = step x lr").range(0, early),
                Axis.log("d log a / dt").range(0.3, 2e4));
        double[][] gr = rate(gd, early);
        double[][] sr = rate(spec, early);
        rate.add(Series.line("GD", Ink.GD, gr[0], gr[1]).withWidth(2.4f));
        rate.add(Series.line("SpecGD", Ink.SPECGD, sr[0], sr[1]).withWidth(2.4f));
        double[] tm = new double[Math.max(0, keep - 1)];
        double[] lm = new double[tm.length];
        for (int i = 0; i + 1 < keep; i++) {
            tm[i] = 0.5 * (t[i] + t[i + 1]);
            lm[i] = (Math.log(gdA[i + 1]) - Math.log(gdA[i])) / (t[i + 1] - t[i]);
        }
        rate.add(Series.line("GD linearised", Ink.GD, tm, lm).withDash(Series.Dash.DASHED).withWidth(1.8f)
                .withColor(Ink.GD.tint(0.4)));
        rate.add(Series.line("SpecGD linearised: 1 / (s + t) until t*", Ink.SPECGD, st, sy).withDash(Series.Dash.DASHED)
                .withWidth(1.8f).withColor(Ink.SPECGD.tint(0.4)));
        rate.horizontal(mu, String.format(Locale.ROOT, "GD's top rate log(1 + lr mu)/lr = %.3f (mu = %.3f)", mu,
                lin.teacherRate()), Ink.THEORY);
        return List.of(align.build(), size.build(), rate.build());
    }

    private static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
