package io.specdyn.analysis;

import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.model.Algorithm;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.Range;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.LearningRate;
import io.specdyn.model.State;
import io.specdyn.rules.RuleSettings;
import io.specdyn.rules.Rules;
import io.specdyn.rules.UpdateRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning-rate sweep: every combination of update rule with its settings (a {@link Variant}),
 * dimension, spectrum shape, learning rate and seed is one cell, one run from {@code W0 = s I} (or a
 * Gaussian start, full engine) classified by {@link RunClassifier}. Cells are numbered in that nesting
 * order (variant outermost, seed innermost); the number is a cell's identity in every file.
 *
 * <p>The variants are the algorithms crossed with the rule axes of {@link RuleAxes}: a rule that takes
 * momentum runs once per value of the momentum axis, muon once per value of the Newton-Schulz axis,
 * every rule once per schedule; a rule that does not take a setting runs once, not once per value. A
 * sweep without rule axes has one variant per algorithm, numbered as before the axes existed.
 *
 * <p>The spectrum is a family with one shape parameter, the sweep's {@code shapes} axis: the spike
 * strength {@code kappa} of {@code I + kappa u u^T}, or the exponent {@code alpha} of a power law
 * whose signal sits at {@code signalIndex} (0: the default {@code min(10, d)} of each d). A cell's
 * problem is a {@link GroupSpectrum}, which the reduced engine runs over its K groups and the full
 * engine expands.
 *
 * <p>With the reduced engine the runs are deterministic and there is one seed. With the full engine
 * the seed draws the eigenbasis, a Gaussian start and, with {@code samplesN}, the fixed dataset.
 */
