package io.specdyn.model;

/**
 * The shape of a learning-rate schedule: with the base rate {@code lr} and the number of steps
 * {@code N} of a run it gives the rate {@code lr_k} of step {@code k = 0..N-1}.
 *
 * <ul>
 *   <li>{@code constant}: {@code lr_k = lr};</li>
 *   <li>{@code cosine}: {@code lr_k = lr_min + (lr - lr_min)(1 + cos(pi k / N)) / 2};</li>
 *   <li>{@code linear}: {@code lr_k = lr + (lr_min - lr) k / N};</li>
 *   <li>{@code exp}: {@code lr_k = max(lr_min, lr gamma^k)}, gamma in (0, 1];</li>
 *   <li>{@code inverse-sqrt}: {@code lr_k = max(lr_min, lr / sqrt(k + 1))}.</li>
 * </ul>
 * A warm-up of {@code W >= 1} steps multiplies every rate by {@code min(1, (k + 1) / W)};
 * {@code warmup = 0} is none. {@code lr_min} is the floor of every kind but constant (whose rate
 * is {@code lr}), and must not exceed {@code lr}.
 *
 * <p>The time of step {@code k} is {@code t_k = sum_{j<k} lr_j}; {@link Clock} accumulates it.
 */
public record LearningRate(Kind kind, double lrMin, long warmup, double gamma) {

    /** The constant rate without warm-up: {@code t_k = k lr}, as before schedules existed. */
    public static final LearningRate CONSTANT = new LearningRate(Kind.CONSTANT, 0, 0, 1);

    /** The kinds of schedule, by their command-line labels. */
    public enum Kind {
        CONSTANT("constant"), COSINE("cosine"), LINEAR("linear"), EXP("exp"), INVERSE_SQRT("inverse-sqrt");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public LearningRate {
        if (kind == null) {
            throw new IllegalArgumentException("the schedule's kind is null");
        }
        Range.NON_NEGATIVE.require("lr-min", lrMin);
        Range.requireAtLeast("warmup", warmup, 0);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new InvalidSpecException("gamma", "must be a number in (0, 1] (got " + gamma + ")");
        }
        if (kind != Kind.EXP && gamma != 1) {
            throw new IllegalArgumentException("gamma applies to the exp schedule only");
        }
        if (kind == Kind.CONSTANT && lrMin != 0) {
            throw new IllegalArgumentException("the constant schedule has no lr-min");
        }
    }

    /** Whether {@code t_k = k lr} exactly: the constant rate without warm-up. */
    public boolean isConstant() {
        return kind == Kind.CONSTANT && warmup <= 1;
    }

    /** Checks that this shape fits the base rate {@code lr}: {@code lr_min <= lr}. */
    public void requireFits(double lr) {
        if (lrMin > lr) {
            throw new InvalidSpecException("lr-min", "must be a finite number in [0, lr] (got " + lrMin
                    + " with lr " + lr + ")");
        }
    }

    /** The rate of step {@code k} of a run of {@code n} steps with base rate {@code lr}. */
    public double rate(double lr, long n, long k) {
        double base = switch (kind) {
            case CONSTANT -> lr;
            case COSINE -> lrMin + (lr - lrMin) * (1 + Math.cos(Math.PI * ((double) k / n))) / 2;
            case LINEAR -> lr + (lrMin - lr) * ((double) k / n);
            case EXP -> Math.max(lrMin, lr * Math.pow(gamma, k));
            case INVERSE_SQRT -> Math.max(lrMin, lr / Math.sqrt(k + 1.0));
        };
        return warmup > 1 && k + 1 < warmup ? base * ((k + 1.0) / warmup) : base;
    }

    /** A clock at step 0 of a run of {@code n} steps with base rate {@code lr}. */
    public Clock clock(double lr, long n) {
        requireFits(lr);
        return new Clock(this, lr, n);
    }

    /** A label: the kind, with gamma for exp ({@code exp:0.999}). */
    public String label() {
        return kind == Kind.EXP ? "exp:" + gamma : kind.label();
    }

    /**
     * Steps through a run: the current step's rate and the time {@code t_k = sum_{j<k} lr_j}.
     * For {@link #isConstant()} the time is {@code k * lr} exactly; otherwise the sum is
     * accumulated with Neumaier's compensated summation, so its error stays a few ulps of
     * {@code t_k} however many steps.
     */
    public static final class Clock {
        private final LearningRate shape;
        private final double lr;
        private final long n;
        private final boolean constant;
        private long step;
        private double sum;
        private double compensation;

        private Clock(LearningRate shape, double lr, long n) {
            this.shape = shape;
            this.lr = lr;
            this.n = n;
            this.constant = shape.isConstant();
        }

        /** The current step {@code k}. */
        public long step() {
            return step;
        }

        /** The rate of the current step, {@code lr_k}. */
        public double rate() {
            return constant ? lr : shape.rate(lr, n, step);
        }

        /** The time of the current step, {@code t_k = sum_{j<k} lr_j}. */
        public double time() {
            return constant ? step * lr : sum + compensation;
        }

        /** Moves to the next step. */
        public void advance() {
            if (!constant) {
                double x = rate();
                double s = sum + x;
                compensation += Math.abs(sum) >= Math.abs(x) ? (sum - s) + x : (x - s) + sum;
                sum = s;
            }
            step++;
        }
    }
}
