package io.specdyn.linalg;

/**
 * Chooses the kernels: native OpenBLAS where it loads, the plain-Java reference otherwise (with a
 * warning, since it is far slower).
 */
public final class LinearAlgebra {
    private static volatile Kernels kernels;

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
