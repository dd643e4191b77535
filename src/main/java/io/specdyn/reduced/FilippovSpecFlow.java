package io.specdyn.reduced;

import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Stages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * SpecGF over the K eigenvalue groups, {@code w_k' = -sign g_k}, solved in Filippov's sense.
 *
 * <p>Each group is in one of four regimes. <em>Free</em>: it moves at speed 1 against the sign
 * of its gradient coefficient {@code g_k = w_k h_k}. <em>Sliding</em>: it sits on the zero set of
 * its bracket {@code h_k} and moves with the equivalent control that keeps the bracket at zero.
 * <em>Zero</em>: it reached 0, the other part of the zero set of {@code g_k}, and rests there while
 * that surface attracts; when the bracket turns negative the surface repels, the Filippov
 * inclusion allows both staying and leaving, and the group leaves on the side it came from, which
 * is the limit of SpecGD's chattering iterate. <em>Fixed</em>: it started at exactly 0 and stays
 * there.
 *
 * <p>All brackets share the mean output error {@code T}, so keeping the sliding brackets at zero
 * reduces to one scalar, {@code tau = T'/4}: a sliding group moves with
 * {@code w_i' = -tau / (lambda_i w_i)} and {@code tau = P_F / (2 + M_S)}, where
 * {@code P_F = sum over free j of n_j lambda_j w_j sigma_j} and {@code M_S} is the number of
 * directions that slide. Sliding lasts while {@code |tau| <= lambda_i |w_i|}, that is while the
 * needed speed is at most 1. Where several groups meet their surfaces at once, which of them slide
 * and which leave is the unique root of a monotone piecewise-linear equation in {@code tau}, found
 * by {@link SlidingSolver} ({@code theory-notes/reduced-dynamics.md}, sections 3 and 8).
 *
 * <p>The integrator does not see the coefficients themselves. Within a segment a free group moves
 * at speed 1 and a sliding one has {@code (w_i^2)' = -2 tau / lambda_i}, where {@code tau} only
 * involves free groups and so is linear in time; every coefficient is then a function of two
 * numbers, the time since the segment's start and the integral of {@code tau}, and those are what
 * Hipparchus integrates: a polynomial of degree at most two, followed to rounding error with steps
 * as long as the segment, at a cost per step that does not grow with K. (In the coefficients a
 * sliding branch has a square-root singularity where it ends, which would force tiny steps.)
 *
 * <p>Cost: the switching function of a segment (the least of every group's,
 * {@link PiecewiseFlow.Switches}) is one pass over the groups per evaluation; a switch is a few
 * passes plus the sort of {@link SlidingSolver}.
 */
final class FilippovSpecFlow implements PiecewiseFlow {

    /**
     * Regime of a group. {@code ZERO}: it reached 0 and rests there while the zero surface
     * attracts ({@code h_i > 0}); it leaves on its former side when the bracket turns negative.
     * {@code FIXED}: it started at exactly 0 and stays there ({@code sign 0 = 0}; an invariant
     * subspace of the matrix dynamics, as in the discrete map).
     */
    enum Regime { FREE, SLIDING, ZERO, FIXED }

    /**
     * Relative margin (of the bracket's scale, {@link #bracketScale}) by which a bracket must pass
     * zero before its sign counts as changed, for a free group reaching its surface and for a
     * resting one whose zero surface turns repelling. Near the minimiser the brackets and the last
     * landing coefficient tend to zero together (T is quadratic in it), and without a margin
     * rounding noise in T would decide the switching there. A real switch is delayed by the time
     * the bracket takes to move by the margin, about 1e-12.
     */
    private static final double SIGN_MARGIN = 1e-12;
    /** Relative width of a tie between sliding and leaving, of the sum of {@code n lambda |w|} over the moving groups. */
    private static final double TIE = 1e-12;
    /** Largest relative correction accepted when projecting sliding groups back onto their surfaces. */
    private static final double MAX_PROJECTION = 1e-6;

    private final ReducedModel model;
    private final int groups;
    private final double[] lambda;
    private final double[] mu;
    private final double[] target;
    private final String[] names;
    private final double zeroTolerance;

    /**
     * @param timeResolution accuracy to which switching times are located; a free group (speed 1)
     *                       that is this close to 0 and heading there has reached it
     */
    FilippovSpecFlow(ReducedModel model, double timeResolution) {
        this.model = model;
        this.zeroTolerance = 4 * timeResolution;
        this.groups = model.size();
        this.lambda = new double[groups];
        this.mu = new double[groups];
        this.target = new double[groups];
        this.names = new String[groups];
        for (int k = 0; k < groups; k++) {
            lambda[k] = model.eigenvalue(k);
            mu[k] = model.multiplicity(k);
            target[k] = model.target(k);
            names[k] = model.groups().name(k);
        }
    }

    /**
     * Regime of each group, the direction ({@code +1} or {@code -1}) of the free ones and the side
     * (sign) of each coefficient, remembered while it rests at zero; with the free and sliding
     * groups listed in increasing order, so that the right-hand side visits only those.
     */
    static final class Mode {
        private final Regime[] regime;
        private final double[] sigma;
        private final double[] side;
        private final int[] free;
        private final int[] sliding;

        Mode(Regime[] regime, double[] sigma, double[] side) {
            this.regime = regime.clone();
            this.sigma = sigma.clone();
            this.side = side.clone();
            this.free = indices(regime, Regime.FREE);
            this.sliding = indices(regime, Regime.SLIDING);
        }

        /** A mode whose coefficients are all on the positive side. */
        Mode(Regime[] regime, double[] sigma) {
            this(regime, sigma, ones(regime.length));
        }

        private static double[] ones(int k) {
            double[] v = new double[k];
            Arrays.fill(v, 1.0);
            return v;
        }

        private static int[] indices(Regime[] regime, Regime wanted) {
            int count = 0;
            for (Regime r : regime) {
                if (r == wanted) {
                    count++;
                }
            }
            int[] list = new int[count];
            int at = 0;
            for (int i = 0; i < regime.length; i++) {
                if (regime[i] == wanted) {
                    list[at++] = i;
                }
            }
            return list;
        }

        Regime regime(int i) {
            return regime[i];
        }

        /** The directions of the free groups (0 for the others); a copy. */
        double[] sigma() {
            return sigma.clone();
        }

        boolean stationary() {
            return free.length == 0;
        }
    }

    /**
     * The equations of a segment in its two variables: the time {@code s} since the segment's
     * start and {@code U}, the integral of {@code tau} over it. Free groups move at speed 1, so
     * {@code tau = (P_F(0) + s sum_free n_j lambda_j) / (2 + M_S)} is linear in {@code s}, and every
     * coefficient follows from {@code (s, U)} ({@link #chart}). The right-hand side costs the same
     * for any number of groups, and so does the integrator's interpolation. The equations carry
     * the mode so that the next transition can read it.
     */
    private final class SegmentEquations implements OrdinaryDifferentialEquation {
        final Mode mode;
        private final double pf0;
        private final double rate;
        private final double denominator;

        SegmentEquations(Mode mode, double[] x0) {
            this.mode = mode;
            double p = 0;
            double r = 0;
            for (int i : mode.free) {
                p += mu[i] * lambda[i] * x0[i] * mode.sigma[i];
                r += mu[i] * lambda[i];
            }
            double ms = 0;
            for (int i : mode.sliding) {
                ms += mu[i];
            }
            this.pf0 = p;
            this.rate = r;
            this.denominator = 2 + ms;
        }

        @Override
        public int getDimension() {
            return 2;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            return new double[] {1, (pf0 + rate * y[0]) / denominator};
        }
    }

    /**
     * The coefficients at {@code (s, U)} of a segment that starts at {@code x0}: a free group at
     * {@code w_i(0) + sigma_i s}, a sliding one at {@code side_i sqrt(q)} with
     * {@code q = w_i(0)^2 - 2 U / lambda_i} (since {@code (w_i^2)' = -2 tau / lambda_i}), continued
     * as {@code -side_i sqrt(-q)} for {@code q < 0}, which keeps every switching function
     * continuous where a step overshoots the segment; the others stay where they are.
     */
    private static PiecewiseFlow.Chart chart(Mode mode, double[] x0, double[] lambda) {
        double[] start = x0.clone();
        return new PiecewiseFlow.Chart() {
            /** The last point converted: every detector asks for the same times. */
            private double lastS = Double.NaN;
            private double lastU = Double.NaN;
            private double[] last;

            @Override
            public double[] toCoefficients(double[] y) {
                if (y[0] == lastS && y[1] == lastU) {
                    return last.clone();
                }
                double[] x = start.clone();
                for (int i : mode.free) {
                    x[i] = start[i] + mode.sigma[i] * y[0];
                }
                for (int i : mode.sliding) {
                    double q = start[i] * start[i] - 2 * y[1] / lambda[i];
                    x[i] = Math.signum(start[i]) * Math.signum(q) * Math.sqrt(Math.abs(q));
                }
                lastS = y[0];
                lastU = y[1];
                last = x;
                return x.clone();
            }

            @Override
            public double magnitudeRate(int i, double[] y, double[] yDot) {
                return switch (mode.regime[i]) {
                    case FREE -> Math.signum(start[i] + mode.sigma[i] * y[0]) * mode.sigma[i];
                    case SLIDING -> -yDot[1];
                    case ZERO, FIXED -> 0.0;
                };
            }
        };
    }

    /** {@code tau = T'/4 = P_F / (2 + M_S)} in the given mode at coefficients {@code x}. */
    double tau(Mode mode, double[] x) {
        double pf = 0;
        for (int i : mode.free) {
            pf += mu[i] * lambda[i] * x[i] * mode.sigma[i];
        }
        double ms = 0;
        for (int i : mode.sliding) {
            ms += mu[i];
        }
        return pf / (2 + ms);
    }

    /** Velocity of every group in the given mode. */
    double[] velocity(Mode mode, double[] x) {
        double tau = tau(mode, x);
        double[] v = new double[groups];
        for (int i : mode.free) {
            v[i] = mode.sigma[i];
        }
        for (int i : mode.sliding) {
            v[i] = -tau / (lambda[i] * x[i]);
        }
        return v;
    }

    @Override
    public Transition begin(double[] x0) {
        double[] x = x0.clone();
        Regime[] regime = new Regime[groups];
        double[] sigma = new double[groups];
        double[] side = new double[groups];
        boolean[] onSurface = new boolean[groups];
        double meanError = model.meanError(x);
        for (int i = 0; i < groups; i++) {
            double h = model.bracket(i, x[i], meanError);
            side[i] = x[i] < 0 ? -1 : 1;
            if (x[i] == 0) {
                regime[i] = Regime.FIXED;
            } else {
                regime[i] = Regime.FREE;
                sigma[i] = -Math.signum(x[i]) * Math.signum(h);
                onSurface[i] = h == 0;
            }
        }
        Mode start = new Mode(regime, sigma, side);
        Mode mode = resolve(x, start, onSurface, -1);
        project(mode, x);
        return transition(start, mode, x);
    }

    @Override
    public Transition next(Segment current, Switch fired, double[] x0) {
        Mode old = ((SegmentEquations) current.equations()).mode;
        double[] x = x0.clone();
        Regime[] regime = old.regime.clone();
        double[] sigma = old.sigma.clone();
        double[] side = old.side.clone();
        for (int j = 0; j < groups; j++) {
            if (x[j] != 0) {
                side[j] = Math.signum(x[j]);
            }
        }
        boolean[] onSurface = new boolean[groups];
        int preferFree = -1;
        int i = fired.coefficient();
        switch (fired.kind()) {
            case ZERO_HIT -> toZero(i, x, regime, sigma);
            case SURFACE_HIT -> onSurface[i] = true;
            case SLIDE_EXIT -> {
                onSurface[i] = true;
                preferFree = i;
            }
            case ZERO_REPELS -> {
                // decided below, from the state once the sliding groups are projected
            }
        }
        for (int j = 0; j < groups; j++) {
            if (regime[j] == Regime.FREE && sigma[j] * Math.signum(x[j]) < 0 && Math.abs(x[j]) <= zeroTolerance) {
                toZero(j, x, regime, sigma);
            }
        }
        double meanError = model.meanError(x);
        double termsOfT = termsOfT(x);
        double tau = tau(old, x0);
        for (int j = 0; j < groups; j++) {
            if (regime[j] == Regime.SLIDING) {
                onSurface[j] = true;
            } else if (regime[j] == Regime.FREE && x[j] != 0) {
                onSurface[j] |= reachesSurface(j, sigma[j], side[j], x[j], meanError, tau, termsOfT);
            }
        }
        Mode resolved = resolve(x, new Mode(regime, sigma, side), onSurface, preferFree);
        project(resolved, x);
        Regime[] leaving = resolved.regime.clone();
        double[] leavingSigma = resolved.sigma.clone();
        double projectedMeanError = model.meanError(x);
        for (int j = 0; j < groups; j++) {
            if (leaving[j] == Regime.ZERO && model.bracket(j, x[j], projectedMeanError) < 0) {
                leaving[j] = Regime.FREE;
                leavingSigma[j] = side[j];
            }
        }
        return transition(old, new Mode(leaving, leavingSigma, side), x);
    }

    /**
     * Whether free group {@code j} is on its switching surface at a switch: its switching function
     * (its bracket signed to be positive while its motion is consistent, plus the sign margin) has
     * fallen to 0, or falls to 0 within the time resolution at its present rate of change
     * {@code dh_j/dt = 4 lambda_j (tau + lambda_j w_j sigma_j)} (since {@code T' = 4 tau}). The
     * resolution in time is the one of the switches themselves (as for reaching 0); a tolerance on
     * the bracket's size instead would catch, near the minimiser where every bracket is tiny, a
     * group that is still landing.
     */
    private boolean reachesSurface(int j, double sigma, double side, double w, double meanError, double tau,
                                   double termsOfT) {
        double consistent = -sigma * side * model.bracket(j, w, meanError);
        double margin = SIGN_MARGIN * bracketScale(j, w, termsOfT);
        double rate = -sigma * side * 4 * lambda[j] * (tau + lambda[j] * w * sigma);
        return consistent + margin <= zeroTolerance * Math.max(0, -rate);
    }

    /** Group {@code i} has reached 0: it rests there, remembering its side. */
    private static void toZero(int i, double[] x, Regime[] regime, double[] sigma) {
        x[i] = 0.0;
        regime[i] = Regime.ZERO;
        sigma[i] = 0.0;
    }

    /**
     * Decides the regime of every group on its switching surface ({@code onSurface}) at state
     * {@code x}; the others keep {@code regime} and {@code sigma}. Each such group either slides
     * ({@code |tau| <= r_i}, {@code r_i = lambda_i |w_i|}) or leaves at speed 1 on the side that
     * the sign of {@code tau} dictates; exactly one assignment is consistent, up to ties at
     * {@code |tau| = r_i}, which go to sliding except for {@code preferFree} ({@link SlidingSolver}).
     */
    Mode resolve(double[] x, Mode current, boolean[] onSurface, int preferFree) {
        int[] candidates = new int[groups];
        int m = 0;
        double pf = 0;
        double scale = 0;
        for (int i = 0; i < groups; i++) {
            if (onSurface[i] && x[i] != 0) {
                candidates[m++] = i;
                scale += mu[i] * lambda[i] * Math.abs(x[i]);
            } else if (current.regime[i] == Regime.FREE) {
                pf += mu[i] * lambda[i] * x[i] * current.sigma[i];
                scale += mu[i] * lambda[i] * Math.abs(x[i]);
            }
        }
        double[] r = new double[m];
        double[] n = new double[m];
        int preferred = -1;
        for (int k = 0; k < m; k++) {
            int i = candidates[k];
            r[k] = lambda[i] * Math.abs(x[i]);
            n[k] = mu[i];
            if (i == preferFree) {
                preferred = k;
            }
        }
        SlidingSolver.Choice[] choice = SlidingSolver.solve(pf, r, n, TIE * scale, preferred).choice();
        Regime[] newRegime = current.regime.clone();
        double[] newSigma = current.sigma.clone();
        for (int k = 0; k < m; k++) {
            int i = candidates[k];
            if (choice[k] == SlidingSolver.Choice.SLIDE) {
                newRegime[i] = Regime.SLIDING;
                newSigma[i] = 0.0;
            } else {
                newRegime[i] = Regime.FREE;
                newSigma[i] = (choice[k] == SlidingSolver.Choice.GROW ? 1.0 : -1.0) * Math.signum(x[i]);
            }
        }
        return new Mode(newRegime, newSigma, current.side);
    }

    /**
     * {@code sum_k n_k lambda_k (w_k^2 + t_k)}: the sum of the magnitudes of the terms of T, the
     * part of every bracket's scale that the groups share.
     */
    private double termsOfT(double[] x) {
        double sum = 0;
        for (int k = 0; k < groups; k++) {
            sum += mu[k] * lambda[k] * (x[k] * x[k] + target[k]);
        }
        return sum;
    }

    /** Sum of the magnitudes of the terms of bracket {@code j}: the scale against which it is small. */
    private double bracketScale(int j, double w, double termsOfT) {
        return lambda[j] * termsOfT + 2 * lambda[j] * lambda[j] * (w * w + target[j]);
    }

    /** The segment of {@code mode} from {@code x}, already projected, with the events of the change from {@code old}. */
    private Transition transition(Mode old, Mode mode, double[] x) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            Regime was = old.regime[i];
            Regime now = mode.regime[i];
            if (was == Regime.FREE && now != Regime.FREE) {
                events.add(Stages.slideStart(names[i]));
            } else if ((was == Regime.SLIDING || was == Regime.ZERO) && now == Regime.FREE) {
                events.add(Stages.slideEnd(names[i]));
            } else if (was == Regime.FREE && old.sigma[i] != mode.sigma[i]) {
                events.add(Stages.cross(names[i]));
            }
        }
        Segment segment = new Segment(new SegmentEquations(mode, x), new double[2], chart(mode, x, lambda),
                y -> velocity(mode, y), new GroupSwitches(mode, x), mode.stationary(), true);
        return new Transition(segment, x, events);
    }

    /**
     * Moves the sliding groups back onto their surfaces, the others held fixed, removing the
     * integration drift of a sliding segment. In closed form: with {@code P} the part of T from the
     * other groups and {@code M_S} the sliding multiplicity, every sliding bracket vanishes at
     * {@code T = P / (1 + M_S / 2)} and {@code w_i = side_i sqrt(t_i - T / (2 lambda_i))}.
     * Corrections larger than {@link #MAX_PROJECTION} relative are not a drift and are refused.
     */
    private void project(Mode mode, double[] x) {
        if (mode.sliding.length == 0) {
            return;
        }
        double p = 0;
        double ms = 0;
        for (int k = 0; k < groups; k++) {
            if (mode.regime[k] == Regime.SLIDING) {
                ms += mu[k];
            } else {
                p += mu[k] * lambda[k] * ((x[k] - target[k]) * (x[k] + target[k]));
            }
        }
        double meanError = p / (1 + ms / 2);
        double[] projected = new double[mode.sliding.length];
        for (int s = 0; s < projected.length; s++) {
            int i = mode.sliding[s];
            double w = Math.signum(x[i]) * Math.sqrt(target[i] - meanError / (2 * lambda[i]));
            if (!(Math.abs(w - x[i]) <= MAX_PROJECTION * Math.abs(x[i]))) {
                return;
            }
            projected[s] = w;
        }
        for (int s = 0; s < projected.length; s++) {
            x[mode.sliding[s]] = projected[s];
        }
    }

    /**
     * The switches of a segment: for each free group its surface (and 0, when it heads there),
     * for each sliding group the end of its slide and 0, for each resting group the turn of its
     * zero surface. They come in three families, each linear in quantities of its group and in T
     * or tau: brackets {@code h_j} (surface hits and repelling zeros), coefficients {@code w_j}
     * (reaching 0) and slide ends {@code lambda_j |w_j| - |tau|}. One pass over the groups
     * evaluates them all, with T and tau computed once.
     *
     * <p>Each switching function is shifted to start at or above 0 (a group resolved free just off
     * its surface may start a hair below it, and the least of the functions would otherwise hide
     * every other switch until it turned positive) and divided by its value at the start (at least
     * its resolution), so that it falls from about 1 to 0. Neither changes where or in which
     * direction a function crosses 0, but the second makes the least of them smooth near its root:
     * functions that are nearly linear in time then do not cross one another inside the segment,
     * so the least is the same function throughout, and the root finder needs a few evaluations
     * instead of the thirty of a bisection through kinks (which it met at K = 1000, where groups
     * switch in close succession).
     */
    private final class GroupSwitches implements PiecewiseFlow.Switches {
        private final Mode mode;
        /** Brackets: {@code ofT T + ofExcess (w^2 - t) + constant}. */
        private final Family brackets;
        /** Reaching 0: {@code ofValue w + constant}. */
        private final Family zeros;
        /** Slide ends: {@code ofMagnitude |w| - ofTau |tau| + constant}. */
        private final Family slides;

        /** The switches of one family: their groups and the coefficients of their linear forms. */
        private static final class Family {
            final Switch.Kind[] kind;
            final int[] group;
            final double[] first;
            final double[] second;
            final double[] constant;
            int count;

            Family(int capacity) {
                kind = new Switch.Kind[capacity];
                group = new int[capacity];
                first = new double[capacity];
                second = new double[capacity];
                constant = new double[capacity];
            }

            void add(Switch.Kind k, int j, double a, double b, double c) {
                kind[count] = k;
                group[count] = j;
                first[count] = a;
                second[count] = b;
                constant[count] = c;
                count++;
            }

            /** Shifts member {@code c} to start at or above 0 and scales it to start at 1 (at least its resolution). */
            void normalise(int c, double start, double resolution) {
                if (start < 0) {
                    constant[c] -= start;
                }
                double scale = 1 / Math.max(Math.max(start, 0), resolution);
                first[c] *= scale;
                second[c] *= scale;
                constant[c] *= scale;
            }
        }

        GroupSwitches(Mode mode, double[] x) {
            this.mode = mode;
            brackets = new Family(groups);
            zeros = new Family(groups);
            slides = new Family(mode.sliding.length);
            double termsOfT = termsOfT(x);
            for (int j = 0; j < groups; j++) {
                double side = x[j] != 0 ? Math.signum(x[j]) : mode.side[j];
                double twoLambdaSquared = 2 * lambda[j] * lambda[j];
                switch (mode.regime[j]) {
                    case FREE -> {
                        double factor = -mode.sigma[j] * side;
                        brackets.add(Switch.Kind.SURFACE_HIT, j, factor * lambda[j], factor * twoLambdaSquared,
                                SIGN_MARGIN * bracketScale(j, x[j], termsOfT));
                        if (factor > 0) {
                            zeros.add(Switch.Kind.ZERO_HIT, j, side, 0, 0);
                        }
                    }
                    case SLIDING -> {
                        slides.add(Switch.Kind.SLIDE_EXIT, j, lambda[j], 1, 0);
                        zeros.add(Switch.Kind.ZERO_HIT, j, side, 0, 0);
                    }
                    case ZERO -> brackets.add(Switch.Kind.ZERO_REPELS, j, lambda[j], twoLambdaSquared,
                            SIGN_MARGIN * bracketScale(j, x[j], termsOfT));
                    case FIXED -> {
                    }
                }
            }
            double meanError = model.meanError(x);
            double absTau = Math.abs(tau(mode, x));
            for (int c = 0; c < brackets.count; c++) {
                brackets.normalise(c, bracket(c, x, meanError), brackets.constant[c]);
            }
            for (int c = 0; c < zeros.count; c++) {
                zeros.normalise(c, zero(c, x), zeroTolerance);
            }
            for (int c = 0; c < slides.count; c++) {
                int j = slides.group[c];
                slides.normalise(c, slideEnd(c, x, absTau), SIGN_MARGIN * lambda[j] * Math.abs(x[j]));
            }
        }

        private double bracket(int c, double[] x, double meanError) {
            int j = brackets.group[c];
            double w = x[j];
            return brackets.first[c] * meanError + brackets.second[c] * ((w - target[j]) * (w + target[j]))
                    + brackets.constant[c];
        }

        private double zero(int c, double[] x) {
            return zeros.first[c] * x[zeros.group[c]] + zeros.constant[c];
        }

        private double slideEnd(int c, double[] x, double absTau) {
            return slides.first[c] * Math.abs(x[slides.group[c]]) - slides.second[c] * absTau + slides.constant[c];
        }

        @Override
        public boolean none() {
            return brackets.count + zeros.count + slides.count == 0;
        }

        @Override
        public double least(double[] x) {
            double least = Double.POSITIVE_INFINITY;
            if (brackets.count > 0) {
                double meanError = model.meanError(x);
                for (int c = 0; c < brackets.count; c++) {
                    least = Math.min(least, bracket(c, x, meanError));
                }
            }
            for (int c = 0; c < zeros.count; c++) {
                least = Math.min(least, zero(c, x));
            }
            if (slides.count > 0) {
                double absTau = Math.abs(tau(mode, x));
                for (int c = 0; c < slides.count; c++) {
                    least = Math.min(least, slideEnd(c, x, absTau));
                }
            }
            return least;
        }

        @Override
        public Switch fired(double[] x) {
            double meanError = model.meanError(x);
            double absTau = Math.abs(tau(mode, x));
            Switch fired = null;
            double least = Double.POSITIVE_INFINITY;
            for (int c = 0; c < brackets.count; c++) {
                double g = bracket(c, x, meanError);
                if (fired == null || g < least) {
                    fired = new Switch(brackets.kind[c], brackets.group[c]);
                    least = g;
                }
            }
            for (int c = 0; c < zeros.count; c++) {
                double g = zero(c, x);
                if (fired == null || g < least) {
                    fired = new Switch(zeros.kind[c], zeros.group[c]);
                    least = g;
                }
            }
            for (int c = 0; c < slides.count; c++) {
                double g = slideEnd(c, x, absTau);
                if (fired == null || g < least) {
                    fired = new Switch(slides.kind[c], slides.group[c]);
                    least = g;
                }
            }
            return fired;
        }
    }
}
