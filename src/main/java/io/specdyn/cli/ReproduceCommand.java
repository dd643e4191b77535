package io.specdyn.cli;

import io.specdyn.experiments.Catalogue;
import io.specdyn.experiments.Experiment;
import io.specdyn.figures.Figure;
import io.specdyn.figures.FigureFormat;
import io.specdyn.figures.FigureOutput;
import io.specdyn.io.RunManifest;
import io.specdyn.model.InvalidSpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specdyn reproduce}: regenerates the figure catalogue. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Regenerates every figure of the catalogue (F1 ... F16): for each, a PNG, an SVG, a PDF and a CSV of the "
                + "data plotted, and the folder's manifest.json with every experiment's parameters and each file's "
                + "SHA-256.",
            "",
            "The figures reconstruct those of Braun, Bao, Huang, Imaizumi (arXiv:2601.22652); their parameters are "
                + "specdyn's. theory-notes/figures.md says what each shows. Each figure's files are written "
                + "together, as one unit, as soon as it is done, so an interrupted run keeps what it finished. A "
                + "manifest.json that cannot be read (a merge conflict) is rebuilt, with a warning.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {"  specdyn reproduce", "  specdyn reproduce --only F2,F5 --out /tmp/figures",
            "  specdyn reproduce --quick --out /tmp/quick-figures"})
final class ReproduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "figures", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--only", split = ",", paramLabel = "F",
            description = "Only these figures, comma-separated, for example F2,F5 (default: all).")
    List<String> only;

    @Option(names = "--quick", description = "Smaller problems and fewer points, for CI (seconds instead of minutes).")
    boolean quick;

    @picocli.CommandLine.Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Option(names = "--threads", converter = Converters.PositiveInt.class, paramLabel = "N",
            description = "Threads of the full simulator's linear algebra, in [1, 64] (default: the available "
                    + "processors). The catalogue's full runs are small enough to run on one thread whatever N.")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        FullLimits.applyThreads(threads);
        List<Experiment> experiments;
        try {
            experiments = only == null ? Catalogue.all() : Catalogue.select(only);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("only", "must list figures F1 ... F" + Catalogue.all().size() + ": "
                    + e.getMessage());
        }
        Map<String, Object> header = RunManifest.header("reproduce", spec.commandLine().getParseResult().originalArgs());
        header.put("provenance", Catalogue.PROVENANCE);
        FigureOutput output;
        try {
            PrintWriter err = spec.commandLine().getErr();
            output = new FigureOutput(out, header, FigureFormat.ALL, warning -> {
                err.println("specdyn reproduce: warning: " + warning);
                err.flush();
            });
        } catch (IOException | RuntimeException e) {
            throw new ErrorHandlers.OutputException("--out " + out + ": " + OutputOptions.reason(e), e);
        }
        Progress progress = new Progress(spec.commandLine().getErr(), progressOptions.mode, experiments.size());
        long start = System.nanoTime();
        int index = 0;
        for (Experiment e : experiments) {
            index++;
            progress.begin(index, e.id() + " " + e.name());
            long t0 = System.nanoTime();
            Figure figure = e.build(quick);
            output.write(e.id(), figure, e.parameters(quick), quick);
            progress.done(index, e.id() + " " + e.name(), (System.nanoTime() - t0) * 1e-9);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(java.util.Locale.ROOT, "wrote %d figures to %s in %.1f s%n", experiments.size(), out,
                (System.nanoTime() - start) * 1e-9);
        stdout.flush();
        return 0;
    }
}
