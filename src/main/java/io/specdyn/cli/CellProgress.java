package io.specdyn.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a sweep on standard error: a bar with an ETA redrawn in place on a terminal (at most
 * ten times a second); plain lines every ten seconds otherwise (CI, pipes), so that logs stay short
 * and readable. The ETA extrapolates the rate of the cells computed by this process.
 */
final class CellProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long LINE_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final int total;
    private final int before;
    private final int pending;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private int computed;

    CellProgress(PrintWriter err, int total, int before, int pending, int workers) {
        this.err = err;
        this.terminal = System.console() != null;
        this.total = total;
        this.before = before;
        this.pending = pending;
        err.printf(Locale.ROOT, "sweep: %d cells, %d already done, %d to compute on %d worker%s%n", total, before,
                pending, workers, workers == 1 ? "" : "s");
        err.flush();
    }

    /** One more cell finished (calls are serialised by the caller). */
    void cellDone() {
        computed++;
        long now = System.nanoTime();
        if (now - lastPrint >= (terminal ? REDRAW_NANOS : LINE_NANOS)) {
            lastPrint = now;
            print(now, false);
        }
    }

    void finish() {
        print(System.nanoTime(), true);
    }

    private void print(long now, boolean last) {
        int done = before + computed;
        double elapsed = (now - start) * 1e-9;
        double eta = computed == 0 ? Double.NaN : elapsed * (pending - computed) / computed;
        String text = String.format(Locale.ROOT, "%d/%d cells (%.0f%%), %s elapsed%s", done, total,
                total == 0 ? 100.0 : 100.0 * done / total, duration(elapsed),
                last ? "" : ", ETA " + (Double.isNaN(eta) ? "?" : duration(eta)));
        if (terminal) {
            int width = 30;
            int filled = total == 0 ? width : (int) Math.round((double) width * done / total);
            err.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + text + (last ? "\n" : ""));
        } else {
            err.println("sweep: " + text);
        }
        err.flush();
    }

    private static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
