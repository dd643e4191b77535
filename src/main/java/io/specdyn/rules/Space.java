package io.specdyn.rules;

/**
 * What an update rule may do with the engine's gradient: the small algebra every rule is written
 * against, once, for both engines.
 *
 * <p>A tensor of type {@code T} stands for an {@code m x d} matrix. The full engine's tensor is the
 * matrix itself ({@link MatrixSpace}); the reduced engine's is one number per eigenvalue group, the
 * common diagonal entry of the group's directions ({@link GroupSpace}). The entries
 * {@code get(x, k)}, {@code set(x, k, v)} are the tensor's own numbers: a rule that combines tensors
 * entry by entry with linear maps (momentum) stays exact on the groups in every basis. Non-linear
 * maps of single entries (the sign, Adam's square root) are the matrix's entries only in the
 * coordinate basis, which is why such a rule declares itself basis-dependent
 * ({@link UpdateRule#rotationEquivariant()}); the engines decide where it may run.
 *
 * <p>The Frobenius norm, the polar factor and the Newton-Schulz iteration are the matrix's, whatever
 * the tensor: the group space counts each group's multiplicity in the norm, and on a diagonal matrix
 * the polar factor is the sign of each entry and the iteration a scalar polynomial of each entry
 * ({@code theory-notes/update-rules.md}).
 */
public interface Space<T> {

    /** A new tensor of zeros of this space's shape. */
    T zeros();

    /** The number of entries of a tensor. */
    int size();

    double get(T x, int k);

    /** Sets entry {@code k} of {@code x} (modifies {@code x}). */
    void set(T x, int k, double value);

    /** The Frobenius norm of the matrix {@code x} stands for. */
    double norm(T x);

    /**
     * Writes the polar factor {@code U V^T} of {@code g = U S V^T} into {@code out}; zero for a zero {@code g}.
     *
     * @throws ArithmeticException if {@code g} is not finite or the factor cannot be computed
     */
    void polar(T g, T out);

    /**
     * Writes {@code steps} steps of the quintic Newton-Schulz iteration
     * {@code X <- a X + (b A + c A^2) X}, {@code A = X X^T}, {@code (a, b, c) = (3.4445, -4.7750, 2.0315)},
     * from {@code x} into {@code out}. With {@code bf16}, every matrix the iteration stores is rounded to
     * bfloat16 ({@link Bf16}). Does not modify {@code x}.
     */
    void newtonSchulz(T x, int steps, boolean bf16, T out);

    /** Rows over columns of the weight matrix, for Muon's scale {@code max(1, rows/cols)^0.5}. */
    double aspect();
}
