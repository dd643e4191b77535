package io.specdyn.full;

import io.specdyn.model.InvalidSpecException;
import java.util.SplittableRandom;

/**
 * Teacher vectors {@code theta} of {@code y = (theta . x)^2}, given by their components in the
 * covariance eigenbasis (as {@link FullProblem#teacher()} takes them), and the two ways of fixing
 * their length: {@code |theta| = 1}, or {@code theta^T Sigma theta = sum_i lambda_i theta_i^2 = 1},
 * the mean label {@code E[y]}.
 */
public final class Teachers {

    /** How a teacher's length is fixed. */
    public enum Norm {
        /** {@code |theta| = 1}. */
        UNIT,
        /** {@code theta^T Sigma theta = 1}: the mean label is 1. */
        SIGMA;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private Teachers() {
    }

    /**
     * A direction uniform on the unit sphere: {@code d} standard normal components from the teacher's
     * own stream of {@code seed} (so that it does not move when the basis, the start or the samples
     * change), divided by their norm.
     */
    public static double[] random(int d, long seed) {
        double[] theta = new double[d];
        SplittableRandom stream = Seeds.stream(seed, Seeds.TEACHER);
        Seeds.normals(stream, theta);
        return scaled(theta, Norm.UNIT, null);
    }

    /** The eigenvector {@code e_index} (0-based). */
    public static double[] eigen(int d, int index) {
        double[] theta = new double[d];
        theta[index] = 1;
        return theta;
    }

    /**
     * {@code direction} rescaled to the norm asked for: {@code |theta| = 1} or
     * {@code sum_i lambda_i theta_i^2 = 1}. Not modified.
     *
     * @param lambda the covariance eigenvalues, in basis order; read only for {@link Norm#SIGMA}
     * @throws InvalidSpecException naming {@code teacher} if a component is not finite or all are zero
     */
    public static double[] scaled(double[] direction, Norm norm, double[] lambda) {
        double max = 0;
        for (int i = 0; i < direction.length; i++) {
            double t = direction[i];
            if (!Double.isFinite(t)) {
                throw new InvalidSpecException("teacher", "components must be finite (got " + t + " at " + (i + 1) + ")");
            }
            max = Math.max(max, Math.abs(t));
        }
        if (max == 0) {
            throw new InvalidSpecException("teacher", "must not be the zero vector");
        }
        // divide by the largest component first, so that neither tiny nor huge components under- or overflow
        double[] theta = new double[direction.length];
        double sum = 0;
        for (int i = 0; i < direction.length; i++) {
            theta[i] = direction[i] / max;
            sum += norm == Norm.SIGMA ? lambda[i] * theta[i] * theta[i] : theta[i] * theta[i];
        }
        double factor = 1 / Math.sqrt(sum);
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= factor;
        }
        return theta;
    }

    /** {@code |theta|}. */
    public static double norm(double[] theta) {
        double sum = 0;
        for (double t : theta) {
            sum += t * t;
        }
        return Math.sqrt(sum);
    }

    /** {@code theta^T Sigma theta = sum_i lambda_i theta_i^2}: the mean label {@code E[y]}. */
    public static double meanLabel(double[] theta, double[] lambda) {
        double sum = 0;
        for (int i = 0; i < theta.length; i++) {
            sum += lambda[i] * theta[i] * theta[i];
        }
        return sum;
    }

    /** {@code |theta_index| / |theta|}: the cosine between the teacher and the eigen-direction {@code index}. */
    public static double overlap(double[] theta, int index) {
        return Math.abs(theta[index]) / norm(theta);
    }
}
