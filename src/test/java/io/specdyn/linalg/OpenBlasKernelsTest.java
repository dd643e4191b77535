package io.specdyn.linalg;

class OpenBlasKernelsTest extends KernelsContract {
    private static final Kernels KERNELS = new OpenBlasKernels();

    @Override
    Kernels kernels() {
        return KERNELS;
    }
}
