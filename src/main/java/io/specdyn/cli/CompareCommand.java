package io.specdyn.cli;

import io.specdyn.analysis.ReducedFullComparison;
import io.specdyn.full.FullEngine;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.io.Json;
import io.specdyn.io.Numbers;
import io.specdyn.io.OutputDir;
import io.specdyn.io.RunManifest;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.reduced.ReducedEngine;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.reduced.Schedule;
import io.specdyn.rules.UpdateRule;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Trajectory;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specdyn compare}: the reduced and the full engine on the same problem and start. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the reduced and the full engine on the same problem and start, and compares them step by step.",
            "",
            "Writes DIR/compare.csv, DIR/compare.json (parameters and summary), and the two runs' trajectories "
                + "(reduced.csv, full.csv). compare.csv holds, for each step, the compared columns of the reduced run "
                + "(_red) and of the full run (_full), their largest absolute difference and the full run's "
                + "off-manifold residual: for the spiked and three-level spectra "
                + "step,t,a_red,b_red,c_red,a_full,b_full,c_full,max_abs_dev,offmanifold; for any other spectrum "
                + "step,t,a_red,b_red,loss_red,alignment_red,a_full,b_full,loss_full,alignment_full,max_abs_dev,"
                + "offmanifold, with a the signal's coefficient and b the spike's (the largest-eigenvalue group other "
                + "than the signal's, measured by the full run on its first direction). Coefficients are magnitudes. "
                + "The summary gives the largest deviation in stage I (before the reduced run's escaped event) and "
                + "stage II, and the first step at which the full run is more than 1e-6 off the manifold (W^T W "
                + "diagonal in the eigenbasis with one entry per eigenvalue group).",
            "",
            "The problem is any that the reduced engine reduces exactly: a diagonal spectrum (--spectrum spiked, "
                + "power-law, spikes:K1,K2,... or file:PATH, the signal at any --signal-index), a square W (m = d), "
                + "the population loss and a start on the manifold (iso, or a,b,c for the spiked spectrum). "
                + "--m other than d, --samples-n, --sampling, --init gaussian and orthogonal, and a --teacher or "
                + "--teacher-norm other than eigen and unit are refused. adam and signgd act on single "
                + "entries of W and reduce only in the coordinate basis: give --basis canonical.",
            ""},
        modelTransformer = CompareCommand.HideRefused.class,
        footerHeading = "%nExample:%n",
        footer = "  specdyn compare --algo specgd --d 64 --lr 0.002 --steps 1000 --out runs/compare-specgd")
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--algo", required = true, converter = Converters.AlgorithmName.class, paramLabel = "ALGO",
            description = "A discrete rule: gd, specgd, muon, momentum, ngd, adam or signgd (adam and signgd only with "
                    + "--basis canonical, where they reduce).")
    Algorithm algo;

    @Mixin
    RuleOptions.Single rule;

    @Mixin
    ProblemOptions problem;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    FullOptions full;

    @Mixin
    TeacherOptions teacher;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (!algo.isDiscrete()) {
            throw new InvalidSpecException("algo", "must be a discrete rule (got '" + algo.label() + "')");
        }
        Options.refuse(spec, "compare (population loss)", "--samples-n", "--sampling", "--samples");
        teacher.requireReducible("compare");
        if (full.m != null && full.m != problem.spectrum().d()) {
            throw new InvalidSpecException("m", "must equal d = " + problem.spectrum().d() + " for compare: only a square "
                    + "W starts on the reduced manifold (got " + full.m + ")");
        }
        if (problem.init instanceof InitChoice.Gaussian) {
            throw new ErrorHandlers.UsageException("--init gaussian starts off the manifold; compare needs iso or a,b,c");
        }
        if (problem.init instanceof InitChoice.Orthogonal) {
            throw new ErrorHandlers.UsageException("--init orthogonal is a random matrix; compare needs iso or a,b,c");
        }
        if (output.toStdout()) {
            throw new ErrorHandlers.UsageException("--out - is not available here; give a folder");
        }
        Schedule.Discrete discrete = (Schedule.Discrete) schedule.schedule(algo, new IntegratorOptions());
        UpdateRule updateRule = rule.rule(algo);
        FullProblem fullProblem = full.problem(problem);
        ReducedRunSpec reducedSpec = new ReducedRunSpec(problem.model(), problem.start(), algo, discrete,
                schedule.alignEps, 1, updateRule, fullProblem.basis() == FullProblem.Basis.CANONICAL);
        FullRunSpec fullSpec = new FullRunSpec(fullProblem, new FullInit.OnManifold(problem.start()),
                new LossSpec.Population(), updateRule, discrete.lr(), discrete.steps(), schedule.every,
                schedule.alignEps, discrete.rate());
        FullLimits.applyThreads(full.threads);
        FullLimits.require(fullSpec, fullSpec.steps(), spec.commandLine().getErr(), "compare");
        try (OutputDir dir = output.open("runs/compare-" + algo.label(), "compare.json")) {
            Trajectory reduced = ReducedEngine.run(reducedSpec);
            Trajectory fullRun = FullEngine.run(fullSpec);
            ReducedFullComparison.Result result = ReducedFullComparison.compare(reduced, fullRun);
            write(dir, result, reduced, fullRun, fullSpec);
            PrintWriter out = spec.commandLine().getOut();
            out.println("compared: " + String.join(", ", result.columns().stream().map(Column::header).toList())
                    + " (reduced against full)");
            print(out, result.summary());
            out.println("wrote " + dir.target() + " (compare.csv, compare.json, reduced.csv, full.csv)");
        }
        return 0;
    }

    /** Hides from the help the options that compare shares with run but refuses. */
    static final class HideRefused implements IModelTransformer {
        static final List<String> HIDDEN = List.of("--samples", "--m", "--samples-n", "--sampling");

        @Override
        public CommandSpec transform(CommandSpec command) {
            for (String name : HIDDEN) {
                OptionSpec option = command.findOption(name);
                if (option != null && !option.hidden()) {
                    command.remove(option);
                    command.addOption(option.toBuilder().hidden(true).build());
                }
            }
            return command;
        }
    }

    private static void print(PrintWriter out, ReducedFullComparison.Summary s) {
        if (s.escapedStep() < 0) {
            out.printf(Locale.ROOT, "stage I  (the whole run: the reduced run did not escape): largest deviation %.3e "
                    + "(relative %.3e)%n", s.stageIAbsolute(), s.stageIRelative());
        } else {
            out.printf(Locale.ROOT, "stage I  (steps < %d): largest deviation %.3e (relative %.3e)%n", s.escapedStep(),
                    s.stageIAbsolute(), s.stageIRelative());
            out.printf(Locale.ROOT, "stage II (steps >= %d): largest deviation %.3e (relative %.3e)%n", s.escapedStep(),
                    s.stageIIAbsolute(), s.stageIIRelative());
        }
        if (s.firstOffManifoldStep() < 0) {
            out.printf(Locale.ROOT, "the full run stayed on the manifold (residual <= 1e-6; last %.3e)%n", s.finalOffManifold());
        } else {
            out.printf(Locale.ROOT, "the full run left the manifold at step %d (residual > 1e-6; last %.3e); "
                    + "largest relative deviation before: %.3e%n", s.firstOffManifoldStep(), s.finalOffManifold(),
                    s.onManifoldRelative());
        }
    }

    /** {@code step,t}, each compared column of the reduced run ({@code _red}) and of the full run ({@code _full}), then the deviation and residual. */
    static String header(List<Column> columns) {
        StringBuilder h = new StringBuilder("step,t");
        for (String side : new String[] {"_red", "_full"}) {
            for (Column c : columns) {
                h.append(',').append(c.header()).append(side);
            }
        }
        return h.append(",max_abs_dev,offmanifold\n").toString();
    }

    private void write(OutputDir dir, ReducedFullComparison.Result result, Trajectory reduced, Trajectory fullRun,
                       FullRunSpec fullSpec) throws Exception {
        try (Writer w = Files.newBufferedWriter(dir.file("compare.csv"))) {
            w.write(header(result.columns()));
            for (ReducedFullComparison.Row r : result.rows()) {
                StringBuilder line = new StringBuilder().append(r.step()).append(',').append(Numbers.format(r.t()));
                for (double x : r.reduced()) {
                    line.append(',').append(Numbers.format(x));
                }
                for (double x : r.full()) {
                    line.append(',').append(Numbers.format(x));
                }
                line.append(',').append(Numbers.format(r.maxAbsDeviation())).append(',')
                        .append(Numbers.format(r.offManifold())).append('\n');
                w.write(line.toString());
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.file("reduced.csv"))) {
            io.specdyn.io.TrajectoryCsv.writeRows(reduced, w);
        }
        try (Writer w = Files.newBufferedWriter(dir.file("full.csv"))) {
            io.specdyn.io.TrajectoryCsv.writeRows(fullRun, w);
        }
        ReducedFullComparison.Summary s = result.summary();
        Map<String, Object> m = RunManifest.header("compare", spec.commandLine().getParseResult().originalArgs());
        m.put("algo", algo.label());
        m.put("problem", RunManifest.fullProblem(fullSpec));
        m.put("init", RunManifest.fullInit(fullSpec.init()));
        Map<String, Object> sched = new LinkedHashMap<>();
        sched.put("lr", fullSpec.lr());
        sched.put("steps", fullSpec.steps());
        RunManifest.putRate(sched, fullSpec.rate());
        sched.put("every", fullSpec.every());
        m.put("schedule", sched);
        m.put("threads", fullRun.diagnostics().get("threads"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("compared", result.columns().stream().map(Column::header).toList());
        summary.put("escaped_step", s.escapedStep());
        summary.put("stage_I_max_abs_dev", s.stageIAbsolute());
        summary.put("stage_I_max_rel_dev", s.stageIRelative());
        summary.put("stage_II_max_abs_dev", s.stageIIAbsolute());
        summary.put("stage_II_max_rel_dev", s.stageIIRelative());
        summary.put("first_off_manifold_step", s.firstOffManifoldStep());
        summary.put("max_rel_dev_on_manifold", s.onManifoldRelative());
        summary.put("final_offmanifold", s.finalOffManifold());
        m.put("summary", summary);
        m.put("full_outcome", RunManifest.outcome(fullRun.outcome()));
        m.put("full_diagnostics", fullRun.diagnostics());
        Files.writeString(dir.file("compare.json"), Json.write(m));
        dir.commit();
    }
}
