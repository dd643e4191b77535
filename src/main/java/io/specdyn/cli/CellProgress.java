package io.specdyn.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a sweep on standard error: an opening line (the cells, and what is left to compute),
 * then, from a timer, a bar with an ETA redrawn in place ten times a second ({@link ProgressMode#BAR})
 * or a plain line every ten seconds ({@link ProgressMode#LINES}), whether or not a cell has finished
 * meanwhile: slow cells do not silence it. The ETA extrapolates the rate of the cells computed by this
 * process.
 */
final class CellProgress implements AutoCloseable {
    static final long REDRAW_NANOS = 100_000_000L;
    static final long LINE_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final ProgressMode mode;
    private final LongSupplier clock;
    private final int total;
    private final int before;
    private final int pending;
    private final long start;
    private int computed;
    private boolean drawn;
    private boolean stopped;
    private ScheduledExecutorService timer;

    /**
     * Prints the opening line; nothing more until {@link #startTimer} or {@link #tick}.
     *
     * @param mode  bar, lines or none (auto already decided)
     * @param clock nanoseconds, for the elapsed time and the ETA
     * @param plan  appended to the opening line (the estimate of the work), or empty
     */
    CellProgress(PrintWriter err, ProgressMode mode, LongSupplier clock, int total, int before, int pending, int workers,
                 String plan) {
        if (mode == ProgressMode.AUTO) {
            throw new IllegalArgumentException("decide auto first");
        }
        this.err = err;
        this.mode = mode;
        this.clock = clock;
        this.total = total;
        this.before = before;
        this.pending = pending;
        this.start = clock.getAsLong();
        if (mode != ProgressMode.NONE) {
            err.printf(Locale.ROOT, "sweep: %d cells, %d already done, %d to compute on %d worker%s%s%n", total, before,
                    pending, workers, workers == 1 ? "" : "s", plan);
            err.flush();
        }
    }

    /** Starts printing from a daemon timer every {@code intervalNanos} (see {@link #interval}). */
    synchronized void startTimer(long intervalNanos) {
        if (mode == ProgressMode.NONE || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    /** The timer's period for a mode: a tenth of a second for the bar, ten seconds for lines. */
    static long interval(ProgressMode mode) {
        return mode == ProgressMode.BAR ? REDRAW_NANOS : LINE_NANOS;
    }

    /** One more cell finished (any thread). */
    synchronized void cellDone() {
        computed++;
    }

    /** Prints the current state: called by the timer. */
    synchronized void tick() {
        if (mode != ProgressMode.NONE && !stopped) {
            print(false);
        }
    }

    /** Stops the timer and prints the final state. */
    synchronized void finish() {
        boolean first = !stopped;
        stopTimer();
        if (mode != ProgressMode.NONE && first) {
            print(true);
        }
    }

    /** Stops the timer; ends a bar's line so that a message after it starts on its own line. */
    @Override
    public synchronized void close() {
        stopTimer();
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    private void stopTimer() {
        stopped = true;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void print(boolean last) {
        int done = before + computed;
        double elapsed = (clock.getAsLong() - start) * 1e-9;
        double eta = computed == 0 ? Double.NaN : elapsed * (pending - computed) / computed;
        String text = String.format(Locale.ROOT, "%d/%d cells (%.0f%%), %s elapsed%s", done, total,
                total == 0 ? 100.0 : 100.0 * done / total, duration(elapsed),
                last ? "" : ", ETA " + (Double.isNaN(eta) ? "?" : duration(eta)));
        if (mode == ProgressMode.BAR) {
            int width = 30;
            int filled = total == 0 ? width : (int) Math.round((double) width * done / total);
            err.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + text + (last ? "\n" : ""));
            drawn = !last;
        } else {
            err.println("sweep: " + text);
        }
        err.flush();
    }

    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        if (s < 86400 * 3) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%.3g days", seconds / 86400);
    }
}
