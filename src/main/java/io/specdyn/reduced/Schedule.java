package io.specdyn.reduced;

import io.specdyn.model.Range;

/** How long a run goes and how it is sampled: steps of a discrete map, or an interval of a flow. */
public sealed interface Schedule {

    /** {@code steps} iterations of a discrete map with learning rate {@code lr}; time is {@code step * lr}. */
    record Discrete(double lr, long steps) implements Schedule {
        public Discrete {
            Range.POSITIVE.require("lr", lr);
            Range.requireAtLeast("steps", steps, 1);
        }

        public Discrete withLr(double value) {
            return new Discrete(value, steps);
        }

        public Discrete withSteps(long value) {
            return new Discrete(lr, value);
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