public record SweepSpec(String engine, List<Algorithm> algorithms, int[] dims, double[] shapes, double[] lrs, int seeds,
                        long maxSteps, int hold, double alignEps, double lossTol, String init, double initScale,
                        int samplesN, int threads, Family family, long signalIndex, RuleAxes rules) {

    /**
     * The axes and fixed settings of the update rules.
     *
     * @param momentum       the momentum axis (beta values in [0, 1), sorted), empty when not swept: each rule
     *                       that takes momentum (muon, momentum) runs once per value, every other rule once
     * @param nsSteps        muon's Newton-Schulz steps axis (each in [0, 100], sorted), empty when not swept
     * @param schedules      the learning-rate schedules, an axis every rule runs along; a schedule spans the
     *                       cell's whole budget of {@code maxSteps + hold} steps
     * @param fixed          settings given once, for every rule that takes them (neither momentum nor
     *                       ns-steps, which are axes)
     * @param canonicalBasis whether the eigenbasis is the coordinate basis: the full engine's problems are
     *                       then in the canonical basis, and the reduced engine runs the basis-dependent
     *                       rules (adam, signgd) only then
     */
    public record RuleAxes(double[] momentum, int[] nsSteps, List<LearningRate> schedules, RuleSettings fixed,
                           boolean canonicalBasis) {
        /** No axis and nothing fixed: every rule at its defaults, at a constant rate, in a random basis. */
        public static final RuleAxes NONE = new RuleAxes(new double[0], new int[0], List.of(LearningRate.CONSTANT),
                RuleSettings.DEFAULTS, false);

        public RuleAxes {
            momentum = momentum.clone();
            nsSteps = nsSteps.clone();
            schedules = List.copyOf(schedules);
            for (double beta : momentum) {
                Range.HALF_OPEN_UNIT.require("momentum", beta);
            }
            for (int n : nsSteps) {
                if (n < 0 || n > 100) {
                    throw new InvalidSpecException("ns-steps", "must list whole numbers in [0, 100] (got " + n + ")");
                }
            }
            for (int i = 1; i < momentum.length; i++) {
                if (!(momentum[i] > momentum[i - 1])) {
                    throw new IllegalArgumentException("the momentum axis must be sorted without repeats");
                }
            }
            for (int i = 1; i < nsSteps.length; i++) {
                if (nsSteps[i] <= nsSteps[i - 1]) {
                    throw new IllegalArgumentException("the ns-steps axis must be sorted without repeats");
                }
            }
            if (schedules.isEmpty()) {
                throw new InvalidSpecException("schedule", "must list at least one schedule");
            }
            for (int i = 0; i < schedules.size(); i++) {
                if (schedules.subList(0, i).contains(schedules.get(i))) {
                    throw new InvalidSpecException("schedule", "lists " + schedules.get(i).label() + " twice");
                }
            }
            if (fixed.momentum() != null || fixed.nsSteps() != null) {
                throw new IllegalArgumentException("momentum and ns-steps are axes, not fixed settings");
            }
        }

        /** Whether this is {@link #NONE}: a sweep written as before the rule axes existed. */
        public boolean none() {
            return momentum.length == 0 && nsSteps.length == 0 && schedules.equals(NONE.schedules)
                    && fixed.equals(RuleSettings.DEFAULTS) && !canonicalBasis;
        }

        /** The schedule of a label as {@link LearningRate#label()} writes it, with this floor and warm-up. */
        public static LearningRate schedule(String label, double lrMin, long warmup) {
            String text = label.trim();
            for (LearningRate.Kind kind : LearningRate.Kind.values()) {
                if (kind != LearningRate.Kind.EXP && kind.label().equals(text)) {
                    return new LearningRate(kind, kind == LearningRate.Kind.CONSTANT ? 0 : lrMin, warmup, 1);
                }
            }
            if (text.startsWith("exp:")) {
                try {
                    return new LearningRate(LearningRate.Kind.EXP, lrMin, warmup, Double.parseDouble(text.substring(4)));
                } catch (NumberFormatException e) {
                    // the message below
                }
            }
            throw new InvalidSpecException("schedule", "must be constant, cosine, linear, exp:GAMMA with GAMMA in (0, 1], "
                    + "or inverse-sqrt (got '" + label + "')");
        }
    }

    /**
     * An update rule with its settings on the swept axes: {@code momentum} and {@code nsSteps} null where
     * the rule does not take the setting or it is not swept (the rule's default, or the fixed setting).
     */
    public record Variant(Algorithm algorithm, Double momentum, Integer nsSteps, LearningRate schedule) {
        /** The variant of a sweep without rule axes. */
        public static Variant of(Algorithm algorithm) {
            return new Variant(algorithm, null, null, LearningRate.CONSTANT);
        }

        /**
         * The name in figures and reports: the rule's display name, and the settings of the axes that have
         * several values in {@code spec}, e.g. {@code "Muon, beta 0.9, 3 NS steps, cosine"}.
         */
        public String displayName(SweepSpec spec) {
            List<String> parts = new ArrayList<>(List.of(algorithm.displayName()));
            if (momentum != null && spec.rules().momentum().length > 1) {
                parts.add("beta " + io.specdyn.io.Numbers.format(momentum));
            }
            if (nsSteps != null && spec.rules().nsSteps().length > 1) {
                parts.add(nsSteps + (nsSteps == 1 ? " NS step" : " NS steps"));
            }
            if (spec.rules().schedules().size() > 1) {
                parts.add(schedule.label());
            }
            return String.join(", ", parts);
        }

        /**
         * A name for files: the label, and the settings of the axes that have several values, e.g.
         * {@code muon-beta0.9-ns3-cosine} ({@code exp:0.99} is written {@code exp0.99}).
         */
        public String fileName(SweepSpec spec) {
            StringBuilder b = new StringBuilder(algorithm.label());
            if (momentum != null && spec.rules().momentum().length > 1) {
                b.append("-beta").append(io.specdyn.io.Numbers.format(momentum));
            }
            if (nsSteps != null && spec.rules().nsSteps().length > 1) {
                b.append("-ns").append(nsSteps);
            }
            if (spec.rules().schedules().size() > 1) {
                b.append('-').append(schedule.label().replace(":", ""));
            }
            return b.toString();
        }
    }

    /** The spectrum family of a sweep and the name of its shape parameter. */
    public enum Family {
        /** {@code I + kappa u u^T}: three groups whatever d. */
        SPIKED("spiked", "kappa"),
        /** Eigenvalue {@code i} equal to {@code (i / s)^(-alpha)}: one group per direction. */
        POWER_LAW("power-law", "alpha");

        private final String label;
        private final String shape;

        Family(String label, String shape) {
            this.label = label;
            this.shape = shape;
        }

        /** As on the command line and in sweep.json: spiked, power-law. */
        public String label() {
            return label;
        }

        /** The name of the shape parameter: kappa, alpha. */
        public String shape() {
            return shape;
        }

        /**
         * Parses a label.
         *
         * @throws IllegalArgumentException for another one
         */
        public static Family parse(String text) {
            for (Family f : values()) {
                if (f.label.equals(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown spectrum '" + text + "'");
        }
    }

    public SweepSpec {
        if (!engine.equals("reduced") && !engine.equals("full")) {
            throw new InvalidSpecException("engine", "must be reduced or full (got '" + engine + "')");
        }
        if (algorithms.isEmpty()) {
            throw new InvalidSpecException("algo", "must list at least one discrete rule");
        }
        if (rules == null) {
            throw new IllegalArgumentException("the rule axes are null");
        }
        for (Algorithm a : algorithms) {
            if (!a.isDiscrete()) {
                throw new InvalidSpecException("algo", "must list discrete rules ("
                        + String.join(", ", Rules.algorithms().stream().map(Algorithm::label).toList()) + "), not the flow "
                        + a.label());
            }
            // every setting must be one the rule takes, and adam and signgd on the reduced engine need the basis
            UpdateRule rule = Rules.of(a, restrict(rules.fixed(), a));
            if (engine.equals("reduced") && !rule.rotationEquivariant() && !rules.canonicalBasis()) {
                throw new InvalidSpecException("basis", "must be canonical for " + a.label() + " on the reduced engine: "
                        + "it acts on single entries of W, which are the group coefficients only when the eigenbasis is "
                        + "the coordinate basis (sweep it with --engine full in any other basis)");
            }
        }
        requireTaken("momentum", rules.momentum().length > 0, algorithms);
        requireTaken("ns-steps", rules.nsSteps().length > 0, algorithms);
        for (String key : rules.fixed().given()) {
            requireTaken(key, true, algorithms);
        }
        if (family == null) {
            throw new IllegalArgumentException("the spectrum family is null");
        }
        String shape = family.shape();
        requireNonEmpty("d", dims.length);
        requireNonEmpty(shape, shapes.length);
        requireNonEmpty("lr", lrs.length);
        for (int d : dims) {
            Range.requireAtLeast("d", d, 3);
        }
        if (family == Family.SPIKED) {
            for (double k : shapes) {
                Range.ABOVE_MINUS_ONE.require("kappa", k);
            }
            if (signalIndex != 0) {
                throw new InvalidSpecException("signal-index", "applies to power-law sweeps (the spiked problem's "
                        + "groups do not depend on where the signal sits)");
            }
        } else {
            if (signalIndex < 0) {
                throw new InvalidSpecException("signal-index", "must be an integer >= 1 (got " + signalIndex + ")");
            }
            for (int d : dims) {
                for (double alpha : shapes) {
                    GroupSpectrum.requirePowerLaw(d, alpha, signalIndex > 0 ? signalIndex
                            : GroupSpectrum.defaultPowerLawSignal(d));
                }
            }
        }
        for (double lr : lrs) {
            Range.POSITIVE.require("lr", lr);
        }
        for (LearningRate rate : rules.schedules()) {
            if (rate.lrMin() > Arrays.stream(lrs).min().orElseThrow()) {
                throw new InvalidSpecException("lr-min", "must be a number in [0, smallest lr] (got " + rate.lrMin()
                        + " with lr " + Arrays.stream(lrs).min().orElseThrow() + ")");
            }
        }
        Range.requireAtLeast("seeds", seeds, 1);
        if (engine.equals("reduced") && seeds != 1) {
            throw new InvalidSpecException("seeds", "applies to the full engine only (the reduced runs are deterministic)");
        }
        Range.requireAtLeast("max-steps", maxSteps, 1);
        Range.requireAtLeast("hold", hold, 0);
        Range.OPEN_UNIT.require("align-eps", alignEps);
        Range.NON_NEGATIVE.require("loss-tol", lossTol);
        if (!init.equals("iso") && !(engine.equals("full") && init.equals("gaussian"))) {
            throw new InvalidSpecException("init", "must be iso" + (engine.equals("full") ? " or gaussian" : "")
                    + " (got '" + init + "')");
        }
        Range.POSITIVE.require("init-scale", initScale);
        if (samplesN != 0 && engine.equals("reduced")) {
            throw new InvalidSpecException("samples-n", "applies to the full engine only");
        }
        Range.requireAtLeast("samples-n", samplesN, 0);
        Range.requireAtLeast("threads", threads, 0);
        if (threads != 0 && engine.equals("reduced")) {
            throw new InvalidSpecException("threads", "applies to the full engine only");
        }
        requireCellsAtMost(variantCount(algorithms, rules), dims.length, shapes.length, lrs.length, seeds, MAX_CELLS,
                " (cells are numbered by 32-bit integers)", shape);
        algorithms = List.copyOf(algorithms);
        dims = dims.clone();
        shapes = shapes.clone();
        lrs = lrs.clone();
    }

    /** A sweep without rule axes: every rule at its defaults and a constant rate. */
    public SweepSpec(String engine, List<Algorithm> algorithms, int[] dims, double[] shapes, double[] lrs, int seeds,
                     long maxSteps, int hold, double alignEps, double lossTol, String init, double initScale,
                     int samplesN, int threads, Family family, long signalIndex) {
        this(engine, algorithms, dims, shapes, lrs, seeds, maxSteps, hold, alignEps, lossTol, init, initScale, samplesN,
                threads, family, signalIndex, RuleAxes.NONE);
    }

    /** A sweep of the spiked problem, {@code shapes} its kappas. */
    public SweepSpec(String engine, List<Algorithm> algorithms, int[] dims, double[] kappas, double[] lrs, int seeds,
                     long maxSteps, int hold, double alignEps, double lossTol, String init, double initScale,
                     int samplesN, int threads) {
        this(engine, algorithms, dims, kappas, lrs, seeds, maxSteps, hold, alignEps, lossTol, init, initScale, samplesN,
                threads, Family.SPIKED, 0);
    }

    /** A spec whose linear-algebra thread budget is not recorded ({@code threads} 0). */
    public SweepSpec(String engine, List<Algorithm> algorithms, int[] dims, double[] kappas, double[] lrs, int seeds,
                     long maxSteps, int hold, double alignEps, double lossTol, String init, double initScale,
                     int samplesN) {
        this(engine, algorithms, dims, kappas, lrs, seeds, maxSteps, hold, alignEps, lossTol, init, initScale, samplesN,
                0);
    }

    /**
     * This spec with the full engine's thread budget recorded: large products round differently on
     * other budgets (theory-notes/full-simulator.md section 7), so a sweep resumes and merges only
     * under the budget it started with.
     */
    public SweepSpec withThreads(int budget) {
        return new SweepSpec(engine, algorithms, dims, shapes, lrs, seeds, maxSteps, hold, alignEps, lossTol, init,
                initScale, samplesN, budget, family, signalIndex, rules);
    }

    /** This spec with another start scale and step budget (the reruns under a jittered start). */
    public SweepSpec withStart(double scale, long budget) {
        return new SweepSpec(engine, algorithms, dims, shapes, lrs, seeds, budget, hold, alignEps, lossTol, init,
                scale, samplesN, threads, family, signalIndex, rules);
    }

    /** The name of the shape axis: kappa or alpha. */
    public String shapeName() {
        return family.shape();
    }

    /**
     * The spike strengths of a spiked sweep (its shape axis).
     *
     * @throws IllegalStateException for a sweep of another family
     */
    public double[] kappas() {
        if (family != Family.SPIKED) {
            throw new IllegalStateException("a " + family.label() + " sweep has no kappa axis");
        }
        return shapes;
    }

    /** The 1-based signal index of the problems at dimension {@code d}: 1 for spiked sweeps. */
    public long signalIndex(int d) {
        if (family == Family.SPIKED) {
            return 1;
        }
        return signalIndex > 0 ? signalIndex : GroupSpectrum.defaultPowerLawSignal(d);
    }

    /**
     * The most eigenvalue groups of a cell at dimension {@code d}, which the reduced engine's memory and
     * time per step grow with: 3 for the spiked problem, d for a power law (every eigenvalue distinct
     * when alpha > 0).
     */
    public long groups(int d) {
        return family == Family.SPIKED ? 3 : d;
    }

    private static void requireNonEmpty(String name, int length) {
        if (length == 0) {
            throw new InvalidSpecException(name, "must hold at least one value (the range is empty)");
        }
    }

    /** One cell of the sweep; {@code shape} is its kappa or alpha. */
    public record Cell(int index, Variant variant, int d, double shape, double lr, int seed) {
        /** A cell of a sweep without rule axes. */
        public Cell(int index, Algorithm algorithm, int d, double shape, double lr, int seed) {
            this(index, Variant.of(algorithm), d, shape, lr, seed);
        }

        public Algorithm algorithm() {
            return variant.algorithm();
        }
    }

    /** Refuses a setting given when no listed rule takes it (it would be silently ignored). */
    private static void requireTaken(String key, boolean given, List<Algorithm> algorithms) {
        if (!given || algorithms.stream().anyMatch(a -> Rules.settings(a).contains(key))) {
            return;
        }
        throw new InvalidSpecException(key, "applies to " + Rules.appliesTo(key) + ", and the sweep's algorithms "
                + "include none of them");
    }

    /** {@code fixed} without the settings rule {@code algorithm} does not take. */
    private static RuleSettings restrict(RuleSettings fixed, Algorithm algorithm) {
        return fixed.only(Rules.settings(algorithm));
    }

    /** The momentum values {@code algorithm} runs at: the axis if it takes momentum and the axis is swept, else one. */
    private static int momenta(RuleAxes rules, Algorithm algorithm) {
        return takes(rules.momentum().length, algorithm, "momentum") ? rules.momentum().length : 1;
    }

    /** The Newton-Schulz step counts {@code algorithm} runs at: the axis if it takes them and it is swept, else one. */
    private static int nsValues(RuleAxes rules, Algorithm algorithm) {
        return takes(rules.nsSteps().length, algorithm, "ns-steps") ? rules.nsSteps().length : 1;
    }

    /** Whether {@code algorithm} runs along an axis of {@code values} values of setting {@code key}. */
    private static boolean takes(int values, Algorithm algorithm, String key) {
        return values > 0 && Rules.settings(algorithm).contains(key);
    }

    private static long variantCount(List<Algorithm> algorithms, RuleAxes rules) {
        long n = 0;
        for (Algorithm a : algorithms) {
            n += (long) momenta(rules, a) * nsValues(rules, a) * rules.schedules().size();
        }
        return n;
    }

    /** The number of variants: the algorithms crossed with the rule axes they take. */
    public int variantCount() {
        return (int) variantCount(algorithms, rules);
    }

    /**
     * Variant {@code v}: algorithm (in the order given), then momentum, Newton-Schulz steps and schedule,
     * the last varying fastest.
     */
    public Variant variant(int v) {
        int rest = v;
        for (Algorithm a : algorithms) {
            int m = momenta(rules, a);
            int n = nsValues(rules, a);
            int s = rules.schedules().size();
            if (rest < m * n * s) {
                LearningRate schedule = rules.schedules().get(rest % s);
                rest /= s;
                Integer ns = takes(rules.nsSteps().length, a, "ns-steps")
                        ? Integer.valueOf(rules.nsSteps()[rest % n]) : null;
                rest /= n;
                Double beta = takes(rules.momentum().length, a, "momentum") ? Double.valueOf(rules.momentum()[rest]) : null;
                return new Variant(a, beta, ns, schedule);
            }
            rest -= m * n * s;
        }
        throw new IndexOutOfBoundsException("variant " + v + " of " + variantCount());
    }

    /** Every variant, in cell order. */
    public List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (int v = 0; v < variantCount(); v++) {
            out.add(variant(v));
        }
        return out;
    }

    /** The update rule of {@code variant}: the fixed settings it takes and its values on the axes. */
    public UpdateRule rule(Variant variant) {
        RuleSettings s = restrict(rules.fixed(), variant.algorithm());
        if (variant.momentum() != null) {
            s = s.withMomentum(variant.momentum());
        }
        if (variant.nsSteps() != null) {
            s = s.withNsSteps(variant.nsSteps());
        }
        return Rules.of(variant.algorithm(), s);
    }

    /** The budget of a cell, {@code maxSteps + hold}: the N over which its schedule runs. */
    public long budget() {
        return maxSteps + hold;
    }

    /**
     * The time of step {@code step} of a run of {@code variant} at base rate {@code lr}: {@code step * lr} at a
     * constant rate, else the sum of the schedule's rates of the steps before (over the budget's N).
     */
    public double time(Variant variant, double lr, long step) {
        return times(variant, lr, step)[0];
    }

    /**
     * The times of several steps of one run, as {@link #time}, in one pass over the schedule (-1 gives NaN). A
     * schedule's time costs a pass over the steps before: a row's four times cost no more than one.
     */
    public double[] times(Variant variant, double lr, long... steps) {
        double[] out = new double[steps.length];
        long last = -1;
        for (int i = 0; i < steps.length; i++) {
            out[i] = steps[i] < 0 ? Double.NaN : steps[i] * lr;
            last = Math.max(last, steps[i]);
        }
        if (variant.schedule().isConstant() || last < 0) {
            return out;
        }
        Integer[] order = new Integer[steps.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(steps[x], steps[y]));
        LearningRate.Clock clock = variant.schedule().clock(lr, budget());
        for (int i : order) {
            if (steps[i] < 0) {
                continue;
            }
            while (clock.step() < steps[i]) {
                clock.advance();
            }
            out[i] = clock.time();
        }
        return out;
    }

    /** A cell and what its run gave. */
    public record CellResult(Cell cell, RunClassifier.Result result) {
    }

    /** The most cells a sweep can have: a cell's number is an {@code int}. */
    public static final long MAX_CELLS = Integer.MAX_VALUE;

    public int cellCount() {
        return (int) cells(variantCount(), dims.length, shapes.length, lrs.length, seeds);
    }

    /** The number of cells for these axis sizes; {@link Long#MAX_VALUE} if it exceeds that. */
    public static long cells(long algorithms, long dims, long shapes, long lrs, long seeds) {
        long n = 1;
        for (long f : new long[] {algorithms, dims, shapes, lrs, seeds}) {
            if (f != 0 && n > Long.MAX_VALUE / f) {
                return Long.MAX_VALUE;
            }
            n *= f;
        }
        return n;
    }

    /**
     * Refuses a sweep of more than {@code limit} cells, naming the axis with the most values (the one
     * to shorten; of equal ones, the first of lr, kappa, d, seeds), for a spiked sweep.
     *
     * @param why what the limit is, appended to the message, for example " (cells are numbered by int)"
     * @throws InvalidSpecException for that axis's parameter
     */
    public static void requireCellsAtMost(long algorithms, long dims, long kappas, long lrs, long seeds, long limit,
                                          String why) {
        requireCellsAtMost(algorithms, dims, kappas, lrs, seeds, limit, why, Family.SPIKED.shape());
    }

    /** {@link #requireCellsAtMost(long, long, long, long, long, long, String)} with the shape axis named {@code shape}. */
    public static void requireCellsAtMost(long algorithms, long dims, long shapes, long lrs, long seeds, long limit,
                                          String why, String shape) {
        long n = cells(algorithms, dims, shapes, lrs, seeds);
        if (n <= limit) {
            return;
        }
        String[] names = {"lr", shape, "d", "seeds"};
        long[] sizes = {lrs, shapes, dims, seeds};
        int most = 0;
        for (int i = 1; i < sizes.length; i++) {
            if (sizes[i] > sizes[most]) {
                most = i;
            }
        }
        String count = n == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(n);
        throw new InvalidSpecException(names[most], "has " + sizes[most] + " values, making " + count + " cells ("
                + algorithms + " algo x " + dims + " d x " + shapes + " " + shape + " x " + lrs + " lr x " + seeds
                + " seeds), more than the limit of " + limit + why + ": use fewer values");
    }

    /** Cell {@code index}: variant, then d, shape, lr and seed, the last varying fastest. */
    public Cell cell(int index) {
        int i = index;
        int seed = i % seeds;
        i /= seeds;
        int lr = i % lrs.length;
        i /= lrs.length;
        int shape = i % shapes.length;
        i /= shapes.length;
        int d = i % dims.length;
        i /= dims.length;
        return new Cell(index, variant(i), dims[d], shapes[shape], lrs[lr], seed);
    }

    public RunClassifier.Settings settings() {
        return new RunClassifier.Settings(maxSteps, hold, alignEps, lossTol);
    }

    /** The problem of {@code cell}: its spectrum, the same for both engines. */
    public GroupSpectrum spectrum(Cell cell) {
        return family == Family.SPIKED ? GroupSpectrum.spiked(cell.d(), cell.shape())
                : GroupSpectrum.powerLaw(cell.d(), cell.shape(), signalIndex(cell.d()));
    }

    /** Runs and classifies one cell. */
    public RunClassifier.Result compute(Cell cell) {
        if (engine.equals("reduced")) {
            GroupSpectrum problem = spectrum(cell);
            return RunClassifier.classify(new ReducedModel(problem), rule(cell.variant()), cell.variant().schedule(),
                    State.isotropic(problem.groups(), initScale), cell.lr(), settings());
        }
        return RunClassifier.classify(fullRun(cell), settings());
    }

    /** The full-engine run of {@code cell}, with a budget of {@code maxSteps + hold} steps. */
    public FullRunSpec fullRun(Cell cell) {
        FullProblem problem = new FullProblem(cell.d(), CovarianceSpectrum.of(spectrum(cell)),
                rules.canonicalBasis() ? FullProblem.Basis.CANONICAL : FullProblem.Basis.RANDOM, cell.seed());
        FullInit start = init.equals("gaussian") ? new FullInit.Gaussian(initScale) : FullInit.OnManifold.isotropic(initScale);
        LossSpec loss = samplesN > 0 ? new LossSpec.Samples(samplesN, false) : new LossSpec.Population();
        return new FullRunSpec(problem, start, loss, rule(cell.variant()), cell.lr(), budget(), 1, alignEps,
                cell.variant().schedule());
    }

    /**
     * The spec as written to {@code sweep.json}: everything that decides a cell's result. A spiked
     * sweep names no spectrum (as before other spectra could be swept); another names it, its shape
     * axis and, when given, its signal index. The rule axes and fixed rule settings appear only when
     * given, so a sweep without them is written as before they existed (and such a folder resumes).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", engine);
        if (family != Family.SPIKED) {
            m.put("spectrum", family.label());
        }
        m.put("algo", algorithms.stream().map(Algorithm::label).toList());
        m.put("d", dims);
        m.put(family.shape(), shapes);
        if (signalIndex > 0) {
            m.put("signal-index", signalIndex);
        }
        m.put("lr", lrs);
        m.put("seeds", seeds);
        m.put("max-steps", maxSteps);
        m.put("hold", hold);
        m.put("align-eps", alignEps);
        m.put("loss-tol", lossTol);
        m.put("init", init);
        m.put("init-scale", initScale);
        m.put("samples-n", samplesN);
        if (threads > 0) {
            m.put("threads", threads);
        }
        if (rules.momentum().length > 0) {
            m.put("momentum", rules.momentum());
        }
        if (rules.nsSteps().length > 0) {
            m.put("ns-steps", rules.nsSteps());
        }
        if (!rules.schedules().equals(RuleAxes.NONE.schedules())) {
            m.put("schedule", rules.schedules().stream().map(LearningRate::label).toList());
            LearningRate first = rules.schedules().get(0);
            if (first.warmup() > 0) {
                m.put("warmup", first.warmup());
            }
            double floor = rules.schedules().stream().mapToDouble(LearningRate::lrMin).max().orElse(0);
            if (floor > 0) {
                m.put("lr-min", floor);
            }
        }
        RuleSettings f = rules.fixed();
        putIf(m, "nesterov", f.nesterov());
        putIf(m, "ns-eps", f.nsEps());
        putIf(m, "ns-precision", f.bf16() == null ? null : f.bf16() ? "bf16" : "double");
        putIf(m, "orthogonalizer", f.orthogonalizer());
        putIf(m, "beta1", f.beta1());
        putIf(m, "beta2", f.beta2());
        putIf(m, "adam-eps", f.adamEps());
        if (rules.canonicalBasis()) {
            m.put("basis", "canonical");
        }
        m.put("cells", cellCount());
        return m;
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
