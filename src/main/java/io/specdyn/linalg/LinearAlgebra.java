package io.specdyn.linalg;

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
        try {
            return new OpenBlasKernels();
        } catch (LinkageError | RuntimeException e) {
            System.err.println("specdyn: native OpenBLAS could not be loaded (" + e.getMessage()
                    + "); using the plain-Java kernels, which are much slower");
            return new JavaKernels();
        }
    }
}
