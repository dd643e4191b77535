package io.specdyn.linalg;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Chooses the kernels: native OpenBLAS where it loads, the plain-Java reference otherwise (with a
 * warning, since it is far slower).
 */
public final class LinearAlgebra {
    private static volatile Kernels kernels;
    private static volatile int threads = availableProcessors();

    private LinearAlgebra() {
    }

    /** The process-wide kernels. */
    public static Kernels kernels() {
        Kernels k = kernels;
        if (k == null) {
            synchronized (LinearAlgebra.class) {
                k = kernels;
                if (k == null) {
                    k = load();
                    kernels = k;
                }
            }
        }
        return k;
    }

    /**
     * The thread budget of the full engine: the available processors (which the JVM reads from the
     * process's CPU affinity and cgroup quota) unless {@link #setThreads} said otherwise.
     */
    public static int threads() {
        return threads;
    }

    /** Sets the thread budget of the full engine, at least 1. */
    public static void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the thread count must be at least 1 (got " + count + ")");
        }
        threads = count;
    }

    /** The processors this process may use. */
    public static int availableProcessors() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The plain-Java reference kernels. */
    public static Kernels reference() {
        return new JavaKernels();
    }

    private static Kernels load() {
        return load(OpenBlasKernels::new, System.err);
    }

    /**
     * The native kernels, or the plain-Java ones after one line on {@code err} that says so (the
     * reason shortened to its first line).
     */
    static Kernels load(Supplier<Kernels> nativeKernels, PrintStream err) {
        try {
            return nativeKernels.get();
        } catch (LinkageError | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("").strip();
            err.println("specdyn: warning: native BLAS (OpenBLAS) is missing for this platform (" + reason
                    + "); the full engine falls back to the plain-Java kernels, which are much slower");
            err.flush();
            return new JavaKernels();
        }
    }
}
