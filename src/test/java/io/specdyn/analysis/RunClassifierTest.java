package io.specdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.analysis.RunClassifier.Result;
import io.specdyn.analysis.RunClassifier.Settings;
import io.specdyn.analysis.RunClassifier.Status;
import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.StageTracker;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunClassifierTest {
    private static final double S = 1e-3;

    /**
     * GD well above its stability limit diverges, at the step where an independent iteration of
     * the map written from theory-notes/model.md section 3 (spiked case, lt = lp = 1, lu = 1 + kappa) first has a
     * coefficient above 1e6 or non-finite. Near the minimiser GD's signal error is multiplied by
     * 1 - 6 lr per step, so any lr > 1/3 cannot settle there; lr = 1 and 3 are far above.
     */
    @ParameterizedTest
    @CsvSource({"20, 1", "5, 1", "0, 3", "50, 0.5"})
    void gdAboveItsStabilityLimitDivergesAtTheStepAnIndependentIterationGives(double kappa, double lr) {
        int d = 100;
        Result r = RunClassifier.classify(ReducedModel.spiked(d, kappa), Algorithm.GD, Coefficients.isotropic(S), lr,
                Settings.defaults(100_000));
        assertEquals(Status.DIVERGED, r.status());
        double[] x = {S, S, S};
        long k = 0;
        while (Double.isFinite(x[0] + x[1] + x[2])
                && Math.max(Math.abs(x[0]), Math.max(Math.abs(x[1]), Math.abs(x[2]))) <= 1e6) {
            gdStep(x, d, 1 + kappa, lr);
            k++;
            assertTrue(k < 100_000, "the independent iteration diverges");
        }
        assertEquals(k, r.step());
        assertEquals(k * lr, r.t(), 0.0);
        assertEquals(k, r.stepsRun());
    }

    /** One GD step of the spiked reduced map (lt = lp = 1), written from theory-notes/model.md section 3. */
    private static void gdStep(double[] x, int d, double lu, double lr) {
        double a = x[0];
        double b = x[1];
        double c = x[2];
        double t = (a * a - 1) + lu * b * b + (d - 2) * c * c;
        x[0] = a - lr * a * (t + 2 * (a * a - 1));
        x[1] = b - lr * b * (lu * t + 2 * lu * lu * b * b);
        x[2] = c - lr * c * (t + 2 * c * c);
    }

    /**
     * SpecGD with a small lr aligns, at the time SpecGF takes, to O(lr). On SpecGF's sliding branch
     * (theory-notes/model.md section 3: a = s + t, c^2 = (1 - a^2)/(d + 1), b = c / sqrt(1 + kappa)) the alignment
     * a^2 / sqrt(a^4 + b^4 + (d - 2) c^4) reaches 0.99 at a root found here independently. SpecGD
     * follows the Filippov solution with an error of order lr (theory-notes/reduced-dynamics.md);
     * 10 lr leaves room for the constant, while a map without the sign (GD) or a wrong threshold
     * misses by O(0.1).
     */
    @ParameterizedTest
    @CsvSource({"100, 5, 1e-4", "100, 20, 1e-4", "50, 0, 2e-4", "200, 50, 1e-4"})
    void specgdWithASmallLearningRateAlignsWhenTheSlidingBranchSays(int d, double kappa, double lr) {
        double target = 0.99;
        double a = new BracketingNthOrderBrentSolver(1e-15, 5).solve(200, x -> {
            double c2 = (1 - x * x) / (d + 1);
            double b2 = c2 / (1 + kappa);
            return x * x / Math.sqrt(Math.pow(x, 4) + b2 * b2 + (d - 2) * c2 * c2) - target;
        }, 0.3, Math.sqrt((d + 1.0) / (d + 2.0)));
        double expected = a - S;
        Result r = RunClassifier.classify(ReducedModel.spiked(d, kappa), Algorithm.SPECGD, Coefficients.isotropic(S),
                lr, Settings.defaults(1_000_000));
        assertEquals(Status.ALIGNED, r.status());
        assertEquals(expected, r.t(), 10 * lr);
        assertTrue(r.finalAlignment() >= target, "the alignment holds to the end of the confirmation");
        assertEquals(r.step() + 100, r.stepsRun(), "confirmation runs exactly hold = 100 more steps");
    }

    /** A run still misaligned at its budget stalls: GD at lr 1e-4 is still in its escape after 100 steps. */
    @Test
    void aRunThatCannotAlignWithinItsBudgetStalls() {
        Result r = RunClassifier.classify(ReducedModel.spiked(100, 5), Algorithm.GD, Coefficients.isotropic(S), 1e-4,
                Settings.defaults(100));
        assertEquals(Status.STALLED, r.status());
        assertEquals(-1, r.step());
        assertTrue(Double.isNaN(r.t()));
        assertEquals(100, r.stepsRun());
        // early escape (theory-notes/model.md section 5): a, b, c grow by 1 + 3 lr, 1 + (1 + kappa) lr, 1 + lr per step, up to
        // a relative error O(d s^2) = 1e-4 in the rates; over 100 steps that moves the alignment by far less than 1e-4
        double a = S * Math.pow(1 + 3e-4, 100);
        double b = S * Math.pow(1 + 6e-4, 100);
        double c = S * Math.pow(1 + 1e-4, 100);
        assertEquals(a * a / Math.sqrt(Math.pow(a, 4) + Math.pow(b, 4) + 98 * Math.pow(c, 4)), r.finalAlignment(), 1e-4);
    }

    /**
     * With a loss tolerance, a run that reaches it before its alignment is confirmed is converged,
     * at the first step an independent iteration (map and loss of theory-notes/model.md) puts the loss at or
     * below the tolerance. A hold longer than the budget makes confirmation impossible.
     */
    @Test
    void aRunReachingTheLossToleranceFirstConverges() {
        int d = 100;
        double kappa = 5;
        double lr = 0.01;
        double tol = 1e-3;
        Result r = RunClassifier.classify(ReducedModel.spiked(d, kappa), Algorithm.GD, Coefficients.isotropic(S), lr,
                new Settings(100_000, 1_000_000, 0.01, tol));
        assertEquals(Status.CONVERGED, r.status());
        double lu = 1 + kappa;
        double[] x = {S, S, S};
        long k = 0;
        while (true) {
            double a = x[0];
            double b = x[1];
            double c = x[2];
            double t = (a * a - 1) + lu * b * b + (d - 2) * c * c;
            double loss = 0.25 * (t * t + 2 * (Math.pow(a * a - 1, 2) + lu * lu * Math.pow(b, 4) + (d - 2) * Math.pow(c, 4)));
            if (loss <= tol) {
                break;
            }
            gdStep(x, d, lu, lr);
            k++;
        }
        assertEquals(k, r.step());
    }

    /**
     * "Aligned at step k" means aligned from k on: a crossing followed by a dip during the
     * confirmation does not count, and the search restarts at the next crossing.
     */
    @Test
    void aTransientCrossingIsNotAlignment() {
        RunClassifier.Tracker tracker = new RunClassifier.Tracker(new StageTracker.Weights(1, 1, 1), new Settings(1000, 5, 0.01, 0));
        double[] alignment = {0.1, 0.5, 0.995, 0.991, 0.98, 0.7, 0.992, 0.99, 0.999, 0.999, 0.995, 0.991, 0.5};
        int k = 0;
        while (tracker.observe(k, 1, 0, 0, -1, alignment[k], Double.NaN)) {
            k++;
        }
        Result r = tracker.result(0.5, 0);
        assertEquals(Status.ALIGNED, r.status());
        assertEquals(6, r.step());
        assertEquals(3.0, r.t(), 0.0);
        assertEquals(11, r.stepsRun(), "stops once step 6 + hold 5 is confirmed");
    }

    /** A crossing that is not yet confirmed when the run diverges gives a divergence, not an alignment. */
    @Test
    void aCrossingOnTheWayToDivergenceIsNotAlignment() {
        RunClassifier.Tracker tracker = new RunClassifier.Tracker(new StageTracker.Weights(1, 1, 1), new Settings(1000, 100, 0.01, 0));
        assertTrue(tracker.observe(0, 0.1, 0.1, 0.1, -1, 0.1, Double.NaN));
        assertTrue(tracker.observe(1, 1, 0, 0, 0, 0.999, Double.NaN));
        assertTrue(!tracker.observe(2, 2e6, 0, 0, 4e12, 1, Double.NaN));
        Result r = tracker.result(0.1, Double.POSITIVE_INFINITY);
        assertEquals(Status.DIVERGED, r.status());
        assertEquals(2, r.step());
    }
}
