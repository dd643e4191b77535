package io.specdyn.linalg;

class JavaKernelsTest extends KernelsContract {
    @Override
    Kernels kernels() {
        return new JavaKernels();
    }
}
