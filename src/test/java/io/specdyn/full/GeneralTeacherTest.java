package io.specdyn.full;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.Kernels;
import io.specdyn.linalg.LinearAlgebra;
import io.specdyn.model.Algorithm;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Trajectory;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The full engine with a teacher off the eigenvectors, and its {@code m x m} side: the gradient
 * against finite differences of the loss, the loss against a Monte-Carlo estimate, the {@code m x m}
 * side against explicit {@code d x d} computations, and an eigenvector teacher against today's path.
 */
class GeneralTeacherTest {
    private static final Kernels K = LinearAlgebra.kernels();

    /** A teacher spread over every eigen-direction, of length about 1. */
    private static double[] teacher(int d, long seed) {
        Random rnd = new Random(seed);
        double[] t = new double[d];
        for (int j = 0; j < d; j++) {
            t[j] = rnd.nextGaussian() / Math.sqrt(d);
        }
        return t;
    }

    private static DenseMatrix gramD(DenseMatrix v) {
        DenseMatrix mt = DenseMatrix.zeros(v.cols(), v.cols());
        K.gram(v, true, mt);
        return mt;
    }

    private static Measurement oldMeasure(DenseMatrix v, CovarianceSpectrum s, double[] theta) {
        return Measurement.of(gramD(v), s.eigenvalues(), s.signal(), s.spike(), null, 0, theta);
    }

    private static GramSide side(int m, CovarianceSpectrum s, double[] theta) {
        return new GramSide(K, m, s.eigenvalues(), s.signal(), s.spike(), null, 0, theta);
    }

    /** The engine's gradient of the side {@code m} selects ({@code m < d}: the m x m side). */
    private static DenseMatrix gradient(DenseMatrix v, CovarianceSpectrum s, double[] theta) {
        int m = v.rows();
        int d = v.cols();
        DenseMatrix g = DenseMatrix.zeros(m, d);
        if (m < d) {
            GramSide side = side(m, s, theta);
            side.prepare(v);
            side.gradient(g);
        } else {
            Gradients.population(K, v, gramD(v), s.eigenvalues(), s.signal(), theta, DenseMatrix.zeros(d, d), g);
        }
        return g;
    }

