package io.specdyn.trajectory;

/**
 * A stage event of a run: its name (see {@link Stages}), time, step and the coefficients there.
 *
 * <p>For discrete algorithms {@code step} is the iteration; for continuous ones it is the index of
 * the trajectory row written at the event time.
 */
public record StageEvent(String name, double t, long step, double a, double b, double c) {

    public StageEvent withStep(long value) {
        return new StageEvent(name, t, value, a, b, c);
    }
}
