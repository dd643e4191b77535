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
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F9: a power-law covariance (eigenvalue i equal to (i / 10)^(-alpha), 1 on the signal at index 10,
 * so nine directions carry more variance than the signal): GD against SpecGD on the reduced engine,
 * one group per direction. At d = 100 the full simulator, in a random basis, is drawn over the
 * reduced runs as their check; at d up to 10^6 the reduced runs show what a longer tail of small
 * eigenvalues does.
 */
final class F9PowerLaw implements Experiment {
    private static final double[] ALPHAS = {1, 2};
    /** GD's rates: at the start a step multiplies the top direction by 1 + 10^alpha lr (1.05 and 1.2). */
    private static final double[] LR_GD = {5e-3, 2e-3};
    private static final double LR_SPEC = 2e-3;
    private static final int SIGNAL = 10;
    private static final double S = 1e-3;
    private static final long SEED = 0;
    /** The exponent of the runs at larger d. */
    private static final double ALPHA_LARGE = 1;
    /** Full-simulator markers per run. */
    private static final int MARKERS = 24;

    private static int d(boolean quick) {
        return quick ? 30 : 100;
    }

    private static double tEnd(boolean quick) {
        return quick ? 2 : 4;
    }

    private static long[] largeDims(boolean quick) {
        return quick ? new long[] {100, 1_000, 10_000} : new long[] {100, 10_000, 1_000_000};
    }

    /** End of the larger-d GD runs. */
    private static double tLarge(boolean quick) {
        return quick ? 2 : 3;
    }

    /** End of the larger-d SpecGD runs: they have come to rest (a cycle of period 2) by then. */
    private static final double T_LARGE_SPEC = 1.2;

