package io.specdyn.cli;

import io.specdyn.full.FullEngine;
import io.specdyn.full.FullProblem;
import io.specdyn.explore.PlannedRun;
import io.specdyn.full.FullRunSpec;
import io.specdyn.io.OutputDir;
import io.specdyn.io.RunManifest;
import io.specdyn.io.RunOutput;
import io.specdyn.io.TrajectoryCsv;
import io.specdyn.model.Algorithm;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.ReducedModel;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
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
                + "the version, counters, wall time, the files written). Discrete rules "
                + "write one row every --every steps from step 0, and the last, with t the sum of the learning "
                + "rates of the steps before (step * lr at a constant rate); flows (gf, "
                + "specgf) write --samples evenly spaced rows on [0, t-end] plus a row at every event, and "
                + "their step column is the row index. Rows are written as they are computed: memory does "
                + "not grow with --steps or --samples; a run that cannot fit on the disk of --out is refused.",
            "",
            "Reduced runs also write DIR/groups.csv (group,eigenvalue,multiplicity,target: the eigenvalue groups "
                + "of the spectrum, numbered 1..K: the signal first (target 1), then the spike, then the rest by "
                + "decreasing eigenvalue) and, per --coefficients, DIR/coefficients.csv (step,t,g1,...,gK: every "
                + "group's coefficient at every row of trajectory.csv, gk that of group k). For spectra other than "
                + "the spiked (three-group) one, trajectory.csv is step,t,a,loss,alignment,b,bulk_rms and events.csv "
                + "name,t,step,a,b,bulk_rms: a is the signal's coefficient, b that of the largest-eigenvalue group "
                + "other than the signal's (the spike), bulk_rms the root mean square of the coefficients of every "
                + "other group, weighted by multiplicity.",
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
            "  specdyn run --algo gd --spectrum power-law --alpha 1 --d 1000 --steps 100000 --every 100 --out runs/pl",
            "  specdyn run --engine full --algo specgd --d 128 --lr 0.002 --steps 1000 --out runs/full-specgd",
            "  specdyn run --algo muon --lr 0.01 --steps 2000 --schedule cosine --warmup 100 --out runs/muon",
            "  specdyn run --algo adam --basis canonical --lr 0.01 --steps 2000 --out runs/adam",
            "  specdyn run --engine full --algo gd --spectrum power-law --samples-n 5000 --out runs/power-law"})
final class RunCommand implements Callable<Integer> {

    enum Engine { reduced, full }

    /** When a reduced run writes coefficients.csv. */
    enum CoefficientsChoice { auto, always, never }

