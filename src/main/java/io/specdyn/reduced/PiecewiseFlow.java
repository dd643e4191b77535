package io.specdyn.reduced;

import java.util.List;
import java.util.function.UnaryOperator;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * A flow on the group coefficients {@code w} whose right-hand side is smooth between switching
 * events: gradient flow has a single segment; SpecGF changes its right-hand side each time a
 * coefficient starts or stops sliding, or crosses its switching surface.
 *
 * <p>The {@link ContinuousEngine} integrates one {@link Segment} at a time with Hipparchus, stops at
 * the first of the segment's {@link Switch}es and asks the flow for the next segment.
 */
interface PiecewiseFlow {

    /** The segment that starts the run at state {@code x}. */
    Transition begin(double[] x);

    /** The segment that follows {@code current} when {@code fired} has stopped it at state {@code x}. */
    Transition next(Segment current, Switch fired, double[] x);

    /** What ended a segment: the kind of switch and the group it concerns. */
    record Switch(Kind kind, int coefficient) {
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
     * The switches that can end a segment, as one function of the coefficients: the least of
     * their switching functions, each positive while the segment holds. A single event detector
     * on it finds the earliest switch, whatever the number of groups, at the cost of one pass over
     * the groups per evaluation.
     */
    interface Switches {
        /** A segment that no switch ends. */
        Switches NONE = new Switches() {
            @Override
            public boolean none() {
                return true;
            }

            @Override
            public double least(double[] x) {
                return Double.POSITIVE_INFINITY;
            }

            @Override
            public Switch fired(double[] x) {
                throw new IllegalStateException("a segment without switches has none that fired");
            }
        };

        /** Whether no switch can end the segment. */
        boolean none();

        /** The least switching function at coefficients {@code x}; it falls through 0 where the segment ends. */
        double least(double[] x);

        /** The switch whose function is least at {@code x}: at the end of a segment, the one that ended it. */
        Switch fired(double[] x);
    }

    /**
     * A smooth piece of the flow.
     *
     * @param equations  the right-hand side in the integrator's variables
     * @param start      the integrator's variables at the segment's start
     * @param chart      the translation from the integrator's variables to the coefficients
     * @param velocity   the velocity {@code w'} at a point {@code w}
     * @param switches   the switches that end the segment, as one function of the coefficients
     * @param stationary whether every velocity is identically zero, so the state stays where it is
     * @param polynomial whether the equations' solution is a polynomial of degree at most two in
     *                   time, which every integrator offered follows to rounding error: then any
     *                   first step is accepted and need not be found by trial
     */
    record Segment(OrdinaryDifferentialEquation equations, double[] start, Chart chart,
                   UnaryOperator<double[]> velocity, Switches switches, boolean stationary, boolean polynomial) {
    }

    /**
     * The one place where the integrator's {@code double[]} is translated to the coefficients
     * {@code w}: the identity for gradient flow, a map from a few segment variables for SpecGF.
     *
     * <p>Hipparchus evaluates every detector over a whole step before it picks the earliest event,
     * so a step may reach past the end of its segment: {@link #toCoefficients} must stay finite and
     * continuous there too.
     */
    interface Chart {
        Chart IDENTITY = new Chart() {
            @Override
            public double[] toCoefficients(double[] y) {
                return y.clone();
            }

            @Override
            public double magnitudeRate(int i, double[] y, double[] yDot) {
                return Math.signum(y[i]) * yDot[i];
            }
        };

        /** The coefficients at the integrator's state {@code y}; a new array, {@code y} not modified. */
        double[] toCoefficients(double[] y);

        /**
         * A quantity with the sign of {@code d|w_i|/dt}, finite wherever the integrator's state and
         * derivative are: the rate of growth of coefficient {@code i}'s magnitude up to a positive
         * factor.
         */
        double magnitudeRate(int i, double[] y, double[] yDot);
    }

    /** A new segment, the state it starts from (possibly projected onto its constraints) and the events named at the change. */
    record Transition(Segment segment, double[] x, List<String> events) {
    }
}
