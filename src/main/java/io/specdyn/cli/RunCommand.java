package io.specdyn.cli;

import io.specdyn.full.FullEngine;
import io.specdyn.full.FullRunSpec;
import io.specdyn.io.OutputDir;
import io.specdyn.io.RunManifest;
import io.specdyn.io.RunOutput;
import io.specdyn.io.TrajectoryCsv;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.reduced.ReducedEngine;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.reduced.Schedule;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specdyn run}: one run of one algorithm, written as trajectory, events and manifest. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs one algorithm on one problem and writes its trajectory, events and manifest.",
            "",
            "Writes DIR/trajectory.csv (step,t,a,b,c,loss,alignment; full runs add offmanifold, and finite-sample "
                + "runs (--samples-n) train_loss, the empirical loss on the training samples, while loss stays the "
                + "population loss), "
                + "DIR/events.csv (name,t,step,a,b,c) and DIR/run.json (every parameter with defaults, "
                + "the version, counters, wall time). Discrete algorithms (gd, specgd, muon) write one row "
                + "per step from step 0 (full runs: every --every steps), with t = step * lr; flows (gf, "
                + "specgf) write --samples evenly spaced rows on [0, t-end] plus a row at every event, and "
                + "their step column is the row index. Rows are written as they are computed: memory does "
                + "not grow with --steps or --samples; a run that cannot fit on the disk of --out is refused.",
            "",
            "An existing --out folder is replaced whole if it holds an earlier run (run.json) and refused "
                + "otherwise, unless it is empty.",
            "",
            "Exit codes: 0 the run is written (a diverged run included: status diverged); 1 the run failed "
                + "(an integrator gave up, an SVD did not converge, an I/O error) and nothing is written; 2 "
                + "invalid input or an unusable --out, refused before any work, nothing written.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  specdyn run --algo specgf --t-end 2 --out runs/specgf",
            "  specdyn run --algo gd --lr 0.02 --steps 2000 --kappa 20 --out -",
            "  specdyn run --engine full --algo specgd --d 128 --lr 0.002 --steps 1000 --out runs/full-specgd",
            "  specdyn run --engine full --algo gd --spectrum power-law --samples-n 5000 --out runs/power-law"})
final class RunCommand implements Callable<Integer> {

    enum Engine { reduced, full }

    @Spec
    CommandSpec spec;

    @Option(names = "--engine", defaultValue = "reduced", paramLabel = "ENGINE",
            description = "reduced: the (a, b, c) dynamics; full: the whole m x d weight matrix "
                    + "(default: ${DEFAULT-VALUE}).")
    Engine engine;

    @Option(names = "--algo", required = true, converter = Converters.AlgorithmName.class, paramLabel = "ALGO",
            description = "gd, specgd (discrete maps), gf, specgf (flows; specgf in Filippov's sense); "
                    + "with --engine full: gd, specgd, muon.")
    Algorithm algo;

    @Mixin
    ProblemOptions problem;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    IntegratorOptions integrator;

    @Mixin
    FullOptions full;

    @Mixin
    OutputOptions output;

    /**
     * A validated run: its columns, how to compute it into a sink, how to describe it, and the
     * option and number of rows it asks for (for the disk check).
     */
    private record Run(List<Column> columns, Consumer<TrajectorySink> engine,
                       Function<Trajectory.Summary, Map<String, Object>> manifest, String sizeOption, double rows) {
    }

    /** Bytes a row takes at least: one character per column and its separator. */
    private static final int MIN_ROW_BYTES_PER_COLUMN = 2;

    @Override
    public Integer call() throws Exception {
        Run run = engine == Engine.full ? fullRun() : reducedRun();
        PrintWriter out = spec.commandLine().getOut();
        if (output.toStdout()) {
            // picocli's writer and System.out both swallow errors: ask them, so that a closed pipe stops the run
            TrajectoryCsv.Streamed sink = new TrajectoryCsv.Streamed(run.columns(), out,
                    () -> out.checkError() || System.out.checkError());
            run.engine().accept(sink);
            out.flush();
            failIfFailed(sink.summary());
            return 0;
        }
        checkDisk(run);
        try (OutputDir dir = output.open("runs/" + engine + "-" + algo.label(), RunOutput.MANIFEST)) {
            Trajectory.Summary summary;
            try {
                summary = RunOutput.writeRows(dir, run.columns(), run.engine(), run.rows());
            } catch (RunOutput.TooLarge e) {
                throw tooLarge(run, e.bytesPerRow(), e.freeBytes(), dir.target());
            }
            failIfFailed(summary);
            RunOutput.finish(dir, summary, run.manifest().apply(summary));
            summarize(out, summary);
            out.println("wrote " + dir.target() + " (trajectory.csv, events.csv, run.json)");
        }
        return 0;
    }

