package io.specdyn.cli;

import io.specdyn.analysis.SweepSpec;
import io.specdyn.full.FullPlan;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.LinearAlgebra;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;

/**
 * What the full engine can do in this JVM, checked before anything is allocated or written: the
 * thread budget, the size of each matrix, the memory of a run against the JVM's limits, and a
 * warning line before a run of huge work.
 */
final class FullLimits {
    /** OpenBLAS's build limit on threads ({@code MAX_THREADS} of the bundled library). */
    static final int MAX_THREADS = 64;

    /** Work from which a run prints its estimate before it starts: minutes at tens of GFLOP/s. */
    static final double ANNOUNCED_FLOPS = 1e12;

    private static final double GIB = 1024.0 * 1024 * 1024;

    private FullLimits() {
    }

    /** Sets the process's thread budget: {@code --threads} or the available processors. */
    static int applyThreads(Integer threads) {
        int count = threads != null ? threads : LinearAlgebra.availableProcessors();
        if (count < 1 || count > MAX_THREADS) {
            throw new InvalidSpecException("threads", "must be an integer in [1, " + MAX_THREADS + "] (got " + count + ")");
        }
        LinearAlgebra.setThreads(count);
        return count;
    }

    /**
     * Refuses a run that cannot fit, naming the option that makes it too large; prints an estimate to
     * {@code err} before a run of huge work.
     *
     * @param steps the steps the run may take (its budget)
     */
    static void require(FullRunSpec spec, long steps, PrintWriter err, String command) {
        FullPlan plan = FullPlan.of(spec);
        String culprit = culprit(spec, plan);
        if (!plan.fitsInBuffers()) {
            String what = plan.largestRows() == 1
                    ? String.format(Locale.ROOT, "an SVD workspace of %d numbers", plan.largestCols())
                    : String.format(Locale.ROOT, "a %d x %d matrix", plan.largestRows(), plan.largestCols());
            throw new ErrorHandlers.UsageException(String.format(Locale.ROOT,
                    "%s needs %s (%s); the full engine holds at most %d numbers (2 GiB) in one matrix",
                    culprit, what, gib(8 * plan.largestMatrix()), DenseMatrix.MAX_ENTRIES));
        }
        long allowed = memoryLimit();
        if (plan.totalBytes() > allowed) {
            long suggest = (long) Math.ceil(plan.totalBytes() * 1.25 / GIB);
            throw new ErrorHandlers.UsageException(String.format(Locale.ROOT,
                    "%s needs about %s, the heap allows %s; raise it with SPECDYN_JAVA_OPTS=-Xmx%dg",
                    culprit, gib(plan.totalBytes()), gib(allowed), suggest));
        }
        announce(plan.flops(steps), plan.setupFlops(), plan.stepFlops(), err, command);
    }

    /**
     * Refuses, before the spectrum is expanded, a problem whose {@code rows x cols} matrix alone would
     * not fit in one of the engine's matrices, naming {@code culprit}.
     */
    static void requireMatrix(long rows, long cols, String culprit) {
        if ((double) rows * cols > DenseMatrix.MAX_ENTRIES) {
            throw new ErrorHandlers.UsageException(String.format(Locale.ROOT,
                    "%s needs a %d x %d matrix (%s); the full engine holds at most %d numbers (2 GiB) in one matrix",
                    culprit, rows, cols, gib(8.0 * rows * cols), DenseMatrix.MAX_ENTRIES));
        }
    }

    /**
     * Checks a full-engine sweep before anything is written: each variant at each dimension must
     * fit, and the estimate of all its cells is printed if it is huge.
     */
    static void requireSweep(SweepSpec sweep, PrintWriter err) {
        double flops = 0;
        double setup = 0;
        double perStep = 0;
        long runsPerPoint = (long) sweep.shapes().length * sweep.lrs().length * sweep.seeds();
        long steps = sweep.maxSteps() + sweep.hold();
        for (SweepSpec.Variant variant : sweep.variants()) {
            for (int d : sweep.dims()) {
                FullRunSpec run = sweep.fullRun(new SweepSpec.Cell(0, variant, d, sweep.shapes()[0], sweep.lrs()[0], 0));
                FullPlan plan = FullPlan.of(run);
                require(run, 0, err, "sweep");
                flops += runsPerPoint * plan.flops(steps);
                setup = Math.max(setup, plan.setupFlops());
                perStep = Math.max(perStep, plan.stepFlops());
            }
        }
        if (flops >= ANNOUNCED_FLOPS) {
            err.printf(Locale.ROOT, "specdyn sweep: %d full-engine cells of up to %d steps, about %.2g floating-point "
                    + "operations if none stops early: about %s at 100 GFLOP/s, %s at 10%n", sweep.cellCount(), steps,
                    flops, duration(flops / 1e11), duration(flops / 1e10));
            err.flush();
        }
    }

    /** Prints the estimate line of a run or sweep of {@code flops} operations, if it is huge. */
    static void announce(double flops, double setup, double perStep, PrintWriter err, String command) {
        if (flops < ANNOUNCED_FLOPS) {
            return;
        }
        err.printf(Locale.ROOT, "specdyn %s: the full engine has about %.2g floating-point operations to do "
                + "(%.2g before the first step, %.2g per step): about %s at 100 GFLOP/s, %s at 10%n", command, flops,
                setup, perStep, duration(flops / 1e11), duration(flops / 1e10));
        err.flush();
    }

    /** The option that makes the run large: the sample count, the width, the list of eigenvalues or the dimension. */
    private static String culprit(FullRunSpec spec, FullPlan plan) {
        int d = spec.problem().d();
        int m = spec.problem().m();
        if (spec.loss() instanceof LossSpec.Samples s && (long) s.n() * Math.max(m, d) >= (long) d * d) {
            return "--samples-n " + s.n() + " (with --d " + d + ")";
        }
        if (m > d) {
            return "--m " + m + " (with --d " + d + ")";
        }
        if (m < d && plan.largestRows() == d && plan.largestCols() == d) {
            // only a basis-dependent rule in a random basis forms a d x d matrix below m = d
            return "--basis random with --algo " + spec.rule().algorithm().label() + " (a d x d basis; --basis canonical needs none) "
                    + "at --d " + d;
        }
        // a list of eigenvalues sets d itself: blame the list, which is what the user gave
        Map<String, Object> spectrum = spec.problem().spectrum().description();
        if ("list".equals(spectrum.get("kind"))) {
            return "--spectrum file:" + spectrum.get("source") + " (d = " + d + ")";
        }
        return "--d " + d;
    }

    /**
     * The bytes a run may hold: the heap limit, which also bounds native buffers by default, or the
     * direct-memory limit if it is set lower; less what the heap already holds.
     */
    static long memoryLimit() {
        Runtime rt = Runtime.getRuntime();
        long heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long direct = rt.maxMemory();
        try {
            com.sun.management.HotSpotDiagnosticMXBean hotspot =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
            if (set > 0) {
                direct = set;
            }
        } catch (RuntimeException | LinkageError e) {
            // not a HotSpot JVM: the default, the heap limit, is the best guess
        }
        return Math.min(heap, direct);
    }

    static String gib(double bytes) {
        if (bytes >= 0.1 * GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 172800) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.0f days", seconds / 86400);
    }
}
