package io.specdyn.full;

import io.specdyn.model.Range;

/**
 * The full-dimensional problem: dimension, width {@code m} of {@code W} ({@code m x d}), covariance
 * spectrum, eigenbasis and seed. {@code basis = RANDOM} draws a Haar-random orthonormal eigenbasis
 * from the seed; {@code CANONICAL} uses the coordinate axes.
 */
public record FullProblem(int m, CovarianceSpectrum spectrum, Basis basis, long seed) {

    public enum Basis {
        RANDOM, CANONICAL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public FullProblem {
        Range.requireAtLeast("m", m, 1);
        if (spectrum == null || basis == null) {
            throw new IllegalArgumentException("spectrum and basis are required");
        }
    }

    public int d() {
        return spectrum.dimension();
    }

    public FullProblem withBasis(Basis value) {
        return new FullProblem(m, spectrum, value, seed);
    }

    public FullProblem withSeed(long value) {
        return new FullProblem(m, spectrum, basis, value);
    }
}
