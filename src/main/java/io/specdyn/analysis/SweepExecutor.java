package io.specdyn.analysis;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;

/**
 * Computes sweep cells on a pool of worker threads. Each cell is independent and deterministic, so
 * the results do not depend on the number of workers or on the order in which they finish; the
 * callback receives them as they finish, from the workers' threads, one at a time.
 */
public final class SweepExecutor {

    /** Receives each finished cell. */
    @FunctionalInterface
    public interface Sink {
        void accept(SweepSpec.Cell cell, RunClassifier.Result result) throws Exception;
    }

    private SweepExecutor() {
    }

    /**
     * The threads {@link #run} uses for {@code workers} requested: one for the full engine, whose
     * linear algebra runs its calls one at a time under a process-wide lock (so that each call's
     * thread count, which fixes its bits, is its own) and uses the thread budget on large calls.
     */
    public static int threads(SweepSpec spec, int workers) {
        return spec.engine().equals("full") ? 1 : Math.max(1, workers);
    }

    /**
     * Computes {@code cells} on {@link #threads threads(spec, workers)} threads and hands each result
     * to {@code sink} (calls are serialised).
     */
    public static void run(SweepSpec spec, List<SweepSpec.Cell> cells, int workers, Sink sink) throws Exception {
        int threads = threads(spec, workers);
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "sweep-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
        Object lock = new Object();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepSpec.Cell cell : cells) {
                futures.add(pool.submit(() -> {
                    RunClassifier.Result result = spec.compute(cell);
                    synchronized (lock) {
                        sink.accept(cell, result);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    for (Future<?> other : futures) {
                        other.cancel(true);
                    }
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception ex) {
                        throw ex;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Computes every cell of {@code spec} with {@code workers} threads; the results in cell order. */
    public static List<SweepSpec.CellResult> computeAll(SweepSpec spec, int workers) throws Exception {
        List<SweepSpec.Cell> cells = new ArrayList<>();
        for (int i = 0; i < spec.cellCount(); i++) {
            cells.add(spec.cell(i));
        }
        SweepSpec.CellResult[] results = new SweepSpec.CellResult[cells.size()];
        run(spec, cells, workers, (cell, result) -> results[cell.index()] = new SweepSpec.CellResult(cell, result));
        return List.of(results);
    }
}
