package io.specdyn.reduced;

import io.specdyn.model.LearningRate;
import io.specdyn.model.Range;

/** How long a run goes and how it is sampled: steps of a discrete map, or an interval of a flow. */
public sealed interface Schedule {

    /**
     * {@code steps} iterations of a discrete map with base learning rate {@code lr} shaped by
     * {@code rate}; time is {@code sum_{j<k} lr_j}, which is {@code k * lr} for the constant rate.
     */
    record Discrete(double lr, long steps, LearningRate rate) implements Schedule {
        public Discrete {
            Range.POSITIVE.require("lr", lr);
            Range.requireAtLeast("steps", steps, 1);
            if (rate == null) {
                throw new IllegalArgumentException("the learning-rate schedule is null");
            }
            rate.requireFits(lr);
        }

        /** The constant rate {@code lr}. */
        public Discrete(double lr, long steps) {
            this(lr, steps, LearningRate.CONSTANT);
        }

        /** A clock at step 0 of this schedule. */
        public LearningRate.Clock clock() {
            return rate.clock(lr, steps);
        }

        public Discrete withLr(double value) {
            return new Discrete(value, steps, rate);
        }

        public Discrete withSteps(long value) {
            return new Discrete(lr, value, rate);
        }
    }

    /**
     * A flow integrated over {@code [0, tEnd]}, written at {@code samples} evenly spaced times
     * (both ends included) and at every event.
     */
    record Continuous(double tEnd, int samples, IntegratorSettings integrator) implements Schedule {
        public Continuous {
            Range.POSITIVE.require("t-end", tEnd);
            Range.requireAtLeast("samples", samples, 2);
            if (integrator == null) {
                throw new IllegalArgumentException("integrator settings are null");
            }
        }

        /** Sample time {@code k} of {@code samples}; the last one is exactly {@code tEnd}. */
        public double sampleTime(int k) {
            return k == samples - 1 ? tEnd : tEnd * k / (samples - 1);
        }

        public Continuous withTEnd(double value) {
            return new Continuous(value, samples, integrator);
        }
    }
}
