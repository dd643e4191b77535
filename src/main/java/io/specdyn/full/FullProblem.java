package io.specdyn.full;

import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.Range;

/**
 * The full-dimensional problem: dimension, width {@code m} of {@code W} ({@code m x d}), covariance
 * spectrum, eigenbasis, seed and teacher. {@code basis = RANDOM} draws a Haar-random orthonormal
 * eigenbasis from the seed; {@code CANONICAL} uses the coordinate axes. The teacher {@code theta} of
 * {@code y = (theta . x)^2} is given by its components in the covariance eigenbasis (its length is the
 * teacher's scale); null is the eigenvector of the spectrum's signal direction, {@code e_s}.
 */
public record FullProblem(int m, CovarianceSpectrum spectrum, Basis basis, long seed, double[] teacher) {

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
        if (teacher != null) {
            if (teacher.length != spectrum.dimension()) {
                throw new IllegalArgumentException("the teacher has " + teacher.length + " components; d is "
                        + spectrum.dimension());
            }
            double norm = 0;
            for (double t : teacher) {
                if (!Double.isFinite(t)) {
                    throw new InvalidSpecException("teacher", "must have finite components (got " + t + ")");
                }
                norm += t * t;
            }
            if (!(norm > 0)) {
                throw new InvalidSpecException("teacher", "must not be zero");
            }
            teacher = teacher.clone();
        }
    }

    /** A problem whose teacher is the signal's eigenvector. */
    public FullProblem(int m, CovarianceSpectrum spectrum, Basis basis, long seed) {
        this(m, spectrum, basis, seed, null);
    }

    /** The teacher's components in the eigenbasis (a copy), or null for the signal's eigenvector. */
    @Override
    public double[] teacher() {
        return teacher == null ? null : teacher.clone();
    }

    /** Whether the teacher is the signal's eigenvector {@code e_s} (no vector given). */
    public boolean eigenTeacher() {
        return teacher == null;
    }

    public FullProblem withTeacher(double[] value) {
        return new FullProblem(m, spectrum, basis, seed, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FullProblem p && p.m == m && p.spectrum.equals(spectrum) && p.basis == basis
                && p.seed == seed && java.util.Arrays.equals(p.teacher, teacher);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(m, spectrum, basis, seed, java.util.Arrays.hashCode(teacher));
    }

    public int d() {
        return spectrum.dimension();
    }

    public FullProblem withBasis(Basis value) {
        return new FullProblem(m, spectrum, value, seed, teacher);
    }

    public FullProblem withSeed(long value) {
        return new FullProblem(m, spectrum, basis, value, teacher);
    }
}