    /**
     * One rule for every engine: a run that diverged is a result (exit 0, written like any other);
     * a run whose engine gave up (an integrator's failure, an SVD that did not converge) is a
     * failure of the run, exit code 1, and nothing is written.
     */
    private void failIfFailed(Trajectory.Summary run) {
        Outcome outcome = run.outcome();
        if (outcome.status() == Outcome.Status.FAILED) {
            throw new ErrorHandlers.RunFailure(algo.label() + " failed at t=" + shortNumber(outcome.t()) + " ("
                    + outcome.detail() + "); nothing written" + (engine == Engine.reduced && !algo.isDiscrete()
                    ? " (a looser --rtol or --atol, another --integrator or a shorter --t-end may help)" : ""));
        }
    }

    /**
     * Refuses a run whose trajectory cannot fit on the disk of --out, whatever its numbers (each
     * value takes a character and a separator at least). A run that passes is checked again on
     * the size of its first rows ({@link RunOutput#writeRows}).
     */
    private void checkDisk(Run run) throws java.io.IOException {
        Path folder = output.folder("runs/" + engine + "-" + algo.label());
        double perRow = (double) MIN_ROW_BYTES_PER_COLUMN * run.columns().size();
        double free = OutputDir.usableSpace(folder);
        if (run.rows() * perRow > free) {
            throw tooLarge(run, perRow, free, folder);
        }
    }

    private static InvalidSpecException tooLarge(Run run, double perRow, double free, Path folder) {
        return new InvalidSpecException(run.sizeOption().substring(2), String.format(Locale.ROOT,
                "asks for %.4g rows of trajectory.csv, %.3g bytes at %.0f a row, more than the %.3g bytes free on the "
                        + "disk of %s: at most about %.3g rows fit (or stream them with --out -)",
                run.rows(), run.rows() * perRow, perRow, free, folder, free / perRow));
    }

    private Run reducedRun() {
        Options.refuse(spec, "--engine reduced", FullOptions.NAMES);
        ReducedRunSpec runSpec = new ReducedRunSpec(problem.model(), problem.start(), algo,
                schedule.schedule(algo, integrator), schedule.alignEps);
        double rows = runSpec.schedule() instanceof Schedule.Discrete d ? d.steps() + 1.0
                : ((Schedule.Continuous) runSpec.schedule()).samples();
        String option = algo.isDiscrete() ? (Options.given(spec, "--t-end") ? "--t-end" : "--steps") : "--samples";
        return new Run(ReducedEngine.columns(runSpec.model()), sink -> ReducedEngine.run(runSpec, sink),
                t -> RunManifest.reduced(runSpec, t, argv()), option, rows);
    }

    private Run fullRun() {
        if (!algo.isDiscrete()) {
            throw new InvalidSpecException("algo", "must be gd, specgd or muon with --engine full (got '"
                    + algo.label() + "')");
        }
        Schedule.Discrete discrete = (Schedule.Discrete) schedule.schedule(algo, integrator);
        FullRunSpec runSpec = new FullRunSpec(full.problem(problem), full.init(problem), full.loss(), algo,
                discrete.lr(), discrete.steps(), full.every, full.momentum, schedule.alignEps);
        FullLimits.applyThreads(full.threads);
        FullLimits.require(runSpec, runSpec.steps(), spec.commandLine().getErr(), "run");
        double rows = Math.floor((double) discrete.steps() / full.every) + 2;
        return new Run(FullEngine.columns(runSpec), sink -> FullEngine.run(runSpec, sink),
                t -> RunManifest.full(runSpec, t, argv()), Options.given(spec, "--t-end") ? "--t-end" : "--steps", rows);
    }

    private List<String> argv() {
        return spec.commandLine().getParseResult().originalArgs();
    }

    static void summarize(PrintWriter out, Trajectory.Summary run) {
        var outcome = run.outcome();
        out.printf(Locale.ROOT, "%s at t=%s after %d rows%s%n", outcome.status().label(), shortNumber(outcome.t()),
                run.rows(), outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")");
        for (StageEvent e : run.events()) {
            out.printf(Locale.ROOT, "  %-16s t=%-12s a=%-12s b=%-12s c=%s%n", e.name(), shortNumber(e.t()),
                    shortNumber(e.a()), shortNumber(e.b()), shortNumber(e.c()));
        }
    }

    static String shortNumber(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
