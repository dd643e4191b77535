package io.specdyn.reduced;

import io.specdyn.model.Range;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;

/**
 * Choice and tolerances of the adaptive Hipparchus integrator used by the continuous flows.
 *
 * <p>The local error of each step is kept below {@code atol + rtol |x|} per coefficient. The
 * defaults ({@code rtol = 1e-12}, {@code atol = 1e-15}) keep the global error of the default runs
 * well below the 1e-9 at which the SpecGF sliding branch is checked against its closed form.
 */
public record IntegratorSettings(Kind kind, double rtol, double atol) {

    public static final double DEFAULT_RTOL = 1e-12;
    public static final double DEFAULT_ATOL = 1e-15;

    /** The integrators offered. */
    public enum Kind {
        /** Dormand-Prince 8(5,3), the default. */
        DP853("dp853"),
        /** Dormand-Prince 5(4). */
        DP54("dp54"),
        /** Gragg-Bulirsch-Stoer extrapolation. */
        GBS("gbs");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind parse(String text) {
            String key = text.trim().toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.label.equals(key)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown integrator '" + text + "' (expected one of "
                    + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", ")) + ")");
        }
    }

    public IntegratorSettings {
        if (kind == null) {
            throw new IllegalArgumentException("integrator kind is null");
        }
        Range.POSITIVE.require("rtol", rtol);
        Range.POSITIVE.require("atol", atol);
    }

    public static IntegratorSettings defaults() {
        return new IntegratorSettings(Kind.DP853, DEFAULT_RTOL, DEFAULT_ATOL);
    }

    public IntegratorSettings withKind(Kind value) {
        return new IntegratorSettings(value, rtol, atol);
    }

    public IntegratorSettings withRtol(double value) {
        return new IntegratorSettings(kind, value, atol);
    }

    public IntegratorSettings withAtol(double value) {
        return new IntegratorSettings(kind, rtol, value);
    }

    /**
     * A new integrator for a run over {@code [0, tEnd]}: no lower bound on the step (the evaluation
     * budget guards against stalls), no upper bound below the interval.
     */
    AdaptiveStepsizeIntegrator create(double tEnd) {
        double maxStep = Math.max(tEnd, Double.MIN_NORMAL);
        return switch (kind) {
            case DP853 -> new DormandPrince853Integrator(0.0, maxStep, atol, rtol);
            case DP54 -> new DormandPrince54Integrator(0.0, maxStep, atol, rtol);
            case GBS -> new GraggBulirschStoerIntegrator(0.0, maxStep, atol, rtol);
        };
    }
}
