package io.specdyn.explore;

import io.specdyn.figures.Axis;
import io.specdyn.figures.Figure;
import io.specdyn.figures.FigureRenderer;
import io.specdyn.figures.Ink;
import io.specdyn.figures.Panel;
import io.specdyn.figures.Series;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Trajectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The page's views of one or two computed runs, drawn by the project's figure code as SVG: the
 * coefficients over the steps, alignment and loss, and the stage I (a, b) and stage II (a, c) planes;
 * and each run's stage events and steps to alignment in words. Built from trajectories only.
 */
public final class ExploreViews {
    /** The view names, in page order. */
    public static final List<String> NAMES = List.of("coefficients", "alignment", "stage1", "stage2");
    private static final int WIDTH = 560;
    private static final int HEIGHT = 400;

    /** A computed run and what it was asked as. */
    public record Shown(PlannedRun run, Trajectory trajectory) {
    }

    private ExploreViews() {
    }

    /** Every view of {@code runs}, by name, as SVG text. */
    public static Map<String, String> svg(List<Shown> runs) {
        Map<String, String> views = new LinkedHashMap<>();
        views.put("coefficients", svg(coefficients(runs)));
        views.put("alignment", svg(alignment(runs)));
        views.put("stage1", svg(plane(runs, "stage I: (a, b)", Column.B, "b (spike)")));
        views.put("stage2", svg(plane(runs, "stage II: (a, c)", bulk(runs.get(0).trajectory()), "c (bulk)")));
        return views;
    }

    /** The step of the first {@code aligned} event, if the run aligned. */
    public static OptionalLong alignedStep(Trajectory t) {
        return t.event("aligned").map(e -> OptionalLong.of(e.step())).orElse(OptionalLong.empty());
    }

    /** The run's stage events and steps to alignment, in words. */
    public static String words(Shown shown) {
        Trajectory t = shown.trajectory();
        StringBuilder s = new StringBuilder(shown.run().label()).append(": ");
        OptionalLong aligned = alignedStep(t);
        s.append(aligned.isPresent() ? "aligned at step " + aligned.getAsLong() : "not aligned");
        s.append("; ").append(t.outcome().status().label()).append(" at step ").append(t.outcome().step()).append('.');
        for (StageEvent e : t.events()) {
            if (!e.name().equals("aligned")) {
                s.append(' ').append(e.name()).append(" at step ").append(e.step()).append('.');
            }
        }
        return s.toString();
    }

    private static Figure coefficients(List<Shown> runs) {
        Panel.Builder p = Panel.builder("coefficients", Axis.linear("step"), Axis.log("magnitude"));
        for (Shown r : runs) {
            Ink ink = Ink.of(r.run().algorithm());
            Trajectory t = r.trajectory();
            p.add(magnitude(r.run().label() + ": a", ink, t, Column.STEP, Column.A).withWidth(2.4f));
            p.add(magnitude("b", ink, t, Column.STEP, Column.B).withDash(Series.Dash.DASHED));
            p.add(magnitude(bulk(t) == Column.C ? "c" : "bulk rms", ink, t, Column.STEP, bulk(t))
                    .withDash(Series.Dash.DOTTED));
        }
        return figure("coefficients", p.build());
    }

    private static Figure alignment(List<Shown> runs) {
        Panel.Builder p = Panel.builder("alignment and loss", Axis.linear("step"), Axis.log("alignment, loss"));
        for (Shown r : runs) {
            Ink ink = Ink.of(r.run().algorithm());
            Trajectory t = r.trajectory();
            p.add(magnitude(r.run().label() + ": alignment", ink, t, Column.STEP, Column.ALIGNMENT).withWidth(2.4f));
            p.add(magnitude("loss", ink, t, Column.STEP, Column.LOSS).withDash(Series.Dash.DASHED));
        }
        return figure("alignment", p.build());
    }

    private static Figure plane(List<Shown> runs, String title, Column y, String yLabel) {
        Panel.Builder p = Panel.builder(title, Axis.log("a (signal)"), Axis.log(yLabel));
        for (Shown r : runs) {
            Trajectory t = r.trajectory();
            Column column = t.has(y) ? y : bulk(t);
            p.add(magnitude(r.run().label(), Ink.of(r.run().algorithm()), t, Column.A, column).withWidth(2.4f));
        }
        return figure(title, p.build());
    }

    private static Column bulk(Trajectory t) {
        return t.has(Column.BULK_RMS) ? Column.BULK_RMS : Column.C;
    }

    private static Series magnitude(String label, Ink ink, Trajectory t, Column x, Column y) {
        double[] xs = t.column(x);
        double[] ys = t.column(y);
        for (int i = 0; i < ys.length; i++) {
            ys[i] = Math.abs(ys[i]);
        }
        return Series.line(label, ink, xs, ys);
    }

    private static Figure figure(String id, Panel panel) {
        return new Figure(id, "", "", 1, List.of(panel), WIDTH, HEIGHT);
    }

    private static String svg(Figure figure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            FigureRenderer.svg(figure, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The views' summaries of each run, for the page: label, command, outcome, steps to alignment, events, words. */
    static List<Map<String, Object>> summaries(List<Shown> runs) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Shown r : runs) {
            Trajectory t = r.trajectory();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", r.run().label());
            m.put("algo", r.run().algorithm().label());
            m.put("command", r.run().command());
            m.put("status", t.outcome().status().label());
            OptionalLong aligned = alignedStep(t);
            m.put("aligned_step", aligned.isPresent() ? aligned.getAsLong() : null);
            List<Map<String, Object>> events = new ArrayList<>();
            for (StageEvent e : t.events()) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("name", e.name());
                ev.put("step", e.step());
                ev.put("t", e.t());
                events.add(ev);
            }
            m.put("events", events);
            m.put("rows", t.size());
            m.put("words", words(r));
            list.add(m);
        }
        return list;
    }
}
