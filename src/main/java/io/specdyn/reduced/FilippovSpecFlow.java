package io.specdyn.reduced;

import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Stages;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * SpecGF, {@code (a, b, c)' = -(sign alpha, sign beta, sign gamma)}, solved in Filippov's sense.
 *
 * <p>Each coefficient is in one of three regimes. <em>Free</em>: it moves at speed 1 against the
 * sign of its gradient coefficient. <em>Sliding</em>: it sits on the zero set of its bracket
 * ({@code h_b = 0} say, so {@code beta = b h_b = 0}) and moves with the equivalent control that
 * keeps the bracket at zero. <em>Zero</em>: it reached 0, the other part of the zero set of
 * {@code alpha = a h_a}, and rests there while that surface attracts; when the bracket turns
 * negative the surface repels, the Filippov inclusion allows both staying and leaving, and the
 * coefficient leaves on the side it came from, which is the limit of SpecGD's chattering iterate.
 * <em>Fixed</em>: it started at exactly 0 and stays there.
 *
 * <p>All brackets share the mean output error {@code T}, so keeping the sliding brackets at zero
 * reduces to one scalar, {@code tau = T'/4}: a sliding coefficient moves with
 * {@code x_i' = -tau / (lambda_i x_i)} and {@code tau = P_F / (2 + M_S)}, where
 * {@code P_F = sum over free j of mu_j lambda_j x_j sigma_j} and {@code M_S} is the number of
 * directions that slide ({@code mu = 1, 1, d - 2}). Sliding lasts while {@code |tau| <= lambda_i |x_i|},
 * that is while the needed speed is at most 1. Where several coefficients meet their surfaces at
 * once, which of them slide and which cross is the unique root of a monotone piecewise-linear
 * equation in {@code tau} ({@code theory-notes/reduced-dynamics.md}).
 *
 * <p>The integrator does not see {@code (a, b, c)} itself: a free coefficient is integrated as is
 * (it is linear in time) and a sliding one as its square, whose velocity
 * {@code (x_i^2)' = -2 tau / lambda_i} is linear in time because {@code tau} only involves free
 * coefficients. Every segment is then a polynomial of degree at most two in the integrator's
 * variables, which Hipparchus integrates to rounding error with steps as long as the segment; in
 * {@code (a, b, c)} the sliding branch {@code c = sqrt(lt (1 - a^2) / ((d + 1) lp))} has a
 * square-root singularity where it ends, which would force tiny steps.
 */
final class FilippovSpecFlow implements PiecewiseFlow {

    /**
     * Regime of a coefficient. {@code ZERO}: it reached 0 and rests there while the zero surface
     * attracts ({@code h_i > 0}); it leaves on its former side when the bracket turns negative.
     * {@code FIXED}: it started at exactly 0 and stays there ({@code sign 0 = 0}; an invariant
     * subspace of the matrix dynamics, as in the discrete map).
     */
    enum Regime { FREE, SLIDING, ZERO, FIXED }

    /** Relative size of a bracket below which a free coefficient counts as on its surface at a switch. */
    private static final double ON_SURFACE = 1e-10;
    /**
     * Relative margin (of the bracket's scale, {@link #bracketScale}) by which a bracket must pass
     * zero before its sign counts as changed, for a free coefficient reaching its surface and for a
     * resting one whose zero surface turns repelling. Near the minimiser the brackets and the last
     * landing coefficient tend to zero together (T is quadratic in it), and without a margin
     * rounding noise in T would decide the switching there. A real switch is delayed by the time
     * the bracket takes to move by the margin, about 1e-12.
     */
    private static final double SIGN_MARGIN = 1e-12;
    /** Largest relative correction accepted when projecting sliding coefficients back onto their surfaces. */
    private static final double MAX_PROJECTION = 1e-6;

    private final ReducedModel model;
    private final double[] lambda;
    private final double[] mu;
    private final double zeroTolerance;

    /**
     * @param timeResolution accuracy to which switching times are located; a free coefficient
     *                       (speed 1) that is this close to 0 and heading there has reached it
     */
    FilippovSpecFlow(ReducedModel model, double timeResolution) {
        this.model = model;
        this.zeroTolerance = 4 * timeResolution;
        this.lambda = new double[] {model.spectrum().lt(), model.spectrum().lu(), model.spectrum().lp()};
        this.mu = new double[] {model.multiplicity(0), model.multiplicity(1), model.multiplicity(2)};
    }

    /**
     * Regime of each coefficient, the direction ({@code +1} or {@code -1}) of the free ones and the
     * side (sign) of each coefficient, remembered while it rests at zero.
     */
    record Mode(Regime[] regime, double[] sigma, double[] side) {
        Mode {
            regime = regime.clone();
            sigma = sigma.clone();
            side = side.clone();
        }

        Mode(Regime[] regime, double[] sigma) {
            this(regime, sigma, new double[] {1, 1, 1});
        }

        Regime regime(int i) {
            return regime[i];
        }

        boolean stationary() {
            for (Regime r : regime) {
                if (r == Regime.FREE) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The equations of one mode in the integrator's variables: {@code x_i} for free and resting
     * coefficients, {@code x_i^2} for sliding ones. They carry the mode so that the next
     * transition can read it.
     */
    private final class ModeEquations implements OrdinaryDifferentialEquation {
        final Mode mode;
        final double mS;

        ModeEquations(Mode mode) {
            this.mode = mode;
            double sliding = 0;
            for (int i = 0; i < 3; i++) {
                if (mode.regime[i] == Regime.SLIDING) {
                    sliding += mu[i];
                }
            }
            this.mS = sliding;
        }

        @Override
        public int getDimension() {
            return 3;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            double pf = 0;
            for (int i = 0; i < 3; i++) {
                if (mode.regime[i] == Regime.FREE) {
                    pf += mu[i] * lambda[i] * y[i] * mode.sigma[i];
                }
            }
            double tau = pf / (2 + mS);
            double[] dy = new double[3];
            for (int i = 0; i < 3; i++) {
                dy[i] = switch (mode.regime[i]) {
                    case FREE -> mode.sigma[i];
                    case SLIDING -> -2 * tau / lambda[i];
                    case ZERO, FIXED -> 0.0;
                };
            }
            return dy;
        }
    }

    /**
     * Free and resting coefficients as they are, sliding ones squared; signs are those at the
     * segment's start. Back from a square {@code q}, the coefficient is {@code side sqrt(q)},
     * continued as {@code -side sqrt(-q)} for {@code q < 0}, which keeps every switching function
     * continuous where a step overshoots the segment.
     */
    private static PiecewiseFlow.Chart chart(Mode mode, double[] x0) {
        double[] side = {Math.signum(x0[0]), Math.signum(x0[1]), Math.signum(x0[2])};
        return new PiecewiseFlow.Chart() {
            @Override
            public double[] toIntegrator(double[] x) {
                double[] y = x.clone();
                for (int i = 0; i < 3; i++) {
                    if (mode.regime[i] == Regime.SLIDING) {
                        y[i] = x[i] * x[i];
                    }
                }
                return y;
            }

            @Override
            public double[] toCoefficients(double[] y) {
                double[] x = y.clone();
                for (int i = 0; i < 3; i++) {
                    if (mode.regime[i] == Regime.SLIDING) {
                        x[i] = side[i] * Math.signum(y[i]) * Math.sqrt(Math.abs(y[i]));
                    }
                }
                return x;
            }

            @Override
            public double magnitudeRate(int i, double[] y, double[] yDot) {
                return mode.regime[i] == Regime.SLIDING ? yDot[i] : Math.signum(y[i]) * yDot[i];
            }
        };
    }

    /** {@code tau = T'/4 = P_F / (2 + M_S)} in the given mode. */
    double tau(Mode mode, double[] x) {
        double pf = 0;
        double ms = 0;
        for (int i = 0; i < 3; i++) {
            if (mode.regime[i] == Regime.FREE) {
                pf += mu[i] * lambda[i] * x[i] * mode.sigma[i];
            } else if (mode.regime[i] == Regime.SLIDING) {
                ms += mu[i];
            }
        }
        return pf / (2 + ms);
    }

    /** Velocity of every coefficient in the given mode. */
    double[] velocity(Mode mode, double[] x) {
        double tau = tau(mode, x);
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            v[i] = switch (mode.regime[i]) {
                case FREE -> mode.sigma[i];
                case SLIDING -> -tau / (lambda[i] * x[i]);
                case ZERO, FIXED -> 0.0;
            };
        }
        return v;
    }

    @Override
    public Transition begin(double[] x0) {
        double[] x = x0.clone();
        Regime[] regime = new Regime[3];
        double[] sigma = new double[3];
        double[] side = new double[3];
        boolean[] onSurface = new boolean[3];
        for (int i = 0; i < 3; i++) {
            double h = model.bracket(i, x);
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
        Mode old = ((ModeEquations) current.equations()).mode;
        double[] x = x0.clone();
        Regime[] regime = old.regime.clone();
        double[] sigma = old.sigma.clone();
        double[] side = old.side.clone();
        for (int j = 0; j < 3; j++) {
            if (x[j] != 0) {
                side[j] = Math.signum(x[j]);
            }
        }
        boolean[] onSurface = new boolean[3];
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
                // decided below, from the state once the sliding coefficients are projected
            }
        }
        for (int j = 0; j < 3; j++) {
            if (regime[j] == Regime.FREE && sigma[j] * Math.signum(x[j]) < 0 && Math.abs(x[j]) <= zeroTolerance) {
                toZero(j, x, regime, sigma);
            }
        }
        for (int j = 0; j < 3; j++) {
            if (regime[j] == Regime.SLIDING) {
                onSurface[j] = true;
            } else if (regime[j] == Regime.FREE && x[j] != 0
                    && consistentBracket(j, sigma[j], side[j], x) <= ON_SURFACE * bracketScale(j, x)) {
                onSurface[j] = true;
            }
        }
        Mode resolved = resolve(x, new Mode(regime, sigma, side), onSurface, preferFree);
        project(resolved, x);
        Regime[] leaving = resolved.regime.clone();
        double[] leavingSigma = resolved.sigma.clone();
        for (int j = 0; j < 3; j++) {
            if (leaving[j] == Regime.ZERO && model.bracket(j, x) < 0) {
                leaving[j] = Regime.FREE;
                leavingSigma[j] = side[j];
            }
        }
        return transition(old, new Mode(leaving, leavingSigma, side), x);
    }

    /** Coefficient {@code i} has reached 0: it rests there, remembering its side. */
    private static void toZero(int i, double[] x, Regime[] regime, double[] sigma) {
        x[i] = 0.0;
        regime[i] = Regime.ZERO;
        sigma[i] = 0.0;
    }

    /**
     * Decides the regime of every coefficient on its switching surface ({@code onSurface}) at
     * state {@code x}; the others keep {@code regime} and {@code sigma}. Each such coefficient
     * either slides ({@code |tau| <= r_i}, {@code r_i = lambda_i |x_i|}) or leaves at speed 1 on
     * the side that the sign of {@code tau} dictates; exactly one assignment is consistent, up to
     * ties at {@code |tau| = r_i}, which are broken toward sliding except for {@code preferFree}.
     */
    Mode resolve(double[] x, Mode current, boolean[] onSurface, int preferFree) {
        Regime[] regime = current.regime;
        double[] sigma = current.sigma;
        int[] z = new int[3];
        int m = 0;
        double pf = 0;
        double scale = 0;
        for (int i = 0; i < 3; i++) {
            if (onSurface[i] && x[i] != 0) {
                z[m++] = i;
                scale += mu[i] * lambda[i] * Math.abs(x[i]);
            } else if (regime[i] == Regime.FREE) {
                pf += mu[i] * lambda[i] * x[i] * sigma[i];
                scale += mu[i] * lambda[i] * Math.abs(x[i]);
            }
        }
        double tol = 1e-12 * scale;
        int combos = (int) Math.pow(3, m);
        int best = -1;
        int bestScore = -1;
        for (int combo = 0; combo < combos; combo++) {
            double num = pf;
            double den = 2;
            int code = combo;
            for (int k = 0; k < m; k++) {
                int i = z[k];
                double r = lambda[i] * Math.abs(x[i]);
                switch (code % 3) {
                    case 0 -> den += mu[i];
                    case 1 -> num += mu[i] * r;
                    default -> num -= mu[i] * r;
                }
                code /= 3;
            }
            double tau = num / den;
            boolean consistent = true;
            int score = 0;
            code = combo;
            for (int k = 0; k < m; k++) {
                int i = z[k];
                double r = lambda[i] * Math.abs(x[i]);
                int s = code % 3;
                code /= 3;
                consistent &= switch (s) {
                    case 0 -> Math.abs(tau) <= r + tol;
                    case 1 -> -tau >= r - tol;
                    default -> tau >= r - tol;
                };
                boolean slides = s == 0;
                if (slides == (i != preferFree)) {
                    score++;
                }
            }
            if (consistent && score > bestScore) {
                best = combo;
                bestScore = score;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no consistent Filippov mode at " + java.util.Arrays.toString(x));
        }
        Regime[] newRegime = regime.clone();
        double[] newSigma = sigma.clone();
        int code = best;
        for (int k = 0; k < m; k++) {
            int i = z[k];
            int s = code % 3;
            code /= 3;
            if (s == 0) {
                newRegime[i] = Regime.SLIDING;
                newSigma[i] = 0.0;
            } else {
                newRegime[i] = Regime.FREE;
                newSigma[i] = (s == 1 ? 1.0 : -1.0) * Math.signum(x[i]);
            }
        }
        return new Mode(newRegime, newSigma, current.side);
    }

    /**
     * The bracket of coefficient {@code j} signed so that it is positive while free motion
     * {@code sigma} is consistent, for a coefficient of sign {@code side}. Within a segment
     * {@code side} is the sign at the segment's start (a zero crossing ends the segment), which keeps
     * this function continuous where the coefficient passes through 0.
     */
    private double consistentBracket(int j, double sigma, double side, double[] x) {
        return -sigma * side * model.bracket(j, x);
    }

    /** Sum of the magnitudes of the terms of bracket {@code j}: the scale against which it is small. */
    private double bracketScale(int j, double[] x) {
        double lt = lambda[0];
        double termsOfT = lt * (x[0] * x[0] + 1) + lambda[1] * x[1] * x[1] + model.bulkWeight() * x[2] * x[2];
        double own = x[j] * x[j] + (j == 0 ? 1 : 0);
        return lambda[j] * termsOfT + 2 * lambda[j] * lambda[j] * own;
    }

    /** The segment of {@code mode} from {@code x}, already projected, with the events of the change from {@code old}. */
    private Transition transition(Mode old, Mode mode, double[] x) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Regime was = old.regime[i];
            Regime now = mode.regime[i];
            if (was == Regime.FREE && now != Regime.FREE) {
                events.add(Stages.slideStart(i));
            } else if ((was == Regime.SLIDING || was == Regime.ZERO) && now == Regime.FREE) {
                events.add(Stages.slideEnd(i));
            } else if (was == Regime.FREE && old.sigma[i] != mode.sigma[i]) {
                events.add(Stages.cross(i));
            }
        }
        Segment segment = new Segment(new ModeEquations(mode), chart(mode, x), y -> velocity(mode, y),
                switches(mode, x), mode.stationary());
        return new Transition(segment, x, events);
    }

    /**
     * Moves the sliding coefficients back onto their surfaces (Newton on the sliding brackets,
     * the others held fixed), removing the integration drift of a sliding segment. Corrections
     * larger than {@link #MAX_PROJECTION} relative are not a drift and are refused.
     */
    private void project(Mode mode, double[] x) {
        int[] s = new int[3];
        int m = 0;
        for (int i = 0; i < 3; i++) {
            if (mode.regime[i] == Regime.SLIDING) {
                s[m++] = i;
            }
        }
        if (m == 0) {
            return;
        }
        double[] start = x.clone();
        for (int iteration = 0; iteration < 8; iteration++) {
            RealMatrix jacobian = MatrixUtils.createRealMatrix(m, m);
            RealVector residual = MatrixUtils.createRealVector(new double[m]);
            for (int p = 0; p < m; p++) {
                residual.setEntry(p, -model.bracket(s[p], x));
                for (int q = 0; q < m; q++) {
                    jacobian.setEntry(p, q, model.bracketDerivative(s[p], s[q], x));
                }
            }
            if (residual.getLInfNorm() == 0) {
                break;
            }
            DecompositionSolver solver = new LUDecomposition(jacobian).getSolver();
            if (!solver.isNonSingular()) {
                break;
            }
            RealVector delta = solver.solve(residual);
            boolean moved = false;
            for (int p = 0; p < m; p++) {
                double updated = x[s[p]] + delta.getEntry(p);
                moved |= updated != x[s[p]];
                x[s[p]] = updated;
            }
            if (!moved) {
                break;
            }
        }
        for (int p = 0; p < m; p++) {
            int i = s[p];
            if (!(Math.abs(x[i] - start[i]) <= MAX_PROJECTION * Math.abs(start[i]))) {
                System.arraycopy(start, 0, x, 0, 3);
                return;
            }
        }
    }

    private List<Switch> switches(Mode mode, double[] x) {
        List<Switch> list = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final int j = i;
            double side = x[i] != 0 ? Math.signum(x[i]) : mode.side[i];
            switch (mode.regime[i]) {
                case FREE -> {
                    double sigma = mode.sigma[i];
                    double margin = SIGN_MARGIN * bracketScale(j, x);
                    list.add(new Switch(Switch.Kind.SURFACE_HIT, j, y -> consistentBracket(j, sigma, side, y) + margin));
                    if (sigma * side < 0) {
                        list.add(new Switch(Switch.Kind.ZERO_HIT, j, y -> side * y[j]));
                    }
                }
                case SLIDING -> {
                    list.add(new Switch(Switch.Kind.SLIDE_EXIT, j,
                            y -> lambda[j] * Math.abs(y[j]) - Math.abs(tau(mode, y))));
                    list.add(new Switch(Switch.Kind.ZERO_HIT, j, y -> side * y[j]));
                }
                case ZERO -> {
                    double margin = SIGN_MARGIN * bracketScale(j, x);
                    list.add(new Switch(Switch.Kind.ZERO_REPELS, j, y -> model.bracket(j, y) + margin));
                }
                case FIXED -> {
                }
            }
        }
        return list;
    }
}
