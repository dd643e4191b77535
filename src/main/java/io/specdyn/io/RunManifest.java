package io.specdyn.io;

import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.linalg.NewtonSchulz;
import io.specdyn.model.Coefficients;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.LearningRate;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.Spectrum;
import io.specdyn.model.State;
import io.specdyn.reduced.IntegratorSettings;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.reduced.Schedule;
import io.specdyn.rules.Muon;
import io.specdyn.rules.UpdateRule;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.Trajectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code run.json} of a run: every parameter with its resolved value (defaults included),
 * the program version, the outcome and the engine's counters. Keys are the option names.
 *
 * <p>Everything in it is a function of the inputs except {@code diagnostics.wall_seconds}.
 */
public final class RunManifest {
    private RunManifest() {
    }

    /**
     * The manifest of a reduced run.
     *
     * @param coefficients the {@code --coefficients} choice (auto, always, never); whether
     *                     {@code coefficients.csv} was written is read from {@code files}
     * @param files        the files of the run's folder
     */
    public static Map<String, Object> reduced(ReducedRunSpec spec, Trajectory.Summary trajectory, List<String> argv,
                                              String coefficients, List<String> files) {
        Map<String, Object> m = header("run", argv);
        m.put("engine", "reduced");
        m.put("algo", spec.algorithm().label());
        m.put("problem", problem(spec.model()));
        m.put("init", init(spec.model(), spec.init()));
        Map<String, Object> schedule = schedule(spec.schedule());
        if (spec.schedule() instanceof Schedule.Discrete) {
            schedule.put("every", spec.every());
        }
        m.put("schedule", schedule);
        if (spec.rule() != null) {
            m.put("rule", rule(spec.rule()));
            m.put("basis", spec.coordinateBasis() ? "canonical" : "any");
        }
        m.put("align-eps", spec.alignEps());
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("option", coefficients);
        kept.put("written", files.contains(RunOutput.COEFFICIENTS));
        m.put("coefficients", kept);
        m.put("files", List.copyOf(files));
        putResult(m, trajectory);
        return m;
    }

    /**
     * The manifest of a full-matrix run.
     *
     * @param teacher how the teacher was given and what it is (kind, norm, overlaps)
     * @param files   the files of the run's folder
     */
    public static Map<String, Object> full(FullRunSpec spec, Map<String, Object> teacher, Trajectory.Summary trajectory,
                                           List<String> argv, List<String> files) {
        Map<String, Object> m = header("run", argv);
        m.put("engine", "full");
        m.put("algo", spec.algorithm().label());
        m.put("problem", fullProblem(spec));
        m.put("teacher", teacher);
        m.put("init", fullInit(spec.init()));
        m.put("loss", loss(spec.loss()));
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("lr", spec.lr());
        schedule.put("steps", spec.steps());
        putRate(schedule, spec.rate());
        schedule.put("every", spec.every());
        m.put("schedule", schedule);
        m.put("rule", rule(spec.rule()));
        m.put("align-eps", spec.alignEps());
        m.put("threads", trajectory.diagnostics().get("threads"));
        m.put("files", List.copyOf(files));
        putResult(m, trajectory);
        return m;
    }

    /**
     * A rule's settings, in the order of its option names, and for Muon the published constants it
     * uses (theory-notes/update-rules.md).
     */
    public static Map<String, Object> rule(UpdateRule rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", rule.algorithm().label());
        m.put("rotation-equivariant", rule.rotationEquivariant());
        new java.util.TreeMap<>(rule.settings()).forEach(m::put);
        if (rule instanceof Muon) {
            m.put("ns-coefficients", List.of(NewtonSchulz.A, NewtonSchulz.B, NewtonSchulz.C));
        }
        return m;
    }

    /** How the run ended, its size and its engine's counters. */
    private static void putResult(Map<String, Object> m, Trajectory.Summary trajectory) {
        m.put("outcome", outcome(trajectory.outcome()));
        m.put("rows", trajectory.rows());
        m.put("events", trajectory.events().size());
        m.put("diagnostics", trajectory.diagnostics());
    }

    public static Map<String, Object> fullProblem(FullRunSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        CovarianceSpectrum s = spec.problem().spectrum();
        m.put("d", spec.problem().d());
        m.put("m", spec.problem().m());
        m.put("spectrum", s.description());
        m.put("signal-index", s.signal() + 1);
        m.put("spike-index", s.spike() + 1);
        m.put("signal-eigenvalue", s.eigenvalue(s.signal()));
        m.put("spike-eigenvalue", s.eigenvalue(s.spike()));
        m.put("spike-rule", s.spikeRule());
        m.put("basis", spec.problem().basis().label());
        m.put("seed", spec.problem().seed());
        return m;
    }

