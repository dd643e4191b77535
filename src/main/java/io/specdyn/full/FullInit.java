package io.specdyn.full;

import io.specdyn.model.Coefficients;
import io.specdyn.model.Range;

/** The initial weights of a full run. */
public sealed interface FullInit {

    /**
     * On the manifold: {@code W0 = E (a theta theta^T + b u u^T + c P)}, where {@code E} is the
     * {@code m x d} matrix with ones on its diagonal (orthonormal rows or columns). The isotropic
     * start {@code W0 = s E} is {@code a = b = c = s}; for {@code m = d} it is {@code s I}, and for
     * {@code m >= d}, {@code W0^T W0} is on the manifold. For {@code m < d} it is not ({@code W0^T W0}
     * has rank {@code m}).
     */
    record OnManifold(Coefficients coefficients) implements FullInit {
        public OnManifold {
            for (int i = 0; i < 3; i++) {
                Range.FINITE.require("init", coefficients.get(i));
            }
        }

        public static OnManifold isotropic(double scale) {
            return new OnManifold(Coefficients.isotropic(Range.POSITIVE.require("init-scale", scale)));
        }
    }

    /** Independent entries of variance {@code scale^2 / d}: off the manifold. */
    record Gaussian(double scale) implements FullInit {
        public Gaussian {
            Range.POSITIVE.require("init-scale", scale);
        }
    }
}
