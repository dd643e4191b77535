package io.specdyn.full;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.Kernels;
import io.specdyn.linalg.PolarFactor;
import io.specdyn.model.Coefficients;
import io.specdyn.model.State;
import io.specdyn.model.Range;

/** The initial weights of a full run. */
public sealed interface FullInit {

    /**
     * On the manifold: {@code W0 = E diag(w)} in the covariance eigenbasis, where {@code E} is the
     * {@code m x d} matrix with ones on its diagonal (orthonormal rows or columns) and each direction
     * takes its group's coefficient. The coefficients are one per group of the spectrum, or three,
     * {@code (a, b, c)}: {@code W0 = E (a theta theta^T + b u u^T + c P)} with {@code P} every direction
     * but signal and spike. The isotropic start {@code W0 = s E} is every coefficient {@code s}; for
     * {@code m = d} it is {@code s I}, and for {@code m >= d}, {@code W0^T W0} is on the manifold. For
     * {@code m < d} it is not ({@code W0^T W0} has rank {@code m}).
     */
    record OnManifold(State coefficients) implements FullInit {
        public OnManifold {
            for (int i = 0; i < coefficients.size(); i++) {
                Range.FINITE.require("init", coefficients.get(i));
            }
        }

        public OnManifold(Coefficients abc) {
            this(State.of(abc));
        }

        /** {@code W0 = s E}: {@code a = b = c = s}. */
        public static OnManifold isotropic(double scale) {
            return new OnManifold(Coefficients.isotropic(Range.POSITIVE.require("init-scale", scale)));
        }

        /**
         * The coefficient of each of the directions, in basis order.
         *
         * @throws IllegalArgumentException if there are neither three coefficients nor one per group
         */
        double[] perDirection(CovarianceSpectrum spectrum) {
            int d = spectrum.dimension();
            double[] x = new double[d];
            if (coefficients.size() == spectrum.groups().groups()) {
                int[] group = spectrum.groups().groupOfDirections();
                for (int j = 0; j < d; j++) {
                    x[j] = coefficients.get(group[j]);
                }
            } else if (coefficients.size() == 3) {
                for (int j = 0; j < d; j++) {
                    x[j] = coefficients.get(j == spectrum.signal() ? 0 : j == spectrum.spike() ? 1 : 2);
                }
            } else {
                throw new IllegalArgumentException("a start of " + coefficients.size() + " coefficients for a spectrum of "
                        + spectrum.groups().groups() + " groups");
            }
            return x;
        }
    }

    /** Independent entries of variance {@code scale^2 / d}: off the manifold. */
    record Gaussian(double scale) implements FullInit {
        public Gaussian {
            Range.POSITIVE.require("init-scale", scale);
        }
    }

    /**
     * {@code W0 = s O} with {@code O} Haar-random on the {@code m x d} matrices with orthonormal rows
     * ({@code m <= d}) or columns ({@code m >= d}): the polar factor of the Gaussian start's matrix of
     * the same seed (the polar factor of a matrix of independent standard normal entries is Haar
     * distributed, as the law of that matrix is invariant under rotations on either side). So
     * {@code W0 W0^T = s^2 I} for {@code m <= d} and {@code W0^T W0 = s^2 I} for {@code m >= d}: for
     * {@code m >= d} the start is on the manifold ({@code M = s^2 I}), for {@code m < d} it is off it
     * ({@code M} is {@code s^2} times a random projector of rank {@code m}).
     */
    record Orthogonal(double scale) implements FullInit {
        public Orthogonal {
            Range.POSITIVE.require("init-scale", scale);
        }

        /**
         * {@code W0} in the coordinate basis, {@code m x d}, from the start's stream of {@code seed}.
         *
         * @throws ArithmeticException if the SVD of the Gaussian draw does not converge
         */
        DenseMatrix weights(int m, int d, long seed, Kernels kernels) {
            DenseMatrix g = gaussian(m, d, seed);
            DenseMatrix w0 = DenseMatrix.zeros(m, d);
            new PolarFactor(kernels, m, d).compute(g, w0);
            for (int k = 0, n = w0.size(); k < n; k++) {
                w0.setAt(k, w0.at(k) * scale);
            }
            return w0;
        }
    }

    /** An {@code m x d} matrix of independent standard normal entries from the start's stream of {@code seed}. */
    static DenseMatrix gaussian(int m, int d, long seed) {
        double[] values = new double[Math.multiplyExact(m, d)];
        Seeds.normals(Seeds.stream(seed, Seeds.INIT), values);
        return DenseMatrix.of(m, d, values);
    }
}