    public static Map<String, Object> fullInit(FullInit init) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (init instanceof FullInit.OnManifold on) {
            m.put("kind", "manifold");
            m.putAll(init(on.coefficients().size() == 3, on.coefficients()));
        } else if (init instanceof FullInit.Gaussian g) {
            m.put("kind", "gaussian");
            m.put("init-scale", g.scale());
        } else if (init instanceof FullInit.Orthogonal o) {
            m.put("kind", "orthogonal");
            m.put("init-scale", o.scale());
        }
        return m;
    }

    public static Map<String, Object> loss(LossSpec loss) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (loss instanceof LossSpec.Samples s) {
            m.put("kind", "samples");
            m.put("samples-n", s.n());
            m.put("sampling", s.online() ? "online" : "fixed");
        } else {
            m.put("kind", "population");
        }
        return m;
    }

    /** Program name and version and the command line. */
    public static Map<String, Object> header(String command, List<String> argv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", "specdyn");
        m.put("version", ProgramVersion.get());
        m.put("command", command);
        m.put("argv", argv);
        return m;
    }

    /**
     * The problem of a reduced run: for the three-group model its d and eigenvalues, as always; for
     * other spectra d, how the spectrum was made, the signal's position and the groups' count.
     */
    public static Map<String, Object> problem(ReducedModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!model.isThreeGroup()) {
            GroupSpectrum g = model.groups();
            m.put("d", model.d());
            m.put("spectrum", g.description());
            m.put("signal-index", g.signalPosition() + 1);
            m.put("signal-eigenvalue", g.eigenvalue(GroupSpectrum.SIGNAL));
            m.put("spike-index", g.spikePosition() + 1);
            m.put("spike-eigenvalue", g.eigenvalue(GroupSpectrum.SPIKE));
            m.put("spike-rule", g.spikeRule());
            m.put("groups", g.groups());
            return m;
        }
        Spectrum s = model.spectrum();
        m.put("d", model.d());
        if (s.lt() == 1 && s.lp() == 1) {
            m.put("kappa", s.lu() - 1);
        }
        m.put("lt", s.lt());
        m.put("lu", s.lu());
        m.put("lp", s.lp());
        return m;
    }

    /**
     * A start of {@code model}: (a, b, c) for the three-group model, else its one value if all are
     * equal, else every value (in the order of {@code groups.csv}).
     */
    public static Map<String, Object> init(ReducedModel model, State x) {
        return init(model.isThreeGroup(), x);
    }

    private static Map<String, Object> init(boolean abc, State x) {
        if (abc) {
            return init(x.toCoefficients());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        double[] w = x.toArray();
        boolean equal = java.util.Arrays.stream(w).allMatch(v -> Double.compare(v, w[0]) == 0);
        if (equal) {
            m.put("every-group", w[0]);
        } else {
            m.put("groups", w);
        }
        return m;
    }

    public static Map<String, Object> init(Coefficients x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", x.a());
        m.put("b", x.b());
        m.put("c", x.c());
        return m;
    }

    public static Map<String, Object> schedule(Schedule schedule) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (schedule instanceof Schedule.Discrete d) {
            m.put("lr", d.lr());
            m.put("steps", d.steps());
            putRate(m, d.rate());
        } else if (schedule instanceof Schedule.Continuous c) {
            m.put("t-end", c.tEnd());
            m.put("samples", c.samples());
            IntegratorSettings i = c.integrator();
            Map<String, Object> integrator = new LinkedHashMap<>();
            integrator.put("name", i.kind().label());
            integrator.put("rtol", i.rtol());
            integrator.put("atol", i.atol());
            m.put("integrator", integrator);
        }
        return m;
    }

    /**
     * Puts the learning-rate schedule's shape into a schedule's map: {@code kind}, {@code lr-min},
     * {@code warmup} (0 for none) and, for {@code exp}, {@code gamma}.
     */
    public static void putRate(Map<String, Object> schedule, LearningRate rate) {
        schedule.put("kind", rate.kind().label());
        schedule.put("lr-min", rate.lrMin());
        schedule.put("warmup", rate.warmup());
        if (rate.kind() == LearningRate.Kind.EXP) {
            schedule.put("gamma", rate.gamma());
        }
    }

    public static Map<String, Object> outcome(Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", outcome.status().label());
        m.put("step", outcome.step());
        m.put("t", outcome.t());
        if (!outcome.detail().isEmpty()) {
            m.put("detail", outcome.detail());
        }
        return m;
    }
}
