package io.specdyn.reduced;

import io.specdyn.model.ReducedModel;
import java.util.List;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/** Gradient flow {@code (a, b, c)' = -(alpha, beta, gamma)}: one smooth segment. */
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
                return 3;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return velocity(y);
            }
        };
        Segment segment = new Segment(equations, Chart.IDENTITY, this::velocity, List.of(), false);
        return new Transition(segment, x.clone(), List.of());
    }

    private double[] velocity(double[] y) {
        double meanError = model.meanError(y[0], y[1], y[2]);
        return new double[] {
            -y[0] * model.bracketA(y[0], meanError),
            -y[1] * model.bracketB(y[1], meanError),
            -y[2] * model.bracketC(y[2], meanError)
        };
    }

    @Override
    public Transition next(Segment current, Switch fired, double[] x) {
        throw new IllegalStateException("gradient flow has no switches");
    }
}
