package io.specdyn.cli;

import io.specdyn.analysis.DiscretisationStudy;
import io.specdyn.io.Json;
import io.specdyn.io.Numbers;
import io.specdyn.io.OutputDir;
import io.specdyn.io.RunManifest;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.reduced.Schedule;
import io.specdyn.trajectory.Stages;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specdyn convergence}: how a discrete map approaches its flow as the learning rate shrinks. */
@Command(name = "convergence", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measures how GD approaches GF and SpecGD approaches SpecGF (Filippov) as lr -> 0, phase by phase.",
            "",
            "For each learning rate the map runs to --t-end and the flow is sampled at the same times; the "
                + "error is max |x_i(k) - x_i(k lr)| over the coefficients and the steps of each phase of the flow, "
                + "and the order between successive learning rates is log(e1/e2)/log(lr1/lr2). SpecGF phases: "
                + "escape (to the first slide-start), sliding (to the first slide-end), landing (to the arrival "
                + "at the minimiser), terminal. GF phases: stage-I (to escaped), stage-II (to aligned), late.",
            "",
            "The problem options are those of run: both compare every group's coefficient over any --spectrum.",
            "",
            "The map and the flow are compared row by row as they are computed (memory does not grow as lr "
                + "shrinks), up to " + ConvergenceCommand.MAX_STEPS + " steps per rate. With --out DIR, writes "
                + "DIR/convergence.csv and DIR/convergence.json; an existing DIR is replaced whole if it holds an "
                + "earlier convergence.json and refused otherwise, unless it is empty.",
            "",
            "Exit codes: 0 success, 1 a failure of the run, 2 invalid input (nothing written).",
            ""},
        footerHeading = "%nExample:%n",
        footer = "  specdyn convergence --algo specgd --lr 1e-3,1e-4,1e-5 --t-end 2")
final class ConvergenceCommand implements Callable<Integer> {

