package io.specdyn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.analysis.Linearisation;
import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullEngine;
import io.specdyn.full.FullInit;
import io.specdyn.full.FullProblem;
import io.specdyn.full.FullRunSpec;
import io.specdyn.full.LossSpec;
import io.specdyn.model.Algorithm;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * The full engine with a non-eigenvector teacher against the flows linearised at W = 0
 * ({@link Linearisation}), in F16's problems at a smaller d, and F16's teachers as its caption states them.
 */
class F16RandomTeacherTest {
    private static final int D = 16;

    private static Trajectory run(CovarianceSpectrum spectrum, double[] theta, Algorithm algorithm, double s, double lr,
                                  long steps, FullProblem.Basis basis) {
        FullProblem problem = new FullProblem(D, spectrum, basis, 5).withTeacher(theta);
        return FullEngine.run(new FullRunSpec(problem, FullInit.OnManifold.isotropic(s), new LossSpec.Population(),
                algorithm, lr, steps, 1, Stages.DEFAULT_ALIGN_EPS));
    }

    private static double[] randomUnit(long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[] v = new double[D];
        double n2 = 0;
        for (int i = 0; i < D; i++) {
            v[i] = random.nextGaussian();
            n2 += v[i] * v[i];
        }
        for (int i = 0; i < D; i++) {
            v[i] /= Math.sqrt(n2);
        }
        return v;
    }

    /**
     * GD from W0 = s I: a^2 = theta^T M theta equals the linearised map's s^2 theta^T (I + lr A)^(2k) theta at
     * every step, and its rate over the last steps is log(1 + lr mu) / lr to within the share of the next
     * eigenvalue. The start is small enough that |M|_2 <= s^2 exp(2 mu t) stays below 1e-12 over the run. The
     * tolerance is what the linearisation leaves out: the bracket's tr(Lambda M) Lambda + 2 Lambda M Lambda,
     * at most 3 lambda_max^2 |M|_2 in norm, moves the exponent of a^2 by at most twice its integral over
     * time, 6 t lambda_max^2 max|M|_2 (about 1e-9 here); round-off adds about 1e-13 per step.
     */
    @Test
    void gdsEarlyGrowthIsTheLinearisedMapsInBothSpectraAndBases() {
        double lr = 1e-3;
        long steps = 800;
        for (CovarianceSpectrum spectrum : new CovarianceSpectrum[] {CovarianceSpectrum.powerLaw(D, 1, 10),
                CovarianceSpectrum.spiked(D, 5)}) {
            double[] theta = randomUnit(3);
            double[] lambda = spectrum.eigenvalues();
            Linearisation lin = Linearisation.of(lambda, theta);
            double end = steps * lr;
            double s = 1e-6 * Math.exp(-lin.topRate() * end);
            double top = java.util.Arrays.stream(lambda).max().getAsDouble();
            double tolerance = 6 * end * top * top * 1e-12 + steps * 1e-13;
            for (FullProblem.Basis basis : FullProblem.Basis.values()) {
                Trajectory t = run(spectrum, theta, Algorithm.GD, s, lr, steps, basis);
                for (int k = 0; k < t.size(); k += 50) {
                    double a2 = t.get(Column.A, k) * t.get(Column.A, k);
                    assertEquals(lin.gdSignal(s, k * lr, lr), a2, tolerance * a2, "step " + k + " in " + basis);
                }
                // the measured rate at the end against the top rate: the rest decays as exp(-2 (mu_1 - mu_2) t)
                int last = t.size() - 1;
                double measured = (Math.log(t.get(Column.A, last)) - Math.log(t.get(Column.A, last - 1))) / lr;
                double[] mu = lin.rates();
                double gap = Math.exp(-2 * (mu[0] - mu[1]) * steps * lr);
                assertEquals(lin.gdRate(lr), measured, 2 * (mu[0] - mu[mu.length - 1]) * gap / lin.topOverlap() + 1e-6,
                        "late rate in " + basis);
            }
        }
    }

    /**
     * SpecGD from W0 = s I stays W = (s + k lr) I, to round-off, for every step that starts below r*, and
     * leaves it at the first step from above r*: the polar factor of V K is -Q exactly while -K is positive
     * definite, and turns one direction round once it is not.
     */
    @Test
    void specGdIsIsotropicUpToTheLinearisationsEnd() {
        double s = 1e-4;
        double lr = 1e-3;
        CovarianceSpectrum spectrum = CovarianceSpectrum.powerLaw(D, 1, 10);
        double[] theta = randomUnit(4);
        double end = Linearisation.of(spectrum.eigenvalues(), theta).isotropicEnd();
        long first = (long) Math.ceil((end - s) / lr);
        // r* is not within a hundredth of a step of the grid: the test does not hinge on the last bit
        assertTrue(Math.abs((end - s) / lr - Math.rint((end - s) / lr)) > 0.01);
        Trajectory t = run(spectrum, theta, Algorithm.SPECGD, s, lr, first + 3, FullProblem.Basis.RANDOM);
        for (int k = 0; k <= first; k++) {
            double r = s + k * lr;
            // 1e-12: k SVDs of a scaled orthogonal matrix, each exact to a few ulps
            assertEquals(r, t.get(Column.A, k), 1e-12, "step " + k);
            assertEquals(1 / Math.sqrt(D), t.get(Column.ALIGNMENT, k), 1e-12, "step " + k);
        }
        double r = s + (first + 1) * lr;
        assertTrue(Math.abs(t.get(Column.ALIGNMENT, (int) first + 1) - 1 / Math.sqrt(D)) > 1e-6,
                "isotropy breaks one step after r* (r = " + r + ")");
    }

    /** F16's teachers: unit length; the spiked one has the stated share on the spike, the same direction elsewhere. */
    @Test
    void theTeachersAreAsTheCaptionStates() {
        double[] random = F16RandomTeacher.randomDirection(F16RandomTeacher.D);
        CovarianceSpectrum spiked = F16RandomTeacher.spectra(F16RandomTeacher.D).get(1);
        double[] theta = F16RandomTeacher.teacher(spiked, true);
        int u = spiked.spike();
        assertEquals(F16RandomTeacher.SPIKE_SHARE, theta[u] * theta[u], 1e-15);
        double n2 = 0;
        double rest = 0;
        for (int i = 0; i < theta.length; i++) {
            n2 += theta[i] * theta[i];
            if (i != u) {
                rest += random[i] * random[i];
            }
        }
        assertEquals(1, n2, 1e-14);
        for (int i = 0; i < theta.length; i++) {
            if (i != u) {
                assertEquals(random[i] * Math.sqrt((1 - F16RandomTeacher.SPIKE_SHARE) / rest), theta[i], 1e-15);
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(random,
                F16RandomTeacher.teacher(F16RandomTeacher.spectra(F16RandomTeacher.D).get(0), false));
    }
}
