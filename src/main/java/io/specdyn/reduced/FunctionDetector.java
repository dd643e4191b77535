package io.specdyn.reduced;

import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.AbstractODEDetector;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventHandler;

/**
 * A Hipparchus event detector for a switching function given as a lambda.
 *
 * <p>An exact zero of the function is reported as {@link #ZERO}, a tiny positive normal number. A
 * function can be identically zero once the state has converged (T at a = 1 exactly under GF, or
 * b' once b has underflowed), and Hipparchus walks through such a plateau one convergence
 * threshold at a time, which does not end in practice. With the mapping a plateau has a sign;
 * reaching zero from below counts as crossing it, and an isolated zero is still the sign change it
 * is. The value is normal, not subnormal, so that the root finder's interpolation keeps its
 * precision.
 */
final class FunctionDetector extends AbstractODEDetector<FunctionDetector> {
    /** The value an exact zero is reported as. */
    static final double ZERO = 1e-300;

    private final ToDoubleFunction<ODEStateAndDerivative> function;

    FunctionDetector(ToDoubleFunction<ODEStateAndDerivative> function, double maxCheck, double threshold,
                     ODEEventHandler handler) {
        this(function, AdaptableInterval.of(maxCheck), DEFAULT_MAX_ITER,
                new BracketingNthOrderBrentSolver(0, threshold, 0, 5), handler);
    }

    private FunctionDetector(ToDoubleFunction<ODEStateAndDerivative> function, AdaptableInterval maxCheck,
                             int maxIter, BracketedUnivariateSolver<UnivariateFunction> solver,
                             ODEEventHandler handler) {
        super(maxCheck, maxIter, solver, handler);
        this.function = function;
    }

    @Override
    protected FunctionDetector create(AdaptableInterval newMaxCheck, int newMaxIter,
                                      BracketedUnivariateSolver<UnivariateFunction> newSolver,
                                      ODEEventHandler newHandler) {
        return new FunctionDetector(function, newMaxCheck, newMaxIter, newSolver, newHandler);
    }

    @Override
    public double g(ODEStateAndDerivative state) {
        double value = function.applyAsDouble(state);
        return value == 0 ? ZERO : value;
    }
}
