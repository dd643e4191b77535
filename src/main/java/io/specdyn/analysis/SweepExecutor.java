package io.specdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
     * to {@code sink} (calls are serialised). The workers take the cells in order from a shared
     * counter, so the bookkeeping does not grow with the number of cells. The first failure (of a
     * cell or of the sink) stops the workers after their current cell and is rethrown.
     */
    public static void run(SweepSpec spec, List<SweepSpec.Cell> cells, int workers, Sink sink) throws Exception {
        int threads = threads(spec, workers);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Object lock = new Object();
        Runnable work = () -> {
            while (failure.get() == null) {
                int i = next.getAndIncrement();
                if (i >= cells.size()) {
                    return;
                }
                SweepSpec.Cell cell = cells.get(i);
                try {
                    RunClassifier.Result result = spec.compute(cell);
                    synchronized (lock) {
                        if (failure.get() == null) {
                            sink.accept(cell, result);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    return;
                }
            }
        };
        List<Thread> pool = new ArrayList<>();
        for (int t = 1; t <= threads; t++) {
            Thread thread = new Thread(work, "sweep-worker-" + t);
            thread.setDaemon(true);
            pool.add(thread);
            thread.start();
        }
        try {
            for (Thread thread : pool) {
                thread.join();
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
            for (Thread thread : pool) {
                thread.interrupt();
            }
            throw e;
        }
        Throwable cause = failure.get();
        if (cause instanceof Exception ex) {
            throw ex;
        }
        if (cause instanceof Error err) {
            throw err;
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
