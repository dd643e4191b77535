package io.specdyn.cli;

import io.specdyn.experiments.StandardViews;
import io.specdyn.figures.Figure;
import io.specdyn.figures.FigureFiles;
import io.specdyn.figures.FigureFormat;
import io.specdyn.io.Json;
import io.specdyn.io.TrajectoryCsv;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.Spectrum;
import io.specdyn.trajectory.Trajectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code specdyn plot DIR}: the standard views of a run or compare folder. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {
            "Renders the standard views of a run or compare output folder into DIR/plot.png, plot.svg, plot.pdf and "
                + "plot.csv (the data plotted), written together.",
            "",
            "A run folder: coefficients, alignment and loss over time, the phase portrait in the (a, b) plane with "
                + "the direction field of the run's flow (GF for gd and gf, SpecGF for specgd, specgf and muon), and "
                + "for full runs the off-manifold residual. A compare folder: reduced against full, and the residual.",
            ""},
        footerHeading = "%nExample:%n",
        footer = "  specdyn run --algo specgd --out runs/s && specdyn plot runs/s")
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A folder written by run or compare.")
    Path dir;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws IOException {
        Path runJson = dir.resolve("run.json");
        Path compareJson = dir.resolve("compare.json");
        Figure figure;
        if (Files.isRegularFile(runJson)) {
            Map<String, Object> manifest = (Map<String, Object>) parse(runJson);
            Algorithm algorithm = Algorithm.parse((String) manifest.get("algo"));
            Trajectory t = TrajectoryCsv.read(dir.resolve("trajectory.csv"));
            figure = StandardViews.run("plot", "specdyn " + manifest.get("engine") + " " + algorithm.label() + ": " + dir,
                    algorithm, t, model(manifest));
        } else if (Files.isRegularFile(compareJson)) {
            Map<String, Object> manifest = (Map<String, Object>) parse(compareJson);
            Algorithm algorithm = Algorithm.parse((String) manifest.get("algo"));
            figure = StandardViews.comparison("plot", "specdyn compare " + algorithm.label() + ": " + dir, algorithm,
                    TrajectoryCsv.read(dir.resolve("reduced.csv")), TrajectoryCsv.read(dir.resolve("full.csv")));
        } else {
            throw new ErrorHandlers.UsageException("DIR must be a folder written by run or compare (no run.json or "
                    + "compare.json in " + dir + ")");
        }
        FigureFiles.write(dir, "plot", figure, FigureFormat.ALL);
        spec.commandLine().getOut().println("wrote " + dir.resolve("plot.png") + ", plot.svg, plot.pdf and plot.csv");
        return 0;
    }

    private static Object parse(Path json) throws IOException {
        try {
            return Json.parse(Files.readString(json));
        } catch (IllegalArgumentException e) {
            throw new IOException(json + ": " + e.getMessage());
        }
    }

    /** The reduced problem of a run's manifest, when its spectrum has three levels. */
    @SuppressWarnings("unchecked")
    private static Optional<ReducedModel> model(Map<String, Object> manifest) {
        Map<String, Object> problem = (Map<String, Object>) manifest.get("problem");
        if (problem.containsKey("lt")) {
            return Optional.of(new ReducedModel(((Double) problem.get("d")).intValue(), new Spectrum(
                    (Double) problem.get("lt"), (Double) problem.get("lu"), (Double) problem.get("lp"))));
        }
        Object spectrum = problem.get("spectrum");
        if (spectrum instanceof Map<?, ?> s && "spiked".equals(s.get("kind"))) {
            return Optional.of(ReducedModel.spiked(((Double) problem.get("d")).intValue(), (Double) s.get("kappa")));
        }
        return Optional.empty();
    }
}