    /** Most groups whose coefficients --coefficients auto writes. */
    static final int AUTO_COEFFICIENT_GROUPS = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--engine", defaultValue = "reduced", paramLabel = "ENGINE",
            description = "reduced: the dynamics of one coefficient per eigenvalue group (a, b, c for the spiked "
                    + "spectrum); full: the whole m x d weight matrix (default: ${DEFAULT-VALUE}).")
    Engine engine;

    @Option(names = "--algo", required = true, converter = Converters.AlgorithmName.class, paramLabel = "ALGO",
            description = "Discrete rules: gd, specgd (exact polar factor), muon (as published: Nesterov momentum, "
                    + "Newton-Schulz, shape scale), momentum (heavy ball or Nesterov), ngd (G / |G|_F), adam (PyTorch's), "
                    + "signgd (sign of each entry); adam and signgd depend on the basis and run on the reduced engine "
                    + "with --basis canonical only. Flows, reduced engine only: gf, specgf (in Filippov's sense).")
    Algorithm algo;

    @Mixin
    RuleOptions.Single rule;

    @Mixin
    ProblemOptions problem;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    IntegratorOptions integrator;

    @Mixin
    FullOptions full;

    @Mixin
    TeacherOptions teacher;

    @Option(names = "--coefficients", defaultValue = "auto", paramLabel = "WHEN",
            description = "Whether a reduced run writes coefficients.csv: auto (when the spectrum has at most "
                    + AUTO_COEFFICIENT_GROUPS + " groups and is not the spiked (a, b, c) one, whose trajectory.csv "
                    + "holds every coefficient already), always or never (default: ${DEFAULT-VALUE}). Its rows are "
                    + "written as they come, K + 2 values each, and count in the disk check. With --out - only the "
                    + "trajectory is streamed: there always is refused.")
    CoefficientsChoice coefficients;

    @Mixin
    OutputOptions output;

    /**
     * A validated run: its columns, how to compute it into a sink, how to describe it (given the
     * files written), the option and number of rows it asks for (for the disk check), for a
     * reduced run its groups, whether their coefficients are written and its model, the work it
     * asks for (for explore's bounds) and how a view names it.
     */
    private record Run(List<Column> columns, Consumer<TrajectorySink> engine,
                       BiFunction<Trajectory.Summary, List<String>, Map<String, Object>> manifest, String sizeOption,
                       double rows, GroupSpectrum groups, boolean coefficients, Optional<ReducedModel> model,
                       double work, String workUnit, String label) {

        /** The files of the run's folder, in the order they are listed. */
        List<String> files() {
            List<String> files = new ArrayList<>(List.of(RunOutput.TRAJECTORY));
            if (coefficients) {
                files.add(RunOutput.COEFFICIENTS);
            }
            if (groups != null) {
                files.add(RunOutput.GROUPS);
            }
            files.add(RunOutput.EVENTS);
            files.add(RunOutput.MANIFEST);
            return files;
        }

        /** Values a row takes in all the files written row by row. */
        int valuesPerRow() {
            return columns.size() + (coefficients ? groups.groups() + 2 : 0);
        }
    }

    /** Bytes a row takes at least: one character per column and its separator. */
    private static final int MIN_ROW_BYTES_PER_COLUMN = 2;

    @Override
    public Integer call() throws Exception {
        Run run = engine == Engine.full ? fullRun() : reducedRun();
        PrintWriter out = spec.commandLine().getOut();
        if (output.toStdout()) {
            // only the trajectory's rows go to standard output (reducedRun refuses --coefficients always)
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
            if (run.groups() != null) {
                RunOutput.writeGroups(dir, run.groups());
            }
            Trajectory.Summary summary;
            try {
                summary = RunOutput.writeRows(dir, run.columns(), run.coefficients() ? run.groups().groups() : 0,
                        run.engine(), run.rows());
            } catch (RunOutput.TooLarge e) {
                throw tooLarge(run, e.bytesPerRow(), e.freeBytes(), dir.target());
            }
            failIfFailed(summary);
            List<String> files = run.files();
            RunOutput.finish(dir, summary, run.manifest().apply(summary, files));
            summarize(out, summary);
            out.println("wrote " + dir.target() + " (" + String.join(", ", files) + ")");
        }
        return 0;
    }

    /**
     * The validated run, not computed and nothing written: for {@code explore}, which computes it in
     * memory. Throws what {@link #call} would throw before any work, so the same input is refused
     * with the same line.
     */
    PlannedRun plan() {
        Run run = engine == Engine.full ? fullRun() : reducedRun();
        return new PlannedRun(argv(), run.label(), algo, run.model(), run.columns(), run.engine(), run.rows(), run.work(),
                run.workUnit(), schedule.alignEps);
    }

    /** How a view names the run: the rule, its rate and schedule, and the settings given. */
    private String label() {
        StringBuilder s = new StringBuilder(algo.displayName());
        if (algo.isDiscrete()) {
            s.append(", lr ").append(compact(schedule.lr));
            if (Options.given(spec, "--schedule")) {
                // as typed (cosine, exp:0.99), not the parsed shape's record text
                List<String> typed = spec.findOption("--schedule").originalStringValues();
                s.append(' ').append(typed.get(typed.size() - 1));
            }
            if (Options.given(spec, "--momentum")) {
                s.append(", momentum ").append(spec.findOption("--momentum").getValue().toString());
            }
        }
        return s.toString();
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
     * Refuses a run whose rows cannot fit on the disk of --out, whatever their numbers (each value
     * of trajectory.csv and coefficients.csv takes a character and a separator at least, and so does
     * each of groups.csv). A run that passes is checked again on the size of its first rows
     * ({@link RunOutput#writeRows}).
     */
    private void checkDisk(Run run) throws java.io.IOException {
        Path folder = output.folder("runs/" + engine + "-" + algo.label());
        double perRow = (double) MIN_ROW_BYTES_PER_COLUMN * run.valuesPerRow();
        double groups = run.groups() != null ? (double) MIN_ROW_BYTES_PER_COLUMN * 4 * run.groups().groups() : 0;
        double free = OutputDir.usableSpace(folder);
        if (run.rows() * perRow + groups > free) {
            throw tooLarge(run, perRow, free, folder);
        }
    }

    private InvalidSpecException tooLarge(Run run, double perRow, double free, Path folder) {
        List<String> fewer = new ArrayList<>();
        if (algo.isDiscrete()) {
            fewer.add("every N-th step with --every N");
        }
        if (run.coefficients()) {
            fewer.add("no coefficients.csv with --coefficients never");
        }
        fewer.add((fewer.isEmpty() ? "" : "or ") + "the trajectory to standard output with --out -");
        return new InvalidSpecException(run.sizeOption().substring(2), String.format(Locale.ROOT,
                "asks for %.4g rows of %s, %.3g bytes at %.0f a row, more than the %.3g bytes free on the "
                        + "disk of %s: at most about %.3g rows fit (write less: %s)",
                run.rows(), run.coefficients() ? "trajectory.csv and coefficients.csv" : "trajectory.csv",
                run.rows() * perRow, perRow, free, folder, free / perRow, String.join(", ", fewer)));
    }

    private Run reducedRun() {
        teacher.requireReducible("--engine reduced");
        Options.refuse(spec, "--engine reduced", java.util.Arrays.stream(FullOptions.NAMES)
                .filter(name -> !name.equals("--basis")).toArray(String[]::new));
        if (!algo.isDiscrete()) {
            Options.refuse(spec, algo, "the discrete rules", RuleOptions.NAMES);
        }
        Schedule schedule = this.schedule.schedule(algo, integrator);
        boolean canonical = Options.given(spec, "--basis") && full.basis == FullProblem.Basis.CANONICAL;
        ReducedRunSpec runSpec = new ReducedRunSpec(problem.model(), problem.start(), algo, schedule,
                this.schedule.alignEps, this.schedule.every, algo.isDiscrete() ? rule.rule(algo) : null, canonical);
        GroupSpectrum groups = runSpec.model().groups();
        boolean keep = keepCoefficients(groups);
        double rows = schedule instanceof Schedule.Discrete d ? ScheduleOptions.recordedRows(d.steps(), runSpec.every())
                : ((Schedule.Continuous) schedule).samples();
        String option = algo.isDiscrete() ? (Options.given(spec, "--t-end") ? "--t-end" : "--steps") : "--samples";
        double work = groups.groups() * (schedule instanceof Schedule.Discrete d ? (double) d.steps()
                : ((Schedule.Continuous) schedule).samples());
        return new Run(ReducedEngine.columns(runSpec.model()), sink -> ReducedEngine.run(runSpec, sink),
                (t, files) -> RunManifest.reduced(runSpec, t, argv(), coefficients.name(), files), option, rows, groups,
                keep, Optional.of(runSpec.model()), work, "group-steps", label());
    }

    /** Whether coefficients.csv is written for a reduced run of {@code groups}, per --coefficients. */
    private boolean keepCoefficients(GroupSpectrum groups) {
        if (output.toStdout()) {
            if (coefficients == CoefficientsChoice.always) {
                throw new ErrorHandlers.UsageException("--coefficients always writes coefficients.csv into a folder; "
                        + "--out - streams only the trajectory (give a folder, or --coefficients never)");
            }
            return false;
        }
        return switch (coefficients) {
            case always -> true;
            case never -> false;
            case auto -> !groups.isThreeGroup() && groups.groups() <= AUTO_COEFFICIENT_GROUPS;
        };
    }

    private Run fullRun() {
        Options.refuse(spec, "--engine full", "--coefficients");
        if (!algo.isDiscrete()) {
            throw new InvalidSpecException("algo", "must be a discrete rule with --engine full (got '"
                    + algo.label() + "'; the flows run on the reduced engine)");
        }
        Schedule.Discrete discrete = (Schedule.Discrete) schedule.schedule(algo, integrator);
        FullRunSpec runSpec = new FullRunSpec(teacher.apply(full.problem(problem)), full.init(problem), full.loss(),
                rule.rule(algo), discrete.lr(), discrete.steps(), schedule.every, schedule.alignEps, discrete.rate());
        FullLimits.applyThreads(full.threads);
        FullLimits.require(runSpec, runSpec.steps(), spec.commandLine().getErr(), "run");
        double rows = ScheduleOptions.recordedRows(discrete.steps(), schedule.every);
        double m = runSpec.problem().m();
        double d = runSpec.problem().d();
        double work = runSpec.steps() * m * d * Math.min(m, d);
        return new Run(FullEngine.columns(runSpec), sink -> FullEngine.run(runSpec, sink),
                (t, files) -> RunManifest.full(runSpec, teacher.describe(runSpec.problem()), t, argv(), files),
                Options.given(spec, "--t-end") ? "--t-end" : "--steps", rows, null, false, Optional.empty(), work,
                "multiply-adds", label() + " (full, d = " + (long) d + ")");
    }

    private List<String> argv() {
        return spec.commandLine().getParseResult().originalArgs();
    }

    /** How the run ended and its events; the third value of an event is c, or bulk_rms where the trajectory has it. */
    static void summarize(PrintWriter out, Trajectory.Summary run) {
        var outcome = run.outcome();
        out.printf(Locale.ROOT, "%s at t=%s after %d rows%s%n", outcome.status().label(), shortNumber(outcome.t()),
                run.rows(), outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")");
        String third = run.columns().contains(Column.BULK_RMS) ? Column.BULK_RMS.header() : Column.C.header();
        for (StageEvent e : run.events()) {
            out.printf(Locale.ROOT, "  %-16s t=%-12s a=%-12s b=%-12s %s=%s%n", e.name(), shortNumber(e.t()),
                    shortNumber(e.a()), shortNumber(e.b()), third, shortNumber(e.c()));
        }
        if (run.diagnostics().get(FullEngine.OFFMANIFOLD_MAX) instanceof Double largest) {
            out.printf(Locale.ROOT, "offmanifold: largest %s (step %s), final %s%n", shortNumber(largest),
                    run.diagnostics().get(FullEngine.OFFMANIFOLD_MAX_STEP),
                    shortNumber((Double) run.diagnostics().get(FullEngine.OFFMANIFOLD_FINAL)));
        }
    }

    /** A rate as a reader writes it: 0.02, 0.0001, 1e-09, 50 (at most four significant digits kept). */
    static String compact(double x) {
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros();
        if (x >= 1e-4 && x < 1e6 && exact.precision() <= 6) {
            return exact.toPlainString();
        }
        String text = String.format(Locale.ROOT, "%.4g", x);
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        if (mantissa.contains(".")) {
            // trailing zeros of the mantissa only: 1.000e-300 is 1e-300, not 1e-3
            mantissa = mantissa.replaceAll("\\.?0+$", "");
        }
        return e < 0 ? mantissa : mantissa + text.substring(e);
    }

    static String shortNumber(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
