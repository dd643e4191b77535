package io.specdyn.full;

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
}