    /**
     * Central differences of the engine's loss (the measurement's), step {@code h = 1e-5}: truncation
     * {@code h^2 L''' / 6 ~ 1e-11} and round-off {@code eps L / h ~ 1e-11} for losses and entries of
     * order one, so 1e-7 of the largest entry leaves a wide margin and still catches any wrong term.
     */
    @ParameterizedTest(name = "m {0}, d {1}")
    @CsvSource({"1, 7", "3, 7", "7, 7", "9, 7"})
    void gradientIsTheDerivativeOfTheLossForANonEigenvectorTeacher(int m, int d) {
        CovarianceSpectrum s = CovarianceSpectrum.powerLaw(d, 1.0, 3);
        double[] theta = teacher(d, 11);
        DenseMatrix v = RandomMatrices.random(m, d, new Random(3 + m));
        DenseMatrix g = gradient(v, s, theta);
        double h = 1e-5;
        double scale = g.maxAbs();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                double x = v.get(i, j);
                v.set(i, j, x + h);
                double up = oldMeasure(v, s, theta).loss();
                v.set(i, j, x - h);
                double down = oldMeasure(v, s, theta).loss();
                v.set(i, j, x);
                assertEquals((up - down) / (2 * h), g.get(i, j), 1e-7 * scale, "entry " + i + ", " + j);
            }
        }
    }

    /**
     * The closed-form loss against {@code E[(|V x|^2 - (theta . x)^2)^2] / 4} over {@code x = Lambda^(1/2) z}:
     * 2e5 seeded samples, within 4 standard errors of the mean (the estimate's own, from its samples).
     */
    @Test
    void lossEqualsAMonteCarloEstimate() {
        int d = 5;
        int m = 2;
        CovarianceSpectrum s = CovarianceSpectrum.spiked(d, 4);
        double[] lambda = s.eigenvalues();
        double[] theta = teacher(d, 5);
        DenseMatrix v = RandomMatrices.random(m, d, new Random(8));
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 200_000;
        double sum = 0;
        double sum2 = 0;
        double[] x = new double[d];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < d; j++) {
                x[j] = Math.sqrt(lambda[j]) * gaussian(rnd);
            }
            double f = 0;
            for (int i = 0; i < m; i++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += v.get(i, j) * x[j];
                }
                f += z * z;
            }
            double y = 0;
            for (int j = 0; j < d; j++) {
                y += theta[j] * x[j];
            }
            double e = (f - y * y) * (f - y * y) / 4;
            sum += e;
            sum2 += e * e;
        }
        double mean = sum / n;
        double se = Math.sqrt((sum2 / n - mean * mean) / n);
        double loss = side(m, s, theta).measureOf(v).loss();
        assertEquals(mean, loss, 4 * se, "Monte-Carlo " + mean + " +- " + se);
        assertEquals(loss, oldMeasure(v, s, theta).loss(), 1e-13 * loss);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * {@code m = 1} through the {@code m x m} side against the gradient written out on the
     * {@code d x d} side here: {@code G = v [T Lambda + 2 Lambda D Lambda]}, {@code D = v^T v - theta theta^T}.
     * Both sum the same products in other orders: round-off of a few ulps of the largest term.
     */
    @Test
    void oneRowEqualsTheExplicitDByDGradient() {
        int d = 40;
        CovarianceSpectrum s = CovarianceSpectrum.powerLaw(d, 1.2, 10);
        double[] lambda = s.eigenvalues();
        double[] theta = teacher(d, 2);
        DenseMatrix v = RandomMatrices.random(1, d, new Random(6));
        double[][] dd = new double[d][d];
        double t = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                dd[i][j] = v.get(0, i) * v.get(0, j) - theta[i] * theta[j];
            }
            t += lambda[i] * dd[i][i];
        }
        DenseMatrix g = gradient(v, s, theta);
        double scale = 0;
        double[] expected = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int i = 0; i < d; i++) {
                double kij = 2 * lambda[i] * dd[i][j] * lambda[j] + (i == j ? t * lambda[i] : 0);
                sum += v.get(0, i) * kij;
                scale = Math.max(scale, Math.abs(v.get(0, i) * kij));
            }
            expected[j] = sum;
        }
        for (int j = 0; j < d; j++) {
            assertEquals(expected[j], g.get(0, j), 1e-13 * d * scale, "entry " + j);
        }
    }

    /**
     * The measurement from the {@code m x m} side against the one from {@code M = V^T V} ({@code d x d}),
     * for {@code m < d} and {@code m > d}, an eigen teacher (null) and a spread one: the same
     * quantities summed in other orders, to 1e-13 relative (b, c, loss, T); {@code a^2} and the
     * alignment, sums that may cancel, to 1e-13 of their scales {@code |M|_F} and 1; the residual, of
     * order one for a random {@code V}, to 1e-13.
     */
    @ParameterizedTest(name = "m {0}, d {1}, spread teacher {2}")
    @CsvSource({"1, 30, false", "1, 30, true", "4, 30, false", "4, 30, true", "40, 30, false", "40, 30, true"})
    void measurementsFromTheGramSideEqualThoseFromTheDByDSide(int m, int d, boolean spread) {
        CovarianceSpectrum s = CovarianceSpectrum.spiked(d, 5);
        double[] theta = spread ? teacher(d, 9) : null;
        DenseMatrix v = RandomMatrices.random(m, d, new Random(m * 31L + d));
        Measurement x = side(m, s, theta).measureOf(v);
        Measurement y = oldMeasure(v, s, theta);
        assertEquals(y.alignment(), x.alignment(), 1e-13);
        if (y.alignment() > 0) {
            assertEquals(y.a() * y.a(), x.a() * x.a(), 1e-13 * y.a() * y.a() / y.alignment());
        }
        assertClose(y.b(), x.b());
        assertClose(y.c(), x.c());
        assertClose(y.meanError(), x.meanError());
        assertClose(y.loss(), x.loss());
        assertEquals(y.offManifold(), x.offManifold(), 1e-13);
        if (theta == null) {
            // and the d x d side of a null teacher is today's measurement, the same code
            Measurement today = Measurement.of(gramD(v), s.eigenvalues(), s.signal(), s.spike());
            assertEquals(today, y);
        }
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-13 * Math.abs(expected));
    }

    /**
     * An eigenvector teacher given as the vector {@code e_s} runs as the default teacher (null), on
     * both sides: the same sums in other orders, 1e-13 relative over 30 steps of a contracting flow
     * (the residual, round-off on the manifold, 1e-13 absolute).
     */
    @ParameterizedTest(name = "m {0}, {1}")
    @CsvSource({"12, GD", "12, SPECGD", "3, GD", "3, SPECGD", "1, GD"})
    void eigenTeacherAsAVectorRunsAsTheDefault(int m, Algorithm algorithm) {
        int d = 12;
        CovarianceSpectrum s = CovarianceSpectrum.spiked(d, 3);
        double[] es = new double[d];
        es[s.signal()] = 1.0;
        FullProblem problem = new FullProblem(m, s, FullProblem.Basis.RANDOM, 4);
        FullRunSpec spec = new FullRunSpec(problem, FullInit.OnManifold.isotropic(0.05), new LossSpec.Population(),
                algorithm, 0.01, 30, 1, 0.01);
        Trajectory a = FullEngine.run(spec);
        Trajectory b = FullEngine.run(spec.withProblem(problem.withTeacher(es)));
        for (Column c : FullEngine.COLUMNS) {
            double[] x = a.column(c);
            double[] y = b.column(c);
            assertEquals(x.length, y.length);
            for (int k = 0; k < x.length; k++) {
                // the residual is round-off itself here (1e-16): absolute, on its scale 1
                double tolerance = c == Column.OFF_MANIFOLD ? 1e-13 : 1e-13 * Math.abs(x[k]);
                assertEquals(x[k], y[k], tolerance, c + " at row " + k);
            }
        }
    }

    /**
     * A run with a spread teacher learns it: the loss falls, the alignment with the teacher rises, and
     * the aligned event fires.
     */
    @Test
    void aSpreadTeacherIsLearned() {
        int d = 8;
        CovarianceSpectrum s = CovarianceSpectrum.spiked(d, 2);
        FullProblem problem = new FullProblem(d, s, FullProblem.Basis.CANONICAL, 1, teacher(d, 13));
        FullRunSpec spec = new FullRunSpec(problem, FullInit.OnManifold.isotropic(0.1), new LossSpec.Population(),
                Algorithm.GD, 0.05, 3000, 3000, 0.01);
        Trajectory run = FullEngine.run(spec);
        int last = run.column(Column.LOSS).length - 1;
        assertTrue(run.get(Column.LOSS, last) < 1e-3 * run.get(Column.LOSS, 0), "loss " + run.get(Column.LOSS, last));
        assertTrue(run.get(Column.ALIGNMENT, last) > 0.99, "alignment " + run.get(Column.ALIGNMENT, last));
        // the stage tracker sees it too: its alignment is the teacher's
        assertTrue(run.events().stream().anyMatch(e -> e.name().equals(io.specdyn.trajectory.Stages.ALIGNED)),
                "events " + run.events());
    }

    /** The basis's first m rows from Cholesky QR equal those of the whole Haar basis (round-off). */
    @Test
    void leadingRowsOfTheBasisEqualTheWholeBasis() {
        int d = 20;
        int m = 5;
        FullProblem problem = new FullProblem(m, CovarianceSpectrum.spiked(d, 2), FullProblem.Basis.RANDOM, 17);
        DenseMatrix whole = FullSimulation.eigenbasis(problem, K);
        DenseMatrix rows = FullSimulation.leadingBasisRows(problem, K);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(whole.get(i, j), rows.get(i, j), 1e-13, "entry " + i + ", " + j);
            }
        }
    }

    /** Below m = d the plan holds no d x d matrix, unless a basis-dependent rule needs the basis. */
    @Test
    void aWideRunPlansNoDByDMatrix() {
        int d = 4096;
        FullProblem problem = new FullProblem(1, CovarianceSpectrum.spiked(d, 5), FullProblem.Basis.RANDOM, 0);
        FullRunSpec spec = new FullRunSpec(problem, FullInit.OnManifold.isotropic(1e-3), new LossSpec.Population(),
                Algorithm.SPECGD, 0.01, 10, 1, 0.01);
        FullPlan plan = FullPlan.of(spec);
        assertTrue(plan.largestMatrix() < (long) d * d / 100, "largest " + plan.largestRows() + " x " + plan.largestCols());
        assertTrue(plan.nativeBytes() < 100L * 8 * d, "native " + plan.nativeBytes());
        FullPlan adam = FullPlan.of(spec.withAlgorithm(Algorithm.ADAM));
        assertEquals((long) d * d, adam.largestMatrix());
    }

    /**
     * On samples, the teacher's outputs are {@code (theta . x_i)^2}: the engine's empirical loss equals
     * the one written out here, and its gradient the central differences of it (step 1e-5, tolerance as
     * for the population gradient).
     */
    @Test
    void sampleLossAndGradientUseTheTeachersOutputs() {
        int d = 6;
        int m = 2;
        int n = 50;
        double[] theta = teacher(d, 21);
        Random rnd = new Random(4);
        DenseMatrix x = RandomMatrices.random(n, d, rnd);
        DenseMatrix v = RandomMatrices.random(m, d, rnd);
        double[] y = Gradients.targets(x, 0, theta);
        DenseMatrix projected = DenseMatrix.zeros(n, m);
        Gradients.project(K, v, x, projected);
        double loss = Gradients.empiricalLoss(y, projected);
        assertEquals(explicitLoss(v, x, theta), loss, 1e-13 * loss);
        DenseMatrix g = DenseMatrix.zeros(m, d);
        Gradients.samples(K, x, y, projected, g);
        double h = 1e-5;
        double scale = g.maxAbs();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                double value = v.get(i, j);
                v.set(i, j, value + h);
                double up = explicitLoss(v, x, theta);
                v.set(i, j, value - h);
                double down = explicitLoss(v, x, theta);
                v.set(i, j, value);
                assertEquals((up - down) / (2 * h), g.get(i, j), 1e-7 * scale, "entry " + i + ", " + j);
            }
        }
    }

    /** {@code (1/(4n)) sum_i (|V x_i|^2 - (theta . x_i)^2)^2}, written out. */
    private static double explicitLoss(DenseMatrix v, DenseMatrix x, double[] theta) {
        int n = x.rows();
        int d = x.cols();
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double f = 0;
            for (int i = 0; i < v.rows(); i++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += v.get(i, j) * x.get(k, j);
                }
                f += z * z;
            }
            double t = 0;
            for (int j = 0; j < d; j++) {
                t += theta[j] * x.get(k, j);
            }
            sum += (f - t * t) * (f - t * t);
        }
        return sum / (4.0 * n);
    }

    /**
     * Below {@code m = d} a rotation-equivariant rule draws a Gaussian start as {@code V0} directly (it has
     * the law of {@code W0 Q}), so the random basis changes nothing: the run equals the canonical one bit
     * for bit. Forming {@code W0 Q} would change every entry.
     */
    @Test
    void aWideGaussianStartNeedsNoBasis() {
        int d = 16;
        FullProblem random = new FullProblem(3, CovarianceSpectrum.spiked(d, 2), FullProblem.Basis.RANDOM, 7,
                teacher(d, 3));
        FullRunSpec spec = new FullRunSpec(random, new FullInit.Gaussian(0.5), new LossSpec.Population(), Algorithm.GD,
                0.01, 20, 1, 0.01);
        Trajectory a = FullEngine.run(spec);
        Trajectory b = FullEngine.run(spec.withProblem(random.withBasis(FullProblem.Basis.CANONICAL)));
        for (Column c : FullEngine.COLUMNS) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.column(c), b.column(c), c.toString());
        }
    }
}
