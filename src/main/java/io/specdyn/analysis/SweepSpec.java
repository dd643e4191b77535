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
import io.specdyn.model.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning-rate sweep: every combination of algorithm, dimension, spectrum shape, learning rate
 * and seed is one cell, one run from {@code W0 = s I} (or a Gaussian start, full engine) classified
 * by {@link RunClassifier}. Cells are numbered in that nesting order (algorithm outermost, seed
 * innermost); the number is a cell's identity in every file.
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
                        int samplesN, int threads, Family family, long signalIndex) {

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
            throw new InvalidSpecException("algo", "must list at least one of gd, specgd");
        }
        for (Algorithm a : algorithms) {
            if (a != Algorithm.GD && a != Algorithm.SPECGD && !(engine.equals("full") && a == Algorithm.MUON)) {
                throw new InvalidSpecException("algo", "must be gd or specgd" + (engine.equals("full") ? " or muon" : "")
                        + " (got '" + a.label() + "')");
            }
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
        requireCellsAtMost(algorithms.size(), dims.length, shapes.length, lrs.length, seeds, MAX_CELLS,
                " (cells are numbered by 32-bit integers)", shape);
        algorithms = List.copyOf(algorithms);
        dims = dims.clone();
        shapes = shapes.clone();
        lrs = lrs.clone();
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
                initScale, samplesN, budget, family, signalIndex);
    }

    /** This spec with another start scale and step budget (the reruns under a jittered start). */
    public SweepSpec withStart(double scale, long budget) {
        return new SweepSpec(engine, algorithms, dims, shapes, lrs, seeds, budget, hold, alignEps, lossTol, init,
                scale, samplesN, threads, family, signalIndex);
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
    public record Cell(int index, Algorithm algorithm, int d, double shape, double lr, int seed) {
    }

    /** A cell and what its run gave. */
    public record CellResult(Cell cell, RunClassifier.Result result) {
    }

    /** The most cells a sweep can have: a cell's number is an {@code int}. */
    public static final long MAX_CELLS = Integer.MAX_VALUE;

    public int cellCount() {
        return (int) cells(algorithms.size(), dims.length, shapes.length, lrs.length, seeds);
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

    /** Cell {@code index}: algorithm, then d, shape, lr and seed, the last varying fastest. */
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
        return new Cell(index, algorithms.get(i), dims[d], shapes[shape], lrs[lr], seed);
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
            return RunClassifier.classify(new ReducedModel(problem), cell.algorithm(),
                    State.isotropic(problem.groups(), initScale), cell.lr(), settings());
        }
        return RunClassifier.classify(fullRun(cell), settings());
    }

    /** The full-engine run of {@code cell}, with a budget of {@code maxSteps + hold} steps. */
    public FullRunSpec fullRun(Cell cell) {
        FullProblem problem = new FullProblem(cell.d(), CovarianceSpectrum.of(spectrum(cell)),
                FullProblem.Basis.RANDOM, cell.seed());
        FullInit start = init.equals("gaussian") ? new FullInit.Gaussian(initScale) : FullInit.OnManifold.isotropic(initScale);
        LossSpec loss = samplesN > 0 ? new LossSpec.Samples(samplesN, false) : new LossSpec.Population();
        return new FullRunSpec(problem, start, loss, cell.algorithm(), cell.lr(), maxSteps + hold, 1, alignEps);
    }

    /**
     * The spec as written to {@code sweep.json}: everything that decides a cell's result. A spiked
     * sweep names no spectrum (as before other spectra could be swept); another names it, its shape
     * axis and, when given, its signal index.
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
        m.put("cells", cellCount());
        return m;
    }
}
