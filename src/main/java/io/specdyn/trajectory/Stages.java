package io.specdyn.trajectory;


/**
 * Names and thresholds of the stage events; {@code theory-notes/reduced-dynamics.md} defines each.
 *
 * <ul>
 *   <li>{@code escaped}: the student's mean output {@code E f = T + lt} first reaches
 *       {@link #ESCAPE_FRACTION} of the teacher's {@code E y = lt}; the coefficients are no longer
 *       small and the linear growth of stage I is over.</li>
 *   <li>{@code mean-matched}: {@code T = E[f - y]} first changes sign, by more than
 *       {@link #MEAN_MATCH_TOLERANCE} {@code lt} (rounding noise of {@code T = tr(M Sigma) - lt}
 *       near convergence is not a crossing); for a discrete map, the two-step mean of {@code T} must
 *       also pass zero by more than one step's unsigned change of {@code T}, so that chattering is not
 *       a crossing ({@link StageTracker}).</li>
 *   <li>{@code spike-peak}: {@code |b|} at its largest value over the run, when that is an interior
 *       maximum.</li>
 *   <li>{@code slide-start:X}, {@code slide-end:X}, {@code cross:X}: SpecGF switching of group
 *       X (sliding on its switching surface, leaving it, crossing it); X is a, b or c in the
 *       three-group model, else the group's 1-based number.</li>
 *   <li>{@code aligned}: the alignment first reaches {@code 1 - align-eps}; the end of stage II.</li>
 *   <li>{@code diverged}: a non-finite value or a coefficient beyond {@link #DIVERGENCE_BOUND}.</li>
 * </ul>
 */
public final class Stages {
    public static final String ESCAPED = "escaped";
    public static final String MEAN_MATCHED = "mean-matched";
    public static final String SPIKE_PEAK = "spike-peak";
    public static final String ALIGNED = "aligned";
    public static final String DIVERGED = "diverged";

    /** Coefficients beyond this absolute value count as divergence. */
    public static final double DIVERGENCE_BOUND = 1e6;

    /** Fraction of the teacher's mean output that marks the end of the escape. */
    public static final double ESCAPE_FRACTION = 0.1;

    /** How far, relative to {@code lt}, T must pass zero to count as having changed sign. */
    public static final double MEAN_MATCH_TOLERANCE = 1e-12;

    /** Default {@code align-eps}: aligned means alignment >= 0.99. */
    public static final double DEFAULT_ALIGN_EPS = 1e-2;

    private Stages() {
    }

    /** {@code slide-start:X} for the group named {@code group} ({@code GroupSpectrum.name}). */
    public static String slideStart(String group) {
        return "slide-start:" + group;
    }

    /** {@code slide-end:X} for the group named {@code group}. */
    public static String slideEnd(String group) {
        return "slide-end:" + group;
    }

    /** {@code cross:X} for the group named {@code group}. */
    public static String cross(String group) {
        return "cross:" + group;
    }

    /** True when a coefficient is non-finite or beyond {@link #DIVERGENCE_BOUND}. */
    public static boolean diverged(double a, double b, double c) {
        return !(Math.abs(a) <= DIVERGENCE_BOUND && Math.abs(b) <= DIVERGENCE_BOUND && Math.abs(c) <= DIVERGENCE_BOUND);
    }

    /**
     * The mean-matched indicator for a run whose mean output error started with sign
     * {@code initialSign} (non-zero): negative until T has passed zero by the tolerance.
     */
    public static double meanMatchedIndicator(double meanError, double initialSign, double lt) {
        return -initialSign * meanError - MEAN_MATCH_TOLERANCE * lt;
    }

    /**
     * The escape indicator {@code T + (1 - ESCAPE_FRACTION) lt}: negative before the escape,
     * non-negative once the mean output reached {@code ESCAPE_FRACTION lt}.
     */
    public static double escapeIndicator(double meanError, double lt) {
        return meanError + (1 - ESCAPE_FRACTION) * lt;
    }
}
