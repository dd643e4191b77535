package io.specdyn.cli;

import io.specdyn.experiments.StandardViews;
import io.specdyn.figures.Figure;
import io.specdyn.figures.FigureFiles;
import io.specdyn.figures.FigureFormat;
import io.specdyn.io.CompareJson;
import io.specdyn.io.RunJson;
import io.specdyn.io.TrajectoryCsv;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Trajectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "",
            "Everything is checked before rendering: a folder that is not a complete run or compare output, a run "
                + "whose status is failed, or a DIR that cannot be written is refused with one line and exit code 2.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the figure was written", "1:an unexpected failure",
            "2:DIR is not a readable run or compare folder, holds a failed run, or cannot be written"},
        footerHeading = "%nExample:%n",
        footer = "  specdyn run --algo specgd --out runs/s && specdyn plot runs/s")
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A folder written by run or compare.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path runJson = dir.resolve("run.json");
        Path compareJson = dir.resolve("compare.json");
        Figure figure;
        if (Files.isRegularFile(runJson)) {
            RunJson manifest = read(runJson, () -> RunJson.read(runJson));
            RunJson.Outcome outcome = check(runJson, manifest::requireOutcome);
            if (outcome.failed()) {
                throw new ErrorHandlers.UsageException(dir + " holds a run that failed"
                        + (outcome.step() == null ? "" : " at step " + outcome.step())
                        + (outcome.detail() == null ? "" : " (" + outcome.detail() + ")") + "; there is nothing to plot");
            }
            Algorithm algorithm = check(runJson, manifest::algorithm);
            Optional<ReducedModel> model = check(runJson, manifest::reducedModel);
            requireWritable();
            Trajectory t = trajectory("trajectory.csv");
            figure = StandardViews.run("plot", "specdyn " + manifest.engine() + " " + algorithm.label() + ": " + dir,
                    algorithm, t, model);
        } else if (Files.isRegularFile(compareJson)) {
            CompareJson manifest = read(compareJson, () -> CompareJson.read(compareJson));
            Algorithm algorithm = check(compareJson, manifest::algorithm);
            requireWritable();
            figure = StandardViews.comparison("plot", "specdyn compare " + algorithm.label() + ": " + dir, algorithm,
                    trajectory("reduced.csv"), trajectory("full.csv"));
        } else {
            throw new ErrorHandlers.UsageException("DIR must be a folder written by run or compare (no run.json or "
                    + "compare.json in " + dir + ")");
        }
        FigureFiles.write(dir, "plot", figure, FigureFormat.ALL);
        spec.commandLine().getOut().println("wrote " + dir.resolve("plot.png") + ", plot.svg, plot.pdf and plot.csv");
        return 0;
    }

    /** A value read from a file of DIR. */
    @FunctionalInterface
    private interface Reader<T> {
        T read() throws IOException;
    }

    /** Reads a manifest; a malformed one is invalid input. */
    private static <T> T read(Path file, Reader<T> reader) throws IOException {
        try {
            return reader.read();
        } catch (IllegalArgumentException e) {
            throw new ErrorHandlers.UsageException(file + ": " + e.getMessage());
        }
    }

    /** A value the manifest must supply; a missing or invalid one is invalid input naming the file. */
    private static <T> T check(Path file, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new ErrorHandlers.UsageException(file + ": " + e.getMessage());
        }
    }

    /** A trajectory of DIR with at least one row; anything else is invalid input. */
    private Trajectory trajectory(String name) {
        Path csv = dir.resolve(name);
        if (!Files.isRegularFile(csv)) {
            throw new ErrorHandlers.UsageException(dir + " has no " + name);
        }
        Trajectory t;
        try {
            t = TrajectoryCsv.read(csv);
        } catch (IOException | IllegalArgumentException e) {
            throw new ErrorHandlers.UsageException(e.getMessage());
        }
        if (t.size() == 0) {
            throw new ErrorHandlers.UsageException(csv + " has a header but no rows");
        }
        return t;
    }

    /** Refuses, before rendering, a DIR into which the plot files cannot be written. */
    private void requireWritable() {
        for (String name : new String[] {"plot.png", "plot.svg", "plot.pdf", "plot.csv"}) {
            if (Files.isDirectory(dir.resolve(name))) {
                throw new ErrorHandlers.OutputException(dir.resolve(name) + ": it is a folder", null);
            }
        }
        try {
            Files.delete(Files.createTempFile(dir, ".plot-probe-", ".tmp"));
        } catch (IOException e) {
            throw new ErrorHandlers.OutputException("into " + dir + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage();
    }
}
