package io.specdyn.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on standard error: a line redrawn in place on a terminal, plain lines otherwise (CI,
 * pipes), so that logs stay readable.
 */
final class Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private final int total;
    private final long start = System.nanoTime();

    Progress(PrintWriter err, int total) {
        this.err = err;
        this.terminal = System.console() != null;
        this.total = total;
    }

    void begin(int index, String what) {
        if (terminal) {
            err.printf(Locale.ROOT, "\r\033[K[%d/%d] %s ...", index, total, what);
            err.flush();
        }
    }

    void done(int index, String what, double seconds) {
        String bar = terminal ? bar(index) + " " : "";
        err.printf(Locale.ROOT, "%s[%d/%d] %s done in %.1f s (%.0f s elapsed)%s", terminal ? "\r\033[K" : "", index,
                total, what + (terminal ? " " + bar : ""), seconds, (System.nanoTime() - start) * 1e-9,
                terminal && index < total ? "" : "\n");
        err.flush();
    }

    private String bar(int index) {
        int width = 20;
        int filled = (int) Math.round((double) width * index / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
