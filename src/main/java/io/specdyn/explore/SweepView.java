package io.specdyn.explore;

import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import io.specdyn.experiments.SweepReport;
import io.specdyn.figures.Figure;
import io.specdyn.figures.FigureRenderer;
import io.specdyn.figures.HeatMap;
import io.specdyn.figures.Panel;
import io.specdyn.io.Numbers;
import io.specdyn.io.SweepCsv;
import io.specdyn.io.SweepStore;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.LearningRate;
import io.specdyn.rules.Rules;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A finished sweep's folder as the page shows it: its regime maps, drawn by the sweep's own figure code
 * ({@link SweepReport#regimePanel}), and the {@code specdyn run} arguments that recompute any cell.
 *
 * <p>It reads only the folder's {@code sweep.json} and {@code sweep.csv}, through {@link SweepStore#readShard}
 * (which checks the table's SHA-256 against the one recorded), once, when opened; it never writes to the folder
 * and never takes its lock. A folder that holds no sweep, an unfinished or damaged one, or one shard of a sweep
 * not yet merged is refused with one line.
 *
 * <p>{@link #describe()} gives this JSON object (members may be added, none will change):
 * <pre>
 * {
 *   "context":  "reduced engine, W0 = 0.001 I, aligned: alignment &gt;= 0.99 held 10 steps, max-steps 20000",
 *   "spectrum": "spiked" | "power-law",
 *   "shape":    "kappa" | "alpha",          the parameter of the maps' vertical axis
 *   "cells":    72,                         cells of the sweep, numbered 0 ... cells - 1
 *   "seeds":    1,
 *   "maps": [                               one per (rule variant, d), in the sweep's order
 *     { "title": "GD, d = 16",              the panel's title, as drawn
 *       "algo": "gd",                       the rule, as --algo spells it
 *       "variant": "GD",                    its name with its settings on the rule axes
 *       "d": 16,
 *       "svg": "&lt;svg ...&gt;",            the svg element alone (no XML declaration, no DOCTYPE)
 *       "width": 560, "height": 500,        the SVG's size (its user units are these pixels)
 *       "lr": [...], "shape_values": [...], the axes' values, ascending
 *       "cells": [
 *         { "cell": 12,                     for /api/sweep/cell?cell=12 (with seeds &gt; 1, the first seed's)
 *           "lr": 0.01, "shape": 5,
 *           "status": "aligned" | "diverged" | "stalled" | "converged",   worst over the seeds
 *           "steps": 120 | null,            steps to alignment, when aligned
 *           "x": 81.5, "y": 40.0, "w": 30.2, "h": 22.1 }   the cell's rectangle in the SVG's units, origin top left
 *       ] } ] }
 * </pre>
 */
public final class SweepView implements SweepSource {
    private final SweepSpec spec;
    private final Map<String, Object> description;

    private SweepView(SweepSpec spec, Map<String, Object> description) {
        this.spec = spec;
        this.description = description;
    }

    /**
     * Reads the sweep in {@code folder} and draws its maps.
     *
     * @throws InvalidSpecException (option {@code sweep}) for a folder that is not a finished, whole sweep
     */
    public static SweepView open(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidSpecException("sweep", folder + " is not a folder: give the folder a specdyn sweep wrote");
        }
        SweepStore.ShardFolder read;
        try {
            read = SweepStore.readShard(folder);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("sweep", e.getMessage());
        } catch (IOException e) {
            throw new InvalidSpecException("sweep", folder + " cannot be read as a finished sweep: " + e.getMessage());
        }
        if (read.shard().count() > 1) {
            throw new InvalidSpecException("sweep", folder + " holds shard " + read.shard().label() + " of a sweep: "
                    + "merge its shards with specdyn sweep-merge and give the merged folder");
        }
        SweepSpec spec = read.spec();
        List<SweepSpec.CellResult> results = new ArrayList<>();
        try {
            for (String row : read.rows()) {
                results.add(SweepCsv.parse(spec, row));
            }
            SweepSummary summary = SweepSummary.of(spec, results);
            return new SweepView(spec, describe(summary));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("sweep", folder + " does not hold a readable sweep table: " + e.getMessage());
        }
    }

    @Override
    public Map<String, Object> describe() {
        return description;
    }

    private static Map<String, Object> describe(SweepSummary summary) {
        SweepSpec spec = summary.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("context", SweepReport.context(spec));
        m.put("spectrum", spec.family().label());
        m.put("shape", spec.shapeName());
        m.put("cells", spec.cellCount());
        m.put("seeds", spec.seeds());
        List<Map<String, Object>> maps = new ArrayList<>();
        List<SweepSpec.Variant> variants = spec.variants();
        for (int v = 0; v < variants.size(); v++) {
            for (int j = 0; j < spec.dims().length; j++) {
                maps.add(map(summary, v, j));
            }
        }
        m.put("maps", maps);
        return m;
    }

    /** The map of variant {@code v} at the {@code j}-th d. */
    private static Map<String, Object> map(SweepSummary summary, int v, int j) {
        SweepSpec spec = summary.spec();
        SweepSpec.Variant variant = spec.variants().get(v);
        int d = spec.dims()[j];
        Panel panel = SweepReport.regimePanel(summary, variant, d);
        Figure figure = new Figure("regime", "", "", 1, List.of(panel), 560, 500);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        FigureRenderer.PlotArea area;
        try {
            area = FigureRenderer.svgWithAreas(figure, out, 2).get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        HeatMap heat = panel.maps().get(0);
        List<SweepSummary.Point> points = summary.points(variant, d);
        List<Map<String, Object>> cells = new ArrayList<>();
        int perPoint = spec.seeds();
        int lrs = spec.lrs().length;
        int shapes = spec.shapes().length;
        // cell numbers: variant, then d, shape, lr and seed, the last varying fastest (SweepSpec.cell)
        int first = ((v * spec.dims().length + j) * shapes) * lrs * perPoint;
        for (int k = 0; k < points.size(); k++) {
            SweepSummary.Point p = points.get(k);
            Rectangle2D r = area.cell(heat, k);
            Map<String, Object> c = new LinkedHashMap<>();
            int cell = first + k * perPoint;
            SweepSpec.Cell check = spec.cell(cell);
            if (check.lr() != p.lr() || check.shape() != p.shape() || check.d() != d || !check.variant().equals(variant)) {
                throw new IllegalStateException("cell " + cell + " is not the map's point " + k);
            }
            c.put("cell", cell);
            c.put("lr", p.lr());
            c.put("shape", p.shape());
            c.put("status", p.status().label());
            c.put("steps", p.status() == io.specdyn.analysis.RunClassifier.Status.ALIGNED ? p.steps() : null);
            c.put("x", round(r.getX()));
            c.put("y", round(r.getY()));
            c.put("w", round(r.getWidth()));
            c.put("h", round(r.getHeight()));
            cells.add(c);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", panel.title());
        m.put("algo", variant.algorithm().label());
        m.put("variant", variant.displayName(spec));
        m.put("d", d);
        m.put("svg", ExploreViews.inline(out.toString(StandardCharsets.UTF_8)));
        m.put("width", figure.width());
        m.put("height", figure.height());
        m.put("lr", sorted(spec.lrs()));
        m.put("shape_values", sorted(spec.shapes()));
        m.put("cells", cells);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double[] sorted(double[] values) {
        return java.util.Arrays.stream(values).distinct().sorted().toArray();
    }

    /**
     * The arguments of {@code specdyn run} that compute cell {@code index} as the sweep did: its engine, rule
     * and settings, problem, learning rate and schedule, start, seed, alignment threshold, and the sweep's
     * budget of {@code max-steps + hold} steps (over which a schedule runs).
     */
    @Override
    public List<String> cellArgv(int index) {
        if (index < 0 || index >= spec.cellCount()) {
            throw new Refusal(400, "explore: cell must be a cell number of the sweep, 0 to " + (spec.cellCount() - 1)
                    + " (got " + index + ")");
        }
        SweepSpec.Cell cell = spec.cell(index);
        SweepSpec.Variant variant = cell.variant();
        List<String> a = new ArrayList<>();
        add(a, "--engine", spec.engine());
        add(a, "--algo", variant.algorithm().label());
        add(a, "--d", Integer.toString(cell.d()));
        if (spec.family() == SweepSpec.Family.SPIKED) {
            add(a, "--kappa", Numbers.format(cell.shape()));
        } else {
            add(a, "--spectrum", spec.family().label());
            add(a, "--alpha", Numbers.format(cell.shape()));
            if (spec.signalIndex() > 0) {
                add(a, "--signal-index", Long.toString(spec.signalIndex()));
            }
        }
        add(a, "--lr", Numbers.format(cell.lr()));
        add(a, "--steps", Long.toString(spec.budget()));
        add(a, "--init-scale", Numbers.format(spec.initScale()));
        if (!spec.init().equals("iso")) {
            add(a, "--init", spec.init());
        }
        add(a, "--align-eps", Numbers.format(spec.alignEps()));
        if (spec.engine().equals("full")) {
            add(a, "--seed", Integer.toString(cell.seed()));
            if (spec.samplesN() > 0) {
                add(a, "--samples-n", Integer.toString(spec.samplesN()));
            }
        }
        LearningRate schedule = variant.schedule();
        if (!schedule.isConstant() || schedule.warmup() > 0) {
            add(a, "--schedule", schedule.label());
        }
        if (schedule.warmup() > 0) {
            add(a, "--warmup", Long.toString(schedule.warmup()));
        }
        if (schedule.lrMin() > 0) {
            add(a, "--lr-min", Numbers.format(schedule.lrMin()));
        }
        if (variant.momentum() != null) {
            add(a, "--momentum", Numbers.format(variant.momentum()));
        }
        if (variant.nsSteps() != null) {
            add(a, "--ns-steps", Integer.toString(variant.nsSteps()));
        }
        Map<String, Object> json = spec.toJson();
        List<String> takes = Rules.settings(variant.algorithm());
        for (String key : List.of("nesterov", "ns-eps", "ns-precision", "orthogonalizer", "beta1", "beta2", "adam-eps")) {
            Object value = json.get(key);
            if (value != null && takes.contains(key)) {
                add(a, "--" + key, value instanceof Double x ? Numbers.format(x) : String.valueOf(value).toLowerCase(Locale.ROOT));
            }
        }
        if (spec.rules().canonicalBasis()) {
            add(a, "--basis", "canonical");
        }
        return a;
    }

    private static void add(List<String> argv, String option, String value) {
        argv.add(option);
        argv.add(value);
    }
}
