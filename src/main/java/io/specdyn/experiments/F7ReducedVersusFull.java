package io.specdyn.experiments;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullEngine;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F7: the reduced maps against full-matrix training in a random eigenbasis (population loss,
 * W0 = s I): coefficients overlaid, and the full run's off-manifold residual over time.
 */
final class F7ReducedVersusFull implements Experiment {
    private static final double KAPPA = 5;
    private static final double S = 1e-3;
    private static final double LR_GD = 1e-2;
    private static final double LR_SPEC = 2e-3;
    private static final long STEPS_GD = 600;
    private static final long STEPS_SPEC = 1000;
    private static final long SEED = 0;

    private static int d(boolean quick) {
        return quick ? 32 : 128;
    }

    @Override
    public String id() {
        return "F7";
    }

    @Override
    public String name() {
        return "F7-reduced-versus-full";
    }

    @Override
    public String title() {
        return "F7. Reduced (a, b, c) dynamics against full-matrix training in a random basis";
    }

    @Override
    public Map<String, Object> parameters(boolean quick) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "reduced and full (population loss)");
        p.put("d", d(quick));
        p.put("m", d(quick));
        p.put("kappa", KAPPA);
        p.put("init-scale", S);
        p.put("basis", "random");
        p.put("seed", SEED);
        p.put("lr-gd", LR_GD);
        p.put("steps-gd", STEPS_GD);
        p.put("lr-specgd", LR_SPEC);
        p.put("steps-specgd", STEPS_SPEC);
        return p;
    }

    @Override
    public Figure build(boolean quick) {
        int d = d(quick);
        Trajectory gdReduced = reduced(d, Algorithm.GD, LR_GD, STEPS_GD);
        Trajectory gdFull = full(d, Algorithm.GD, LR_GD, STEPS_GD);
        Trajectory specReduced = reduced(d, Algorithm.SPECGD, LR_SPEC, STEPS_SPEC);
        Trajectory specFull = full(d, Algorithm.SPECGD, LR_SPEC, STEPS_SPEC);
        Panel gd = StandardViews.overlay("GD, lr " + LR_GD, Ink.GD, gdReduced, gdFull, 40);
        Panel spec = StandardViews.overlay("SpecGD, lr " + LR_SPEC, Ink.SPECGD, specReduced, specFull, 40);
        Panel.Builder residual = Panel.builder("off-manifold residual rho of the full runs",
                Axis.linear("step"), Axis.log("rho = |M - M_manifold|_F / |M|_F").range(1e-17, 1e-1));
        residual.add(Plot.series("GD", Ink.GD, gdFull, Column.STEP, Column.OFF_MANIFOLD, 1000).withWidth(2.2f));
        residual.add(Plot.series("SpecGD", Ink.SPECGD, specFull, Column.STEP, Column.OFF_MANIFOLD, 1000).withWidth(2.2f));
        residual.horizontal(1e-6, "1e-6", Ink.REFERENCE);
        // where the full SpecGD run settles against the reduced map's chattering, from the data: the bulk
        // settles below, the spike does not
        long from = STEPS_SPEC * 3 / 5;
        List<Panel.Note> notes = new java.util.ArrayList<>(spec.notes());
        notes.add(new Panel.Note(20, 7e-4, "from step " + from + " on:"));
        notes.add(new Panel.Note(20, 4e-4, "b: full " + range(specFull, Column.B, from) + ", reduced "
                + range(specReduced, Column.B, from)));
        notes.add(new Panel.Note(20, 2.3e-4, "c: full " + range(specFull, Column.C, from) + ", reduced "
                + range(specReduced, Column.C, from)));
        spec = new Panel(spec.title(), spec.x(), spec.y(), spec.series(), spec.fields(), spec.guides(), notes, spec.maps());
        return new Figure(name(), title(), "d = m = " + d + ", kappa = " + KAPPA + ", W0 = " + S + " I, random basis (seed "
                + SEED + "). Lines: reduced maps; markers: full training measured back onto (a, b, c); M = W^T W.", 3,
                List.of(gd, spec, residual.build()), 1650, 640);
    }

    private static Trajectory reduced(int d, Algorithm algo, double lr, long steps) {
        return Runs.discrete(ReducedModel.spiked(d, KAPPA), S, algo, lr, steps * lr);
    }

    private static Trajectory full(int d, Algorithm algo, double lr, long steps) {
        FullProblem problem = new FullProblem(d, CovarianceSpectrum.spiked(d, KAPPA), FullProblem.Basis.RANDOM, SEED);
        return FullEngine.run(new FullRunSpec(problem, FullInit.OnManifold.isotropic(S), new LossSpec.Population(), algo,
                lr, steps, 1, Stages.DEFAULT_ALIGN_EPS));
    }

    /** The smallest and largest |column| and its mean over the rows from step {@code from} on, as text. */
    private static String range(Trajectory t, Column column, long from) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(Column.STEP, i) >= from) {
                double v = Math.abs(t.get(column, i));
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                sum += v;
                n++;
            }
        }
        return String.format(Locale.ROOT, "%.2g-%.2g (mean %.3g)", lo, hi, sum / n);
    }
}