    /** End of the full SpecGD runs: aligned and chattering, where the check panel shows it leave the reduced map. */
    private static double tFullSpec(boolean quick) {
        return quick ? 1.2 : 2;
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
        return "F9. Power-law covariance: GD against SpecGD on the reduced engine, checked by the full simulator, and at larger d";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced (one group per direction); full (population loss) as the check");
        p.put("spectrum", "power-law, eigenvalue i = (i / 10)^(-alpha)");
        p.put("signal-index", SIGNAL);
        p.put("init-scale", S);
        p.put("lr-gd", LR_GD);
        p.put("lr-specgd", LR_SPEC);
        p.put("d", d(quick));
        p.put("alpha", ALPHAS);
        p.put("t-end", tEnd(quick));
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("d", d(quick));
        check.put("m", d(quick));
        check.put("basis", "random");
        check.put("seed", SEED);
        check.put("t-end-gd", tEnd(quick));
        check.put("t-end-specgd", tFullSpec(quick));
        check.put("deviation", "largest |alignment of the full run - alignment of the reduced run| over the steps of "
                + "the full run, and the first time it exceeds 1e-12 (in the check panel's legend)");
        p.put("full-check", check);
        Map<String, Object> large = new LinkedHashMap<>();
        large.put("d", largeDims(quick));
        large.put("alpha", ALPHA_LARGE);
        large.put("t-end-gd", tLarge(quick));
        large.put("t-end-specgd", T_LARGE_SPEC);
        p.put("larger-d", large);
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        int d = d(quick);
        double tEnd = tEnd(quick);
        Axis time = Axis.linear("t = step x learning rate").range(0, tEnd);
        Panel.Builder alignment = Panel.builder("alignment, d = " + d + " (lines reduced, markers full)", time,
                Axis.log("alignment A").range(1e-4, 1.5));
        Panel.Builder signal = Panel.builder("signal coefficient a, d = " + d, time, Axis.log("a").range(5e-4, 2));
        Panel.Builder check = Panel.builder("full simulator against reduced, d = " + d, time,
                Axis.log("|A full - A reduced| (0 drawn at 1e-17)").range(1e-17, 1));
        Series.Dash[] dashes = {Series.Dash.SOLID, Series.Dash.DASHED};
        Series.Marker[] shapes = {Series.Marker.CIRCLE, Series.Marker.SQUARE};
        for (int i = 0; i < ALPHAS.length; i++) {
            double alpha = ALPHAS[i];
            String a = "alpha " + F2StageOnePortrait.fmt(alpha);
            for (Algorithm algo : new Algorithm[] {Algorithm.GD, Algorithm.SPECGD}) {
                boolean gd = algo == Algorithm.GD;
                double lr = gd ? LR_GD[i] : LR_SPEC;
                Trajectory reduced = Runs.discrete(model(d, alpha), S, algo, lr, tEnd);
                Trajectory full = full(d, alpha, algo, lr, Math.round((gd ? tEnd : tFullSpec(quick)) / lr));
                Ink ink = Ink.of(algo);
                String name = gd ? "GD" : "SpecGD";
                String label = name + ", " + a + ", lr " + Numbers.format(lr) + ", aligned at t = "
                        + time(reduced, Stages.ALIGNED);
                alignment.add(Plot.series(label, ink, reduced, Column.T, Column.ALIGNMENT, 500).withDash(dashes[i])
                        .withWidth(2.4f));
                alignment.add(Plot.series(name + " full, " + a, ink, full, Column.T, Column.ALIGNMENT, MARKERS)
                        .points(shapes[i]).withColor(Ink.THEORY.color()));
                signal.add(Plot.magnitude(name + ", " + a, ink, reduced, Column.T, Column.A, 500).withDash(dashes[i])
                        .withWidth(2.4f));
                signal.add(Plot.magnitude(name + " full, " + a, ink, full, Column.T, Column.A, MARKERS)
                        .points(shapes[i]).withColor(Ink.THEORY.color()));
                Deviation dev = Deviation.of(reduced, full);
                check.add(dev.series(name + ", " + a + ": " + dev.summary(), ink, 600)
                        .withDash(dashes[i]).withWidth(1.4f));
            }
        }
        check.horizontal(Deviation.ROUND_OFF, "1e-12", Ink.REFERENCE);
        alignment.horizontal(0.99, "0.99", Ink.REFERENCE);

        double tLarge = tLarge(quick);
        Axis largeTime = Axis.linear("t = step x learning rate").range(0, tLarge);
        String large = "alpha = " + F2StageOnePortrait.fmt(ALPHA_LARGE);
        Panel.Builder largeAlignment = Panel.builder("alignment at larger d, " + large, largeTime,
                Axis.log("alignment A").range(1e-4, 1.5));
        Panel.Builder largeSignal = Panel.builder("signal coefficient a at larger d, " + large, largeTime,
                Axis.log("a").range(5e-4, 2));
        Panel.Builder largeBulk = Panel.builder("bulk root mean square at larger d, " + large, largeTime,
                Axis.log("bulk RMS (all groups but signal and top)").range(5e-4, 0.5));
        Series.Dash[] byD = {Series.Dash.SOLID, Series.Dash.DASHED, Series.Dash.DOTTED};
        long[] dims = largeDims(quick);
        for (int j = 0; j < dims.length; j++) {
            ReducedModel model = model(dims[j], ALPHA_LARGE);
            Trajectory gd = Runs.discrete(model, S, Algorithm.GD, LR_GD[0], tLarge);
            Trajectory spec = Runs.discrete(model, S, Algorithm.SPECGD, LR_SPEC, T_LARGE_SPEC);
            String label = "d = " + power(dims[j]);
            for (Trajectory t : new Trajectory[] {gd, spec}) {
                boolean isGd = t == gd;
                Ink ink = isGd ? Ink.GD : Ink.SPECGD;
                String name = (isGd ? "GD, " : "SpecGD, ") + label;
                largeAlignment.add(Plot.series(name + ", aligned at t = " + time(t, Stages.ALIGNED), ink, t, Column.T,
                        Column.ALIGNMENT, 300).withDash(byD[j]).withWidth(2.4f));
                largeSignal.add(Plot.magnitude(name, ink, t, Column.T, Column.A, 300).withDash(byD[j]).withWidth(2.4f));
                // every step of SpecGD, whose settled 2-cycle is drawn as a band (a stride would alias it)
                largeBulk.add(Plot.series(name, ink, t, Column.T, Column.BULK_RMS, isGd ? 300 : t.size())
                        .withDash(byD[j]).withWidth(2.4f));
            }
        }
        largeAlignment.horizontal(0.99, "0.99", Ink.REFERENCE);

        String caption = "Eigenvalue i = (i/" + SIGNAL + ")^-alpha, signal at index " + SIGNAL + ", W0 = " + S
                + " I; one reduced group per direction. Markers: full simulator, d = m = " + d + ", random basis. "
                + "Larger d: GD lr " + Numbers.format(LR_GD[0]) + ", SpecGD lr " + Numbers.format(LR_SPEC) + ", drawn to t = "
                + Numbers.format(T_LARGE_SPEC) + " (settled).";
        return new Figure(name(), title(), caption, 3, List.of(alignment.build(), signal.build(), check.build(),
                largeAlignment.build(), largeSignal.build(), largeBulk.build()), 1650, 1000);
    }

