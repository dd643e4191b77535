package io.specdyn.analysis;

import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.Range;
import io.specdyn.model.ReducedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning-rate sweep: every combination of algorithm, dimension, spike strength, learning rate
 * and seed is one cell, one run from {@code W0 = s I} (or a Gaussian start, full engine) classified
 * by {@link RunClassifier}. Cells are numbered in that nesting order (algorithm outermost, seed
 * innermost); the number is a cell's identity in every file.
 *
 * <p>With the reduced engine the runs are deterministic and there is one seed. With the full engine
 * the seed draws the eigenbasis, a Gaussian start and, with {@code samplesN}, the fixed dataset.
 */
public record SweepSpec(String engine, List<Algorithm> algorithms, int[] dims, double[] kappas, double[] lrs, int seeds,
                        long maxSteps, int hold, double alignEps, double lossTol, String init, double initScale,
                        int samplesN, int threads) {

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
        requireNonEmpty("d", dims.length);
        requireNonEmpty("kappa", kappas.length);
        requireNonEmpty("lr", lrs.length);
        for (int d : dims) {
            Range.requireAtLeast("d", d, 3);
        }
        for (double k : kappas) {
            Range.ABOVE_MINUS_ONE.require("kappa", k);
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
        requireCellsAtMost(algorithms.size(), dims.length, kappas.length, lrs.length, seeds, MAX_CELLS,
                " (cells are numbered by 32-bit integers)");
        algorithms = List.copyOf(algorithms);
        dims = dims.clone();
        kappas = kappas.clone();
        lrs = lrs.clone();
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
        return new SweepSpec(engine, algorithms, dims, kappas, lrs, seeds, maxSteps, hold, alignEps, lossTol, init,
                initScale, samplesN, budget);
    }

    private static void requireNonEmpty(String name, int length) {
        if (length == 0) {
            throw new InvalidSpecException(name, "must hold at least one value (the range is empty)");
        }
    }

    /** One cell of the sweep. */
    public record Cell(int index, Algorithm algorithm, int d, double kappa, double lr, int seed) {
    }

    /** A cell and what its run gave. */
    public record CellResult(Cell cell, RunClassifier.Result result) {
    }

    /** The most cells a sweep can have: a cell's number is an {@code int}. */
    public static final long MAX_CELLS = Integer.MAX_VALUE;

    public int cellCount() {
        return (int) cells(algorithms.size(), dims.length, kappas.length, lrs.length, seeds);
    }

    /** The number of cells for these axis sizes; {@link Long#MAX_VALUE} if it exceeds that. */
    public static long cells(long algorithms, long dims, long kappas, long lrs, long seeds) {
        long n = 1;
        for (long f : new long[] {algorithms, dims, kappas, lrs, seeds}) {
            if (f != 0 && n > Long.MAX_VALUE / f) {
                return Long.MAX_VALUE;
            }
            n *= f;
        }
        return n;
    }

    /**
     * Refuses a sweep of more than {@code limit} cells, naming the axis with the most values (the one
     * to shorten; of equal ones, the first of lr, kappa, d, seeds).
     *
     * @param why what the limit is, appended to the message, for example " (cells are numbered by int)"
     * @throws InvalidSpecException for that axis's parameter
     */
    public static void requireCellsAtMost(long algorithms, long dims, long kappas, long lrs, long seeds, long limit,
                                          String why) {
        long n = cells(algorithms, dims, kappas, lrs, seeds);
        if (n <= limit) {
            return;
        }
        String[] names = {"lr", "kappa", "d", "seeds"};
        long[] sizes = {lrs, kappas, dims, seeds};
        int most = 0;
        for (int i = 1; i < sizes.length; i++) {
            if (sizes[i] > sizes[most]) {
                most = i;
            }
        }
        String count = n == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(n);
        throw new InvalidSpecException(names[most], "has " + sizes[most] + " values, making " + count + " cells ("
                + algorithms + " algo x " + dims + " d x " + kappas + " kappa x " + lrs + " lr x " + seeds
                + " seeds), more than the limit of " + limit + why + ": use fewer values");
    }

    /** Cell {@code index}: algorithm, then d, kappa, lr and seed, the last varying fastest. */
    public Cell cell(int index) {
        int i = index;
        int seed = i % seeds;
        i /= seeds;
        int lr = i % lrs.length;
        i /= lrs.length;
        int kappa = i % kappas.length;
        i /= kappas.length;
        int d = i % dims.length;
        i /= dims.length;
        return new Cell(index, algorithms.get(i), dims[d], kappas[kappa], lrs[lr], seed);
    }

    public RunClassifier.Settings settings() {
        return new RunClassifier.Settings(maxSteps, hold, alignEps, lossTol);
    }

    /** Runs and classifies one cell. */
    public RunClassifier.Result compute(Cell cell) {
        if (engine.equals("reduced")) {
            return RunClassifier.classify(ReducedModel.spiked(cell.d(), cell.kappa()), cell.algorithm(),
                    Coefficients.isotropic(initScale), cell.lr(), settings());
        }
        return RunClassifier.classify(fullRun(cell), settings());
    }

    /** The full-engine run of {@code cell}, with a budget of {@code maxSteps + hold} steps. */
    public FullRunSpec fullRun(Cell cell) {
        FullProblem problem = new FullProblem(cell.d(), CovarianceSpectrum.spiked(cell.d(), cell.kappa()),
                FullProblem.Basis.RANDOM, cell.seed());
        FullInit start = init.equals("gaussian") ? new FullInit.Gaussian(initScale) : FullInit.OnManifold.isotropic(initScale);
        LossSpec loss = samplesN > 0 ? new LossSpec.Samples(samplesN, false) : new LossSpec.Population();
        return new FullRunSpec(problem, start, loss, cell.algorithm(), cell.lr(), maxSteps + hold, 1, 0, alignEps);
    }

    /** The spec as written to {@code sweep.json}: everything that decides a cell's result. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", engine);
        m.put("algo", algorithms.stream().map(Algorithm::label).toList());
        m.put("d", dims);
        m.put("kappa", kappas);
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
