package io.specdyn.cli;

import io.specdyn.io.OutputDir;
import io.specdyn.io.RunManifest;
import io.specdyn.io.RunOutput;
import io.specdyn.io.TrajectoryCsv;
import io.specdyn.model.Algorithm;
import io.specdyn.reduced.ReducedEngine;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Trajectory;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
            "Writes DIR/trajectory.csv (step,t,a,b,c,loss,alignment), DIR/events.csv (name,t,step,a,b,c) "
                + "and DIR/run.json (every parameter with defaults, the version, counters, wall time). "
                + "Discrete algorithms (gd, specgd) write one row per step from step 0, with t = step * lr; "
                + "flows (gf, specgf) write --samples evenly spaced rows on [0, t-end] plus a row at every event, "
                + "and their step column is the row index.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  specdyn run --algo specgf --t-end 2 --out runs/specgf",
            "  specdyn run --algo gd --lr 0.02 --steps 2000 --kappa 20 --out -"})
final class RunCommand implements Callable<Integer> {

    enum Engine { reduced }

    @Spec
    CommandSpec spec;

    @Option(names = "--engine", defaultValue = "reduced", paramLabel = "ENGINE",
            description = "reduced: the (a, b, c) dynamics (default: ${DEFAULT-VALUE}).")
    Engine engine;

    @Option(names = "--algo", required = true, converter = Converters.AlgorithmName.class, paramLabel = "ALGO",
            description = "gd, specgd (discrete maps), gf, specgf (flows; specgf in Filippov's sense).")
    Algorithm algo;

    @Mixin
    ProblemOptions problem;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    IntegratorOptions integrator;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        ReducedRunSpec runSpec = new ReducedRunSpec(problem.model(), problem.start(), algo,
                schedule.schedule(algo, integrator), schedule.alignEps);
        PrintWriter out = spec.commandLine().getOut();
        if (output.toStdout()) {
            Trajectory trajectory = ReducedEngine.run(runSpec);
            TrajectoryCsv.writeRows(trajectory, out);
            out.flush();
            return 0;
        }
        try (OutputDir dir = output.open("runs/" + engine + "-" + algo.label())) {
            Trajectory trajectory = ReducedEngine.run(runSpec);
            List<String> argv = spec.commandLine().getParseResult().originalArgs();
            RunOutput.write(dir, trajectory, RunManifest.reduced(runSpec, trajectory, argv));
            summarize(out, trajectory);
            out.println("wrote " + dir.target() + " (trajectory.csv, events.csv, run.json)");
        }
        return 0;
    }

    static void summarize(PrintWriter out, Trajectory trajectory) {
        var outcome = trajectory.outcome();
        out.printf(Locale.ROOT, "%s at t=%s after %d rows%s%n", outcome.status().label(), shortNumber(outcome.t()),
                trajectory.size(), outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")");
        for (StageEvent e : trajectory.events()) {
            out.printf(Locale.ROOT, "  %-16s t=%-12s a=%-12s b=%-12s c=%s%n", e.name(), shortNumber(e.t()),
                    shortNumber(e.a()), shortNumber(e.b()), shortNumber(e.c()));
        }
    }

    static String shortNumber(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
