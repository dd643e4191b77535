package io.specdyn.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a sequence of tasks on standard error (the figures of {@code reproduce}): in
 * {@link ProgressMode#BAR} a line redrawn in place, in {@link ProgressMode#LINES} one plain line per
 * finished task, in {@link ProgressMode#NONE} nothing.
 */
final class Progress {
    private final PrintWriter err;
    private final ProgressMode mode;
    private final int total;
    private final long start = System.nanoTime();

    /** @param mode bar, lines or none ({@code auto} is decided here) */
    Progress(PrintWriter err, ProgressMode mode, int total) {
        this.err = err;
        this.mode = mode.resolve();
        this.total = total;
    }

    void begin(int index, String what) {
        if (mode == ProgressMode.BAR) {
            err.printf(Locale.ROOT, "\r\033[K[%d/%d] %s ...", index, total, what);
            err.flush();
        }
    }

    void done(int index, String what, double seconds) {
        if (mode == ProgressMode.NONE) {
            return;
        }
        boolean bar = mode == ProgressMode.BAR;
        err.printf(Locale.ROOT, "%s[%d/%d] %s done in %.1f s (%.0f s elapsed)%s", bar ? "\r\033[K" : "", index,
                total, what + (bar ? " " + bar(index) : ""), seconds, (System.nanoTime() - start) * 1e-9,
                bar && index < total ? "" : "\n");
        err.flush();
    }

    private String bar(int index) {
        int width = 20;
        int filled = (int) Math.round((double) width * index / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
