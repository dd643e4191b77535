package io.specdyn.reduced;

import io.specdyn.model.ReducedModel;
import java.util.List;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/** Gradient flow {@code w_k' = -g_k = -w_k h_k} over the K groups: one smooth segment. */
final class GradientFlow implements PiecewiseFlow {
    private final ReducedModel model;

    GradientFlow(ReducedModel model) {
        this.model = model;
    }

    @Override
    public Transition begin(double[] x) {
        OrdinaryDifferentialEquation equations = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return model.size();
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return velocity(y);
            }
        };
        Segment segment = new Segment(equations, x.clone(), Chart.IDENTITY, this::velocity, Switches.NONE, false, false);
        return new Transition(segment, x.clone(), List.of());
    }

    private double[] velocity(double[] y) {
        double meanError = model.meanError(y);
        double[] v = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            v[k] = -y[k] * model.bracket(k, y[k], meanError);
        }
        return v;
    }

    @Override
    public Transition next(Segment current, Switch fired, double[] x) {
        throw new IllegalStateException("gradient flow has no switches");
    }
}
