package io.specdyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LinearAlgebraTest {

    /**
     * When the native library cannot be loaded, the plain-Java kernels run and standard error gets
     * exactly one line that says so, even when the loader's message spans several lines.
     */
    @Test
    void aMissingNativeBlasIsSaidInOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Kernels k = LinearAlgebra.load(() -> {
            throw new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path\nsecond line of detail");
        }, err);
        assertInstanceOf(JavaKernels.class, k);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("specdyn: warning: native BLAS (OpenBLAS) is missing for this platform "
                + "(no jniopenblas_nolapack in java.library.path)"), text);
        assertTrue(text.contains("plain-Java kernels, which are much slower"), text);
    }

    /** When the native kernels load, nothing is said. */
    @Test
    void loadedNativeKernelsSayNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Kernels java = new JavaKernels();
        Kernels k = LinearAlgebra.load(() -> java, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(java, k);
        assertEquals(0, bytes.size());
    }
}