    private static ReducedModel model(long d, double alpha) {
        return new ReducedModel(GroupSpectrum.powerLaw(d, alpha, SIGNAL));
    }

    /** The same problem as {@link #model} in a random eigenbasis, every step recorded. */
    private static Trajectory full(int d, double alpha, Algorithm algo, double lr, long steps) {
        FullProblem problem = new FullProblem(d, CovarianceSpectrum.of(GroupSpectrum.powerLaw(d, alpha, SIGNAL)),
                FullProblem.Basis.RANDOM, SEED);
        return FullEngine.run(new FullRunSpec(problem, FullInit.OnManifold.isotropic(S), new LossSpec.Population(), algo,
                lr, steps, 1, Stages.DEFAULT_ALIGN_EPS));
    }

    private static String time(Trajectory t, String event) {
        return t.event(event).map(e -> String.format(Locale.ROOT, "%.3g", e.t())).orElse("not reached");
    }

    /** {@code 10^k} for a power of ten, else the number. */
    static String power(long d) {
        long p = 1;
        for (int k = 0; k < 19; k++, p *= 10) {
            if (p == d) {
                return k <= 2 ? Long.toString(d) : "10^" + k;
            }
        }
        return Long.toString(d);
    }

    /**
     * The full run's alignment against the reduced run's at the same steps: {@code |A_full - A_reduced|} at
     * each step of the full run, its largest value over them, and the first time it exceeds {@link #ROUND_OFF}
     * (NaN if never).
     */
    record Deviation(double[] t, double[] alignment, double max, double leaves) {
        /** Far above the round-off of a d = 100 run (about 1e-15), far below what a plot shows. */
        static final double ROUND_OFF = 1e-12;

        /** Zeros raised to 1e-17, so that exact agreement shows on a log axis. */
        double[] drawn() {
            double[] y = alignment.clone();
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(y[i], 1e-17);
            }
            return y;
        }

        /**
         * The deviation against t as drawn: at most {@code max} evenly chosen steps, plus the step of the
         * largest deviation and the first above {@link #ROUND_OFF}, so that the numbers of the summary are
         * points of the series and of its CSV.
         */
        Series series(String label, Ink ink, int max) {
            java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
            for (int row : Plot.rows(t.length, max)) {
                chosen.add(row);
            }
            for (int i = 0; i < t.length; i++) {
                if (alignment[i] == this.max || alignment[i] > ROUND_OFF && (i == 0 || !(alignment[i - 1] > ROUND_OFF)
                        && t[i] == leaves)) {
                    chosen.add(i);
                }
            }
            int[] rows = chosen.stream().mapToInt(Integer::intValue).toArray();
            double[] y = drawn();
            double[] xs = new double[rows.length];
            double[] ys = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                xs[i] = t[rows[i]];
                ys[i] = y[rows[i]];
            }
            return Series.line(label, ink, xs, ys);
        }

        String summary() {
            String largest = String.format(Locale.ROOT, "max %.1e", max);
            return Double.isNaN(leaves) ? largest
                    : String.format(Locale.ROOT, "%s, above 1e-12 from t = %.3g", largest, leaves);
        }

        /**
         * Over the rows of the full run, which must be the first rows of the reduced run (both record every step).
         *
         * @throws IllegalArgumentException if they are not (a diverged run, another recording)
         */
        static Deviation of(Trajectory reduced, Trajectory full) {
            int n = full.size();
            if (reduced.size() < n) {
                throw new IllegalArgumentException("the reduced run has " + reduced.size() + " rows, the full run " + n);
            }
            double[] t = new double[n];
            double[] dev = new double[n];
            double max = 0;
            double leaves = Double.NaN;
            for (int i = 0; i < n; i++) {
                if (reduced.get(Column.STEP, i) != full.get(Column.STEP, i)) {
                    throw new IllegalArgumentException("row " + i + " is step " + reduced.get(Column.STEP, i)
                            + " of the reduced run and step " + full.get(Column.STEP, i) + " of the full run");
                }
                t[i] = reduced.get(Column.T, i);
                dev[i] = Math.abs(full.get(Column.ALIGNMENT, i) - reduced.get(Column.ALIGNMENT, i));
                max = Math.max(max, dev[i]);
                if (dev[i] > ROUND_OFF && Double.isNaN(leaves)) {
                    leaves = t[i];
                }
            }
            return new Deviation(t, dev, max, leaves);
        }
    }
}
