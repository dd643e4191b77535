package io.specdyn.reduced;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * A flow on {@code (a, b, c)} whose right-hand side is smooth between switching events: gradient
 * flow has a single segment; SpecGF changes its right-hand side each time a coefficient starts or
 * stops sliding, or crosses its switching surface.
 *
 * <p>The {@link ContinuousEngine} integrates one {@link Segment} at a time with Hipparchus, stops at
 * the first of the segment's {@link Switch}es and asks the flow for the next segment.
 */
interface PiecewiseFlow {

    /** The segment that starts the run at state {@code x}. */
    Transition begin(double[] x);

    /** The segment that follows {@code current} when {@code fired} has stopped it at state {@code x}. */
    Transition next(Segment current, Switch fired, double[] x);

    /** Where a segment ends: a function positive while the segment is valid, ending it when it falls through 0. */
    record Switch(Kind kind, int coefficient, ToDoubleFunction<double[]> g) {
        enum Kind {
            /** A free coefficient reaches the zero set of its bracket. */
            SURFACE_HIT,
            /** A sliding coefficient's equivalent control reaches speed 1. */
            SLIDE_EXIT,
            /** A coefficient reaches 0. */
            ZERO_HIT,
            /** A coefficient resting at 0 sees its bracket turn negative: the zero surface repels it. */
            ZERO_REPELS
        }
    }

    /**
     * A smooth piece of the flow.
     *
     * @param equations  the right-hand side in the integrator's variables
     * @param chart      the translation between {@code (a, b, c)} and the integrator's variables
     * @param velocity   the velocity {@code (a', b', c')} at a point {@code (a, b, c)}
     * @param switches   the switches that end the segment, as functions of {@code (a, b, c)}
     * @param stationary whether every velocity is identically zero, so the state stays where it is
     */
    record Segment(OrdinaryDifferentialEquation equations, Chart chart, UnaryOperator<double[]> velocity,
                   List<Switch> switches, boolean stationary) {
    }

    /**
     * The one place where the coefficients {@code (a, b, c)} are translated to and from the
     * integrator's {@code double[]}.
     *
     * <p>Hipparchus evaluates every detector over a whole step before it picks the earliest event,
     * so a step may reach past the end of its segment: {@link #toCoefficients} must stay finite and
     * continuous there too.
     */
    interface Chart {
        Chart IDENTITY = new Chart() {
            @Override
            public double[] toIntegrator(double[] x) {
                return x.clone();
            }

            @Override
            public double[] toCoefficients(double[] y) {
                return y.clone();
            }

            @Override
            public double magnitudeRate(int i, double[] y, double[] yDot) {
                return Math.signum(y[i]) * yDot[i];
            }
        };

        double[] toIntegrator(double[] x);

        double[] toCoefficients(double[] y);

        /**
         * A quantity with the sign of {@code d|x_i|/dt}, finite wherever the integrator's state and
         * derivative are: the rate of growth of coefficient {@code i}'s magnitude up to a positive
         * factor.
         */
        double magnitudeRate(int i, double[] y, double[] yDot);
    }

    /** A new segment, the state it starts from (possibly projected onto its constraints) and the events named at the change. */
    record Transition(Segment segment, double[] x, List<String> events) {
    }
}
