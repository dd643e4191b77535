package io.specdyn.experiments;

import io.specdyn.figures.ArrowField;
import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standard views of one run (trajectories, alignment and loss, the phase portrait of its
 * algorithm, and for full runs the off-manifold residual) and of a reduced-against-full comparison.
 * Built from trajectories and the problem only; nothing is run.
 */
public final class StandardViews {
    private StandardViews() {
    }

    /**
     * @param t     a trajectory with columns a, b and either c (the three-group model, full runs) or
     *              bulk_rms (reduced runs of other spectra), loss and alignment
     * @param model the reduced problem, for the phase portrait's direction field; empty for a
     *              spectrum with no three-level reduction
     */
    public static Figure run(String name, String title, Algorithm algorithm, Trajectory t, Optional<ReducedModel> model) {
        Ink ink = Ink.of(algorithm);
        List<Panel> panels = new ArrayList<>();
        Column bulk = t.has(Column.BULK_RMS) ? Column.BULK_RMS : Column.C;
        double[] span = span(t, Column.A, Column.B, bulk);
        Panel.Builder coefficients = Panel.builder("coefficients", Axis.linear("t"),
                Axis.log("coefficient (magnitude)").range(span[0], span[1]));
        coefficients.add(Plot.magnitude("a (signal)", ink, t, Column.T, Column.A, 3000).withWidth(2.6f));
        coefficients.add(Plot.magnitude("b (spike)", ink, t, Column.T, Column.B, 3000).withDash(Series.Dash.DASHED));
        coefficients.add(Plot.magnitude(bulk == Column.C ? "c (bulk)" : "bulk rms", ink, t, Column.T, bulk, 3000)
                .withDash(Series.Dash.DOTTED).withWidth(2.4f));
        events(coefficients, t);
        panels.add(coefficients.build());
        Panel.Builder fit = Panel.builder("alignment and loss", Axis.linear("t"), Axis.log("alignment A, loss L"));
        fit.add(Plot.series("alignment", ink, t, Column.T, Column.ALIGNMENT, 3000).withWidth(2.4f));
        fit.add(Plot.series("loss", Ink.THEORY, t, Column.T, Column.LOSS, 3000).withDash(Series.Dash.DASHED));
        events(fit, t);
        panels.add(fit.build());
        panels.add(portrait(algorithm, t, model));
        if (t.has(Column.OFF_MANIFOLD)) {
            Panel.Builder residual = Panel.builder("off-manifold residual", Axis.linear("t"), Axis.log("rho").range(1e-17, 1));
            residual.add(Plot.series("residual", ink, t, Column.T, Column.OFF_MANIFOLD, 3000).withWidth(2.2f));
            panels.add(residual.build());
        }
        return new Figure(name, title, "specdyn plot: standard views of a run.", 2, panels, 1200, 950);
    }

