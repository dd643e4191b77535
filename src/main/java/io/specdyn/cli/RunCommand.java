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
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Trajectory;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
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
                + "their step column is the row index.",
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

    /** A validated run: how to compute it and how to describe it. */
    private record Run(Supplier<Trajectory> engine, Function<Trajectory, Map<String, Object>> manifest) {
    }

    @Override
    public Integer call() throws Exception {
        Run run = engine == Engine.full ? fullRun() : reducedRun();
        PrintWriter out = spec.commandLine().getOut();
        if (output.toStdout()) {
            TrajectoryCsv.writeRows(run.engine().get(), out);
            out.flush();
            return 0;
        }
        try (OutputDir dir = output.open("runs/" + engine + "-" + algo.label())) {
            Trajectory trajectory = run.engine().get();
            RunOutput.write(dir, trajectory, run.manifest().apply(trajectory));
            summarize(out, trajectory);
            out.println("wrote " + dir.target() + " (trajectory.csv, events.csv, run.json)");
        }
        return 0;
    }

    private Run reducedRun() {
        Options.refuse(spec, "--engine reduced", FullOptions.NAMES);
        ReducedRunSpec runSpec = new ReducedRunSpec(problem.model(), problem.start(), algo,
                schedule.schedule(algo, integrator), schedule.alignEps);
        return new Run(() -> ReducedEngine.run(runSpec), t -> RunManifest.reduced(runSpec, t, argv()));
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
        return new Run(() -> FullEngine.run(runSpec), t -> RunManifest.full(runSpec, t, argv()));
    }

    private List<String> argv() {
        return spec.commandLine().getParseResult().originalArgs();
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
