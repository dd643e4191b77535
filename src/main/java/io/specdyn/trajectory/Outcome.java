package io.specdyn.trajectory;

/**
 * How a run ended: it reached its requested end, or it diverged (a non-finite value or a
 * coefficient beyond {@link Stages#DIVERGENCE_BOUND}) at a given step and time, or its integrator
 * gave up. Both are results to report, not errors.
 */
public record Outcome(Status status, long step, double t, String detail) {

    public enum Status {
        COMPLETED, DIVERGED, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Outcome completed(long step, double t) {
        return new Outcome(Status.COMPLETED, step, t, "");
    }

    public static Outcome diverged(long step, double t, String detail) {
        return new Outcome(Status.DIVERGED, step, t, detail);
    }

    /** The integrator gave up (evaluation budget spent, or switching stalled); reported, not thrown. */
    public static Outcome failed(long step, double t, String detail) {
        return new Outcome(Status.FAILED, step, t, detail);
    }

    public boolean diverged() {
        return status == Status.DIVERGED;
    }
}
