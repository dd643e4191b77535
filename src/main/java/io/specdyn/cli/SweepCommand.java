package io.specdyn.cli;

import io.specdyn.analysis.Grid;
import io.specdyn.analysis.SweepExecutor;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import io.specdyn.experiments.SweepReport;
import io.specdyn.figures.Figure;
import io.specdyn.figures.FigureOutput;
import io.specdyn.io.AtomicFiles;
import io.specdyn.io.ProgramVersion;
import io.specdyn.io.SweepStore;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.LearningRate;
import io.specdyn.rules.RuleSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/** {@code specdyn sweep}: the learning-rate regime explorer. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs every combination of update rule (with its settings on the rule axes --momentum, --ns-steps and "
                + "--schedule), d, kappa (or alpha), learning rate and seed from W0 = s I, classifies each run, and "
                + "draws the regime maps, one per rule and setting.",
            "",
            "The problem is the spiked covariance I + kappa u u^T (--spectrum spiked, the default; --kappa is the "
                + "axis) or a power law, eigenvalue i equal to (i/s)^(-alpha) with the signal at s = --signal-index "
                + "(--spectrum power-law; --alpha is the axis). The reduced engine runs a power law over its d "
                + "eigenvalue groups, so a cell costs O(d) per step.",
            "",
            "A run is aligned at step k when its alignment is >= 1 - align-eps from step k on, confirmed over "
                + "--hold more steps (a dip restarts the search); converged when the loss reaches --loss-tol first; "
                + "diverged at a non-finite value or a coefficient above 1e6; stalled if it has not started to align "
                + "by --max-steps. Every run also records its final alignment and loss, the smallest alignment "
                + "after the escape, the spike peak and the steps of the escape and of mean matching.",
            "",
            "Writes DIR/sweep.json (the spec), DIR/sweep.csv (one row per cell, every parameter and result, "
                + "byte-identical for any --workers), and, for a whole sweep, the regime maps (regime-ALGO, best-lr, "
                + "headline: PNG, SVG, PDF and CSV) and DIR/summary.md. Finished cells are saved as they complete "
                + "(DIR/journal.csv): run the same command again after an interruption, even kill -9, and only the "
                + "missing cells are computed.",
            "",
            "Ranges: lo:hi:linN (N evenly spaced), lo:hi:logN (N geometrically spaced) or a comma list.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  specdyn sweep --algo gd,specgd --lr 1e-4:1:log40 --kappa 0:50:lin26 --d 100 --out sweeps/d100",
            "  specdyn sweep --kappa 1:1000:log16 --max-steps 1000000 --out sweeps/wide-kappa",
            "  specdyn sweep --algo gd,momentum,muon --momentum 0.5,0.9 --ns-steps 3,5 --schedule constant,cosine "
                + "--kappa 0,5,50 --lr 1e-3:1:log13 --max-steps 5000 --out sweeps/rules",
            "  specdyn sweep --spectrum power-law --alpha 0.5:2:lin4 --d 1000 --lr 1e-3:1:log13 --out sweeps/power-law",
            "  specdyn sweep --engine full --d 64 --kappa 0,5,20 --lr 1e-3:0.3:log8 --seeds 3 --max-steps 20000 "
                + "--out sweeps/full",
            "  specdyn sweep --shard 3/8 --out sweeps/part3    (then: specdyn sweep-merge --out sweeps/all "
                + "sweeps/part*)"})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--algo", defaultValue = "gd,specgd", paramLabel = "LIST",
            description = "Update rules, comma-separated: gd, specgd, muon, momentum, ngd, adam, signgd; adam and "
                    + "signgd on the reduced engine need --basis canonical (default: ${DEFAULT-VALUE}).")
    String algo;

    @Option(names = "--momentum", paramLabel = "RANGE",
            description = "Momentum axis, each beta in [0, 1): muon and momentum run once per value, the other rules "
                    + "once (default: each rule's own, 0.95 for muon, 0.9 for momentum).")
    String momentum;

    @Option(names = "--ns-steps", paramLabel = "RANGE",
            description = "Newton-Schulz steps axis, whole numbers in [0, 100]: muon runs once per value, the other "
                    + "rules once (default: 5).")
    String nsSteps;

    @Option(names = "--schedule", paramLabel = "LIST",
            description = "Learning-rate schedules, comma-separated, an axis every rule runs along: constant, cosine, "
                    + "linear, exp:GAMMA (GAMMA in (0, 1]) or inverse-sqrt, as in run, over N = --max-steps + --hold "
                    + "steps (default: constant).")
    String schedules;

    @Option(names = "--warmup", converter = Converters.PositiveLong.class, paramLabel = "W",
            description = "Warm-up of W >= 1 steps for every schedule: each rate times min(1, (k + 1)/W) (default: none).")
    Long warmup;

    @Option(names = "--lr-min", converter = Converters.NonNegative.class, paramLabel = "LR",
            description = "Floor of every schedule but constant, in [0, smallest --lr] (default: 0).")
    Double lrMin;

    @Mixin
    RuleOptions rule;

    @Option(names = "--basis", paramLabel = "BASIS",
            description = "random (the full engine draws the eigenbasis from the seed) or canonical (the eigenbasis is "
                    + "the coordinate basis; needed by adam and signgd on the reduced engine) (default: random).")
    String basis;

    @Option(names = "--engine", defaultValue = "reduced", paramLabel = "ENGINE",
            description = "reduced: the maps over the spectrum's eigenvalue groups; full: the whole d x d weight "
                    + "matrix in a random basis, one cell at a time (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--lr", defaultValue = "1e-4:1:log40", paramLabel = "RANGE",
            description = "Learning rates, each > 0 (default: ${DEFAULT-VALUE}).")
    String lr;

    @Option(names = "--spectrum", defaultValue = "spiked", paramLabel = "KIND",
            description = "spiked (I + kappa u u^T, the axis --kappa) or power-law (eigenvalue i equal to "
                    + "(i/s)^(-alpha), 1 on the signal at s = --signal-index, the axis --alpha) (default: ${DEFAULT-VALUE}).")
    String spectrum;

    @Option(names = "--kappa", defaultValue = "0:50:lin26", paramLabel = "RANGE",
            description = "Spike strengths, each > -1; the covariance is I + kappa u u^T; --spectrum spiked only "
                    + "(default: ${DEFAULT-VALUE}).")
    String kappa;

    @Option(names = "--alpha", defaultValue = "0:2:lin5", paramLabel = "RANGE",
            description = "Power-law exponents, each >= 0; --spectrum power-law only (default: ${DEFAULT-VALUE}).")
    String alpha;

    @Option(names = "--signal-index", converter = Converters.PositiveLong.class, paramLabel = "I",
            description = "--spectrum power-law: the signal's 1-based eigen-direction, in [1, d] for every d "
                    + "(default: min(10, d) at each d).")
    Long signalIndex;

    @Option(names = "--d", defaultValue = "100", paramLabel = "RANGE",
            description = "Dimensions, whole numbers >= 3 (default: ${DEFAULT-VALUE}).")
    String d;

    @Option(names = "--seeds", converter = Converters.PositiveInt.class, defaultValue = "1", paramLabel = "N",
            description = "Seeds 0 ... N-1 per point, --engine full only: each draws the basis (and a Gaussian "
                    + "start or a dataset) (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--max-steps", converter = Converters.PositiveLong.class, defaultValue = "100000",
            paramLabel = "K", description = "Step budget of a run, >= 1 (default: ${DEFAULT-VALUE}).")
    long maxSteps;

    @Option(names = "--hold", converter = Converters.NonNegativeInt.class, defaultValue = "100", paramLabel = "K",
            description = "Steps the alignment must stay above threshold to count, >= 0 (default: ${DEFAULT-VALUE}).")
    int hold;

    @Option(names = "--align-eps", converter = Converters.OpenUnit.class, defaultValue = "0.01", paramLabel = "EPS",
            description = "Aligned means alignment >= 1 - EPS, EPS in (0, 1) (default: ${DEFAULT-VALUE}).")
    double alignEps;

    @Option(names = "--loss-tol", converter = Converters.NonNegative.class, defaultValue = "0", paramLabel = "TOL",
            description = "Stop a run as converged when its loss is <= TOL; 0 disables (default: ${DEFAULT-VALUE}).")
    double lossTol;

    @Option(names = "--init", defaultValue = "iso", paramLabel = "INIT",
            description = "iso: W0 = s I; gaussian (--engine full): entries N(0, s^2 / d) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--init-scale", converter = Converters.Positive.class, defaultValue = "1e-3", paramLabel = "S",
            description = "The scale s of W0, > 0 (default: ${DEFAULT-VALUE}).")
    double initScale;

    @Option(names = "--samples-n", converter = Converters.NonNegativeInt.class, defaultValue = "0", paramLabel = "N",
            description = "--engine full: train on N fixed samples instead of the population loss; 0: population "
                    + "(default: ${DEFAULT-VALUE}).")
    int samplesN;

    @Option(names = "--workers", converter = Converters.PositiveInt.class, paramLabel = "N",
            description = "Worker threads, >= 1 (default: all cores, here ${sys:specdyn.cores}). The results do not "
                    + "depend on it. --engine full runs one cell at a time on multithreaded linear algebra.")
    Integer workers;

    @Option(names = "--threads", converter = Converters.PositiveInt.class, paramLabel = "N",
            description = "--engine full: threads of the linear algebra, in [1, 64], as in run --engine full "
                    + "(default: the available processors). Recorded in sweep.json: large cells round differently "
                    + "on another budget, so the sweep resumes and merges only under the same one.")
    Integer blasThreads;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run share I of N (1 <= I <= N): the cells whose number is I-1 modulo N. Combine the N "
                    + "folders with sweep-merge.")
    String shard;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty, or holding this same sweep (which is then resumed). One process "
                    + "at a time: another sweep or sweep-merge working in it is refused at once.")
    Path out;

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    /**
     * What one cell costs the heap, at most, from its start to the maps: its row and parsed result
     * (about 0.6 KB) and its share of the figures, whose SVG holds one rectangle per cell. Measured:
     * 10^6 cells of the reduced engine need more than a 1 GiB heap and complete in 2 GiB.
     */
    static final long BYTES_PER_CELL = 2048;
    /** The heap kept aside for everything that does not grow with the cells. */
    static final long BASE_HEAP = 64L << 20;
    /**
     * Steps per second per worker of the reduced maps, for the estimate printed before a sweep: a
     * round-down of the 5.1e7 to 5.5e7 that {@code bench reduced} measured on the 2-core reference machine.
     */
    static final double REDUCED_STEPS_PER_SECOND = 5e7;
    /**
     * Group updates per second per worker of the reduced maps over many groups (a power law's d), for
     * the same estimate: a round-down of the 2.3e8 to 3.0e8 per CPU second that classified GD and SpecGD
     * runs measured on the reference machine from d = 100 to 10^5 (theory-notes/sweeps.md, section 8).
     */
    static final double GROUP_STEPS_PER_SECOND = 2e8;

    static {
        System.setProperty("specdyn.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Integer call() throws Exception {
        String engineName = engine.trim().toLowerCase(Locale.ROOT);
        List<Algorithm> algorithms = algorithms(algo);
        SweepSpec.Family family = family(spectrum);
        if (family == SweepSpec.Family.SPIKED) {
            Options.refuse(spec, "--spectrum spiked", "--alpha", "--signal-index");
        } else {
            Options.refuse(spec, "--spectrum " + family.label(), "--kappa");
        }
        String shape = family.shape();
        String shapes = family == SweepSpec.Family.SPIKED ? kappa : alpha;
        long maxHeap = Runtime.getRuntime().maxMemory();
        // the size first, from the axes' counts: 1e-9:1:log999999999 is refused, not allocated
        requireFits(variants(algorithms), Grid.count("d", d), Grid.count(shape, shapes), Grid.count("lr", lr), seeds,
                maxHeap, shape, 0);
        SweepSpec sweep = new SweepSpec(engineName, algorithms, Grid.parseIntegers("d", d), Grid.parse(shape, shapes),
                Grid.parse("lr", lr), seeds, maxSteps, hold, alignEps, lossTol, init.trim().toLowerCase(Locale.ROOT),
                initScale, samplesN, 0, family, signalIndex == null ? 0 : signalIndex, ruleAxes());
        int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        int used = SweepExecutor.threads(sweep, threads);
        // then what the cells in progress hold: K groups each, on every worker at once
        long working = workingBytes(sweep, used);
        requireWorking(sweep, used, working, maxHeap);
        requireFits(sweep.variantCount(), sweep.dims().length, sweep.shapes().length, sweep.lrs().length, seeds, maxHeap,
                shape, working);
        if (sweep.engine().equals("full")) {
            sweep = sweep.withThreads(FullLimits.applyThreads(blasThreads));
            FullLimits.requireSweep(sweep, spec.commandLine().getErr());
        } else {
            Options.refuse(spec, "--engine reduced", "--threads");
        }
        SweepStore.Shard share = shard == null ? SweepStore.Shard.WHOLE : SweepStore.Shard.parse(shard);
        ProgressMode mode = progress.resolved();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (SweepStore store = openStore(out, sweep, share)) {
            if (store.damage() != null) {
                stderr.println("sweep: warning: " + store.damage() + ": computing its " + store.size() + " cells again");
                stderr.flush();
            }
            int before = store.done();
            List<SweepSpec.Cell> pending = store.pending();
            try (CellProgress cells = new CellProgress(stderr, mode, System::nanoTime, store.size(), before,
                    pending.size(), used, plan(sweep, pending, used))) {
                cells.startTimer(CellProgress.interval(mode));
                SweepExecutor.run(sweep, pending, threads, (cell, result) -> {
                    store.record(new SweepSpec.CellResult(cell, result));
                    cells.cellDone();
                });
                store.finish();
                cells.finish();
            }
            double seconds = (System.nanoTime() - start) * 1e-9;
            if (share.count() > 1) {
                stdout.printf(Locale.ROOT, "shard %s: %d cells (%d computed now) in %.2f s; wrote %s%n", share.label(),
                        store.size(), pending.size(), seconds, out.resolve(SweepStore.CSV_FILE));
                stdout.printf("combine the %d shards with: specdyn sweep-merge --out DIR SHARD_DIR...%n", share.count());
            } else {
                long report = System.nanoTime();
                writeReport(out, SweepSummary.of(sweep, store.results()));
                stdout.printf(Locale.ROOT, "%d cells (%d computed now) in %.2f s, maps and summary in %.2f s; wrote %s, "
                        + "%s, the maps and %s%n", store.size(), pending.size(), seconds,
                        (System.nanoTime() - report) * 1e-9, out.resolve(SweepStore.CSV_FILE),
                        out.resolve(SweepStore.SPEC_FILE), out.resolve(SUMMARY));
            }
        }
        stdout.flush();
        return 0;
    }

    /**
     * Refuses, before anything is made, a sweep of more cells than the heap holds ({@link #BYTES_PER_CELL}
     * each) or than cells can be numbered; the message blames the axis with the most values.
     */
    static void requireFits(long algorithms, long dims, long kappas, long lrs, long seeds, long maxHeap) {
        requireFits(algorithms, dims, kappas, lrs, seeds, maxHeap, SweepSpec.Family.SPIKED.shape(), 0);
    }

    /**
     * {@link #requireFits(long, long, long, long, long, long)} for a shape axis named {@code shape}, with
     * {@code working} bytes of the heap set aside for the cells in progress ({@link #workingBytes}).
     */
    static void requireFits(long algorithms, long dims, long shapes, long lrs, long seeds, long maxHeap, String shape,
                            long working) {
        long byHeap = Math.max(0, maxHeap - BASE_HEAP - working) / BYTES_PER_CELL;
        if (byHeap < SweepSpec.MAX_CELLS) {
            SweepSpec.requireCellsAtMost(algorithms, dims, shapes, lrs, seeds, byHeap, String.format(Locale.ROOT,
                    " that a heap of %.1f GiB holds at about %d bytes per cell%s (raise it with "
                    + "SPECDYN_JAVA_OPTS=-Xmx...)", maxHeap / (double) (1L << 30), BYTES_PER_CELL,
                    working > 0 ? String.format(Locale.ROOT, " beside %.2g bytes for the cells in progress", (double) working)
                            : ""), shape);
        }
        SweepSpec.requireCellsAtMost(algorithms, dims, shapes, lrs, seeds, SweepSpec.MAX_CELLS,
                " (cells are numbered by 32-bit integers)", shape);
    }

    /**
     * The heap the cells in progress hold at once, for the reduced engine: on each of {@code workers}
     * workers, a cell of the largest d with its K eigenvalue groups ({@link ReducedLimits#BYTES_PER_GROUP}
     * each). The full engine's matrices are checked by {@link FullLimits#requireSweep}.
     */
    static long workingBytes(SweepSpec sweep, int workers) {
        if (!sweep.engine().equals("reduced")) {
            return 0;
        }
        long groups = 0;
        for (int dim : sweep.dims()) {
            groups = Math.max(groups, sweep.groups(dim));
        }
        return workers * groups * ReducedLimits.BYTES_PER_GROUP;
    }

    /** Refuses, before any work, a sweep whose cells in progress ({@code working} bytes) do not fit the heap. */
    static void requireWorking(SweepSpec sweep, int workers, long working, long maxHeap) {
        long room = (long) (0.8 * Math.max(0, maxHeap - BASE_HEAP));
        if (working <= room) {
            return;
        }
        int largest = java.util.Arrays.stream(sweep.dims()).max().orElseThrow();
        throw new ErrorHandlers.UsageException(String.format(Locale.ROOT, "--d %d gives cells of %d eigenvalue groups, "
                + "about %.2f GiB on each of %d workers (%.2f GiB in all); the heap allows %.2f GiB: use a smaller --d, "
                + "fewer --workers, or raise the heap with SPECDYN_JAVA_OPTS=-Xmx%dg", largest, sweep.groups(largest),
                working / (double) workers / GIB, workers, working / GIB, room / GIB,
                (long) Math.ceil((working / 0.8 + BASE_HEAP) / GIB) + 1));
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    /** Parses --spectrum. */
    static SweepSpec.Family family(String text) {
        try {
            return SweepSpec.Family.parse(text.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("spectrum", "must be spiked or power-law (got '" + text + "')");
        }
    }

    /**
     * The estimate of the work appended to the opening progress line: the steps, at most (every cell
     * runs to --max-steps plus --hold unless it aligns, converges or diverges first), and for the
     * reduced engine the time that takes: at {@link #REDUCED_STEPS_PER_SECOND} per worker for the
     * spiked problem's three groups, at {@link #GROUP_STEPS_PER_SECOND} group updates per worker for a
     * power law's d groups.
     */
    static String plan(SweepSpec sweep, List<SweepSpec.Cell> pending, int workers) {
        if (pending.isEmpty()) {
            return "";
        }
        double perCell = (double) sweep.maxSteps() + sweep.hold();
        double steps = pending.size() * perCell;
        String bound = String.format(Locale.ROOT, "; at most %.2g steps", steps);
        if (!sweep.engine().equals("reduced")) {
            return bound + " of the full engine (time per step: specdyn bench full --d D)";
        }
        if (sweep.family() == SweepSpec.Family.SPIKED) {
            return bound + ", at most about " + CellProgress.duration(steps / (REDUCED_STEPS_PER_SECOND * workers))
                    + String.format(Locale.ROOT, " at %.2g steps per second per worker", REDUCED_STEPS_PER_SECOND);
        }
        double updates = 0;
        for (SweepSpec.Cell cell : pending) {
            updates += perCell * sweep.groups(cell.d());
        }
        return bound + String.format(Locale.ROOT, " over up to %d groups, %.2g group updates, at most about ",
                pending.stream().mapToLong(c -> sweep.groups(c.d())).max().orElseThrow(), updates)
                + CellProgress.duration(updates / (GROUP_STEPS_PER_SECOND * workers))
                + String.format(Locale.ROOT, " at %.2g group updates per second per worker", GROUP_STEPS_PER_SECOND);
    }

    static final String SUMMARY = "summary.md";

    static SweepStore openStore(Path dir, SweepSpec sweep, SweepStore.Shard share) {
        try {
            return SweepStore.open(dir, sweep, share);
        } catch (InvalidSpecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ErrorHandlers.OutputException("--out " + dir + ": " + OutputOptions.reason(e), e);
        }
    }

    /** The number of variants, counted from the rule axes' sizes before their values are made. */
    private long variants(List<Algorithm> algorithms) {
        long betas = momentum == null ? 0 : Grid.count("momentum", momentum);
        long ns = nsSteps == null ? 0 : Grid.count("ns-steps", nsSteps);
        long rates = schedules == null ? 1 : schedules.split(",", -1).length;
        long n = 0;
        for (Algorithm a : algorithms) {
            List<String> keys = io.specdyn.rules.Rules.settings(a);
            n += (keys.contains("momentum") && betas > 0 ? betas : 1) * (keys.contains("ns-steps") && ns > 0 ? ns : 1) * rates;
        }
        return n;
    }

    /**
     * The rule axes and fixed settings given: --momentum, --ns-steps and --schedule (with --warmup and
     * --lr-min) as axes, the other rule options fixed; none of them given, {@link SweepSpec.RuleAxes#NONE}.
     */
    SweepSpec.RuleAxes ruleAxes() {
        double[] betas = momentum == null ? new double[0] : Grid.parse("momentum", momentum);
        int[] ns = nsSteps == null ? new int[0] : Grid.parseIntegers("ns-steps", nsSteps);
        List<LearningRate> rates = new ArrayList<>();
        for (String part : (schedules == null ? "constant" : schedules).split(",", -1)) {
            ScheduleOptions.Shape shapeOf;
            try {
                shapeOf = new ScheduleOptions.ShapeConverter().convert(part);
            } catch (picocli.CommandLine.TypeConversionException e) {
                throw new InvalidSpecException("schedule", "lists '" + part.trim() + "': each "
                        + ScheduleOptions.ShapeConverter.ACCEPTED.substring("must be ".length()).replace(", or ", " or ")
                        + " is accepted, comma-separated");
            }
            boolean constant = shapeOf.kind() == LearningRate.Kind.CONSTANT;
            rates.add(new LearningRate(shapeOf.kind(), constant || lrMin == null ? 0 : lrMin, warmup == null ? 0 : warmup,
                    shapeOf.gamma()));
        }
        if (lrMin != null && rates.stream().allMatch(r -> r.kind() == LearningRate.Kind.CONSTANT)) {
            throw new ErrorHandlers.UsageException("--lr-min applies to --schedule cosine, linear, exp:GAMMA and "
                    + "inverse-sqrt, not to constant");
        }
        boolean canonical = false;
        if (basis != null) {
            String b = basis.trim().toLowerCase(Locale.ROOT);
            if (!b.equals("random") && !b.equals("canonical")) {
                throw new InvalidSpecException("basis", "must be random or canonical (got '" + basis + "')");
            }
            canonical = b.equals("canonical");
        }
        RuleSettings fixed = rule.settings(null, null);
        return new SweepSpec.RuleAxes(betas, ns, rates, fixed, canonical);
    }

    /** Parses the algorithm list. */
    static List<Algorithm> algorithms(String text) {
        List<Algorithm> list = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Algorithm a;
            try {
                a = Algorithm.parse(part);
            } catch (IllegalArgumentException e) {
                a = null;
            }
            if (a == null || !a.isDiscrete()) {
                throw new InvalidSpecException("algo", "must list discrete rules, comma-separated: gd, specgd, muon, "
                        + "momentum, ngd, adam, signgd (got '" + part.trim() + "' in '" + text + "')");
            }
            if (list.contains(a)) {
                throw new InvalidSpecException("algo", "lists " + a.label() + " twice (in '" + text + "')");
            }
            list.add(a);
        }
        return list;
    }

    /** The regime maps and summary.md of a whole sweep, each file written atomically. */
    static void writeReport(Path dir, SweepSummary summary) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("program", "specdyn");
        header.put("version", ProgramVersion.get());
        header.put("source", SweepStore.CSV_FILE);
        FigureOutput figures = new FigureOutput(dir, header);
        Map<String, Object> parameters = summary.spec().toJson();
        for (Figure f : SweepReport.figures(summary)) {
            figures.write(f.id(), f, parameters, false);
        }
        AtomicFiles.writeString(dir.resolve(SUMMARY), SweepReport.markdown(summary, ProgramVersion.get())
                + SweepSummary.sensitivity(summary, Runtime.getRuntime().availableProcessors()));
    }
}