    /** The flow is sampled at every step and counts its samples in an int. */
    static final long MAX_STEPS = Integer.MAX_VALUE - 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--algo", required = true, converter = Converters.AlgorithmName.class, paramLabel = "ALGO",
            description = "gd (against gf) or specgd (against specgf).")
    Algorithm algo;

    @Option(names = "--lr", split = ",", converter = Converters.Positive.class, paramLabel = "LR",
            description = "Learning rates, comma-separated, each > 0 (default: 1e-3,1e-4,1e-5 for specgd; "
                    + "1e-2,5e-3,2.5e-3,1.25e-3 for gd).")
    List<Double> lrs;

    @Option(names = "--t-end", converter = Converters.Positive.class, defaultValue = "2", paramLabel = "T",
            description = "Horizon, > 0, a whole number of steps of every --lr (default: ${DEFAULT-VALUE}).")
    double tEnd;

    // given only to be refused with a reason: the study compares constant-rate maps with their flows
    @Option(names = "--schedule", hidden = true)
    String schedule;

    @Option(names = "--warmup", hidden = true)
    String warmup;

    @Option(names = "--lr-min", hidden = true)
    String lrMin;

    @Mixin
    ProblemOptions problem;

    @Mixin
    IntegratorOptions integrator;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        for (String option : ScheduleOptions.RATE_NAMES) {
            if (Options.given(spec, option)) {
                throw new ErrorHandlers.UsageException(option + " does not apply to convergence: it compares maps "
                        + "at a constant learning rate with their flows as lr -> 0");
            }
        }
        if (algo != Algorithm.GD && algo != Algorithm.SPECGD) {
            throw new InvalidSpecException("algo", "must be gd or specgd (got '" + algo.label() + "')");
        }
        double[] rates = (lrs != null ? lrs : algo == Algorithm.GD ? List.of(1e-2, 5e-3, 2.5e-3, 1.25e-3)
                : List.of(1e-3, 1e-4, 1e-5)).stream().mapToDouble(Double::doubleValue).toArray();
        for (double lr : rates) {
            long steps = Math.round(tEnd / lr);
            if (!(tEnd / lr < MAX_STEPS)) {
                throw new InvalidSpecException("lr", "must leave at most " + MAX_STEPS + " steps in --t-end " + tEnd
                        + ", the number of samples the flow can take (got " + lr + ", " + tEnd / lr + " steps)");
            }
            if (steps < 1 || Math.abs(steps * lr - tEnd) > 1e-9 * tEnd) {
                throw new InvalidSpecException("t-end", "must be a whole number of steps of every --lr (got "
                        + tEnd + " with lr " + lr + ")");
            }
        }
        if (output.toStdout()) {
            throw new ErrorHandlers.UsageException("--out - is not available here; give a folder");
        }
        Algorithm flow = algo == Algorithm.GD ? Algorithm.GF : Algorithm.SPECGF;
        ReducedRunSpec flowSpec = new ReducedRunSpec(problem.model(), problem.start(), flow,
                new Schedule.Continuous(tEnd, 2, integrator.settings()), Stages.DEFAULT_ALIGN_EPS);
        OutputDir dir = output.out != null ? output.open("convergence", "convergence.json") : null;
        try {
            DiscretisationStudy.Result result = DiscretisationStudy.run(flowSpec, rates);
            PrintWriter out = spec.commandLine().getOut();
            print(out, result, tEnd);
            if (dir != null) {
                write(dir, flowSpec, result);
                out.println("wrote " + dir.target() + " (convergence.csv, convergence.json)");
            }
        } finally {
            if (dir != null) {
                dir.close();
            }
        }
        return 0;
    }

    private static void print(PrintWriter out, DiscretisationStudy.Result r, double tEnd) {
        out.printf(Locale.ROOT, "%s against %s: max coefficient error by phase%n", r.map().label(), r.flow().label());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-9s %-10s %-10s", "phase", "from", "to"));
        for (double lr : r.lrs()) {
            head.append(String.format(Locale.ROOT, " %-10s", "lr=" + Numbers.format(lr)));
        }
        out.println(head.append(" observed order"));
        for (int p = 0; p < r.phases().size(); p++) {
            var phase = r.phases().get(p);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s %-10.4g %-10.4g", phase.name(),
                    phase.from(), Math.min(phase.to(), tEnd)));
            for (int i = 0; i < r.lrs().length; i++) {
                line.append(String.format(Locale.ROOT, " %-10.3e", r.errors()[i][p]));
            }
            for (int i = 0; i + 1 < r.lrs().length; i++) {
                line.append(String.format(Locale.ROOT, " %.3f", r.order(p, i)));
            }
            out.println(line);
        }
        out.flush();
    }

    private void write(OutputDir dir, ReducedRunSpec flowSpec, DiscretisationStudy.Result r) throws Exception {
        try (Writer w = Files.newBufferedWriter(dir.file("convergence.csv"))) {
            w.write("phase,from,to,lr,error\n");
            for (int p = 0; p < r.phases().size(); p++) {
                var phase = r.phases().get(p);
                for (int i = 0; i < r.lrs().length; i++) {
                    w.write(phase.name() + "," + Numbers.format(phase.from()) + "," + Numbers.format(phase.to()) + ","
                            + Numbers.format(r.lrs()[i]) + "," + Numbers.format(r.errors()[i][p]) + "\n");
                }
            }
        }
        Map<String, Object> m = RunManifest.header("convergence", spec.commandLine().getParseResult().originalArgs());
        m.put("map", r.map().label());
        m.put("flow", r.flow().label());
        m.put("problem", RunManifest.problem(flowSpec.model()));
        m.put("init", RunManifest.init(flowSpec.model(), flowSpec.init()));
        m.put("t-end", tEnd);
        m.put("integrator", RunManifest.schedule(flowSpec.schedule()).get("integrator"));
        m.put("lr", r.lrs());
        List<Object> phases = new ArrayList<>();
        for (int p = 0; p < r.phases().size(); p++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("phase", r.phases().get(p).name());
            entry.put("from", r.phases().get(p).from());
            entry.put("to", r.phases().get(p).to());
            double[] errors = new double[r.lrs().length];
            double[] orders = new double[r.lrs().length - 1];
            for (int i = 0; i < errors.length; i++) {
                errors[i] = r.errors()[i][p];
                if (i + 1 < errors.length) {
                    orders[i] = r.order(p, i);
                }
            }
            entry.put("errors", errors);
            entry.put("orders", orders);
            phases.add(entry);
        }
        m.put("phases", phases);
        Files.writeString(dir.file("convergence.json"), Json.write(m));
        dir.commit();
    }
}