    /**
     * A log range in whole decades covering the magnitudes of the columns, at most five decades below
     * their largest value (a coefficient that lands on or near 0 would otherwise drag it to 1e-300), and
     * at most 1e300.
     */
    static double[] span(Trajectory t, Column... columns) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Column c : columns) {
            for (double v : t.column(c)) {
                double m = Math.abs(v);
                if (m > 0 && Double.isFinite(m)) {
                    lo = Math.min(lo, m);
                    hi = Math.max(hi, m);
                }
            }
        }
        if (!(hi > 0)) {
            return new double[] {1e-3, 1};
        }
        // at most 1e300: a decade above a start near the largest double is infinite, and no axis reaches it
        double top = Math.min(Math.pow(10, Math.ceil(Math.log10(hi))), 1e300);
        double bottom = Math.max(Math.pow(10, Math.floor(Math.log10(lo))), top / 1e5);
        return new double[] {Math.min(bottom, top / 100), top};
    }

    /** The (a, b) plane, log-log, with the trajectory and the direction field of the algorithm's flow. */
    private static Panel portrait(Algorithm algorithm, Trajectory t, Optional<ReducedModel> model) {
        double[] span = span(t, Column.A, Column.B);
        double lo = span[0];
        double hi = span[1];
        Panel.Builder p = Panel.builder("phase portrait (a, b)", Axis.log("a (signal)").range(lo, hi),
                Axis.log("b (spike)").range(lo, hi));
        boolean spectral = algorithm.isSpectral();
        if (model.isPresent() && t.has(Column.C)) {
            double c = Math.abs(t.get(Column.C, 0));
            double[] grid = Plot.logspace(lo, hi, 11);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                for (int j = 0; j < 10; j++) {
                    double a = Math.sqrt(grid[i] * grid[i + 1]);
                    double b = Math.sqrt(grid[j] * grid[j + 1]);
                    Coefficients g = model.get().gradient(a, b, c);
                    points.add(new double[] {a, b, spectral ? -Math.signum(g.a()) : -g.a(), spectral ? -Math.signum(g.b()) : -g.b()});
                }
            }
            double[][] cols = F2StageOnePortrait.transpose(points);
            Ink field = spectral ? Ink.SPECGF : Ink.GF;
            p.add(new ArrowField((spectral ? "SpecGF" : "GF") + " direction at c = c(0)", field.tint(0.15), cols[0], cols[1],
                    cols[2], cols[3]));
        }
        p.add(Plot.magnitude("trajectory", Ink.of(algorithm), t, Column.A, Column.B, 3000).withWidth(2.6f));
        return p.build();
    }

    /** Reduced (lines) against full (markers), and the full run's residual, from a compare folder's runs. */
    public static Figure comparison(String name, String title, Algorithm algorithm, Trajectory reduced, Trajectory full) {
        Ink ink = Ink.of(algorithm);
        Panel overlay = overlay("reduced (lines) and full (markers)", ink, reduced, full, 50);
        Panel.Builder residual = Panel.builder("off-manifold residual of the full run", Axis.linear("step"),
                Axis.log("rho").range(1e-17, 1));
        residual.add(Plot.series("residual", ink, full, Column.STEP, Column.OFF_MANIFOLD, 3000).withWidth(2.2f));
        residual.horizontal(1e-6, "1e-6", Ink.REFERENCE);
        return new Figure(name, title, "specdyn plot: a compare folder.", 2, List.of(overlay, residual.build()), 1200, 560);
    }

    /** a, b, c of a reduced run (lines, the algorithm's ink) and of a full run ({@code markers} markers each), by step. */
    static Panel overlay(String title, Ink ink, Trajectory reduced, Trajectory full, int markers) {
        Panel.Builder p = Panel.builder(title, Axis.linear("step"), Axis.log("coefficient (magnitude)").range(1e-4, 2));
        Series.Dash[] dashes = {Series.Dash.SOLID, Series.Dash.DASHED, Series.Dash.DOTTED};
        Series.Marker[] shapes = {Series.Marker.CIRCLE, Series.Marker.SQUARE, Series.Marker.TRIANGLE};
        Column[] columns = {Column.A, Column.B, Column.C};
        String[] names = {"a", "b", "c"};
        boolean groups = !reduced.has(Column.C);
        for (int i = 0; i < 3; i++) {
            // a spectrum of other groups: the full run's c (root mean square of every direction but signal and
            // spike) against the reduced run's bulk_rms, the same quantity when the spike group is one direction
            Column r = groups && i == 2 ? Column.BULK_RMS : columns[i];
            p.add(Plot.magnitude(names[i] + " reduced", ink, reduced, Column.STEP, r, 3000).withDash(dashes[i]));
            p.add(Plot.magnitude(names[i] + " full", Ink.THEORY, full, Column.STEP, columns[i], markers).points(shapes[i]));
        }
        return p.build();
    }

    private static void events(Panel.Builder p, Trajectory t) {
        for (String name : new String[] {"escaped", "aligned"}) {
            t.event(name).map(StageEvent::t).ifPresent(v -> p.vertical(v, name, Ink.REFERENCE));
        }
    }
}
