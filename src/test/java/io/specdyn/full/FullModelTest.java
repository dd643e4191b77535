package io.specdyn.full;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.Kernels;
import io.specdyn.linalg.LinearAlgebra;
import java.util.Random;
import java.util.SplittableRandom;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full simulator's loss and gradients, computed in the covariance eigenbasis, against the
 * definitions in the original coordinates: a Monte-Carlo mean, finite differences, and the dense
 * formula grad L(W) = W [tr(D Sigma) Sigma + 2 Sigma D Sigma].
 */
class FullModelTest {
    private static final Kernels K = LinearAlgebra.kernels();

    /** A random problem in original coordinates: basis Q, spectrum, and a random (off-manifold) W. */
    private record Setup(CovarianceSpectrum spectrum, RealMatrix q, RealMatrix w) {
        int d() {
            return spectrum.dimension();
        }

        RealMatrix sigma() {
            RealMatrix lambda = MatrixUtils.createRealDiagonalMatrix(spectrum.eigenvalues());
            return q.multiply(lambda).multiply(q.transpose());
        }

        RealVector theta() {
            return q.getColumnVector(spectrum.signal());
        }

        DenseMatrix v() {
            RealMatrix v = w.multiply(q);
            DenseMatrix out = DenseMatrix.zeros(v.getRowDimension(), v.getColumnDimension());
            for (int i = 0; i < v.getRowDimension(); i++) {
                for (int j = 0; j < v.getColumnDimension(); j++) {
                    out.set(i, j, v.getEntry(i, j));
                }
            }
            return out;
        }
    }

    private static Setup setup(boolean powerLaw, int m, long seed) {
        int d = 8;
        CovarianceSpectrum spectrum = powerLaw ? CovarianceSpectrum.powerLaw(d, 1.0, 4) : CovarianceSpectrum.spiked(d, 5);
        Random rnd = new Random(seed);
        DenseMatrix g = DenseMatrix.zeros(d, d);
        for (int k = 0; k < g.size(); k++) {
            g.setAt(k, rnd.nextGaussian());
        }
        K.orthogonalFactor(g);
        RealMatrix q = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                q.setEntry(i, j, g.get(i, j));
            }
        }
        RealMatrix w = MatrixUtils.createRealMatrix(m, d);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                w.setEntry(i, j, rnd.nextGaussian() * 0.6 / Math.sqrt(d));
            }
        }
        return new Setup(spectrum, q, w);
    }

    private static Measurement measure(DenseMatrix v, CovarianceSpectrum s) {
        DenseMatrix mt = DenseMatrix.zeros(v.cols(), v.cols());
        K.gram(v, true, mt);
        return Measurement.of(mt, s.eigenvalues(), s.signal(), s.spike());
    }

    /**
     * The closed-form population loss equals the Monte-Carlo mean of (f - y)^2 / 4 over 10^6
     * Gaussian inputs x = Q Lambda^(1/2) z, within three standard errors.
     */
    @ParameterizedTest(name = "power-law {0}")
    @ValueSource(booleans = {false, true})
    void populationLossEqualsAMonteCarloMean(boolean powerLaw) {
        Setup s = setup(powerLaw, 6, 11);
        int d = s.d();
        double closedForm = measure(s.v(), s.spectrum()).loss();
        double[] sqrtLambda = s.spectrum().eigenvalues();
        for (int i = 0; i < d; i++) {
            sqrtLambda[i] = Math.sqrt(sqrtLambda[i]);
        }
        double[][] q = s.q().getData();
        double[][] w = s.w().getData();
        double[] theta = s.theta().toArray();
        SplittableRandom rnd = new SplittableRandom(12);
        int n = 1_000_000;
        double[] z = new double[d];
        double[] x = new double[d];
        double sum = 0;
        double sum2 = 0;
        for (int k = 0; k < n; k++) {
            Seeds.normals(rnd, z);
            for (int i = 0; i < d; i++) {
                double xi = 0;
                for (int j = 0; j < d; j++) {
                    xi += q[i][j] * sqrtLambda[j] * z[j];
                }
                x[i] = xi;
            }
            double f = 0;
            for (double[] row : w) {
                double wx = 0;
                for (int j = 0; j < d; j++) {
                    wx += row[j] * x[j];
                }
                f += wx * wx;
            }
            double tx = 0;
            for (int j = 0; j < d; j++) {
                tx += theta[j] * x[j];
            }
            double e = f - tx * tx;
            double l = 0.25 * e * e;
            sum += l;
            sum2 += l * l;
        }
        double mean = sum / n;
        double se = Math.sqrt((sum2 / n - mean * mean) / n);
        assertTrue(Math.abs(mean - closedForm) <= 3 * se,
                "closed form " + closedForm + ", Monte Carlo " + mean + " +- " + se);
    }

    /**
     * The eigenbasis gradient G = V K equals (i) the dense formula of theory-notes/model.md mapped to the
     * eigenbasis, grad_W Q, to 1e-13, and (ii) central differences of the loss in V (step 1e-6,
     * error ~1e-10 relative).
     */
    @ParameterizedTest(name = "power-law {0}")
    @ValueSource(booleans = {false, true})
    void populationGradientIsTheDerivativeOfTheLoss(boolean powerLaw) {
        Setup s = setup(powerLaw, 5, 13);
        int d = s.d();
        int m = 5;
        DenseMatrix v = s.v();
        DenseMatrix mt = DenseMatrix.zeros(d, d);
        K.gram(v, true, mt);
        DenseMatrix g = DenseMatrix.zeros(m, d);
        Gradients.population(K, v, mt, s.spectrum().eigenvalues(), s.spectrum().signal(), DenseMatrix.zeros(d, d), g);

        RealMatrix sigma = s.sigma();
        RealVector theta = s.theta();
        RealMatrix dmat = s.w().transpose().multiply(s.w()).subtract(theta.outerProduct(theta));
        double trace = dmat.multiply(sigma).getTrace();
        RealMatrix gradW = s.w().multiply(sigma.scalarMultiply(trace)
                .add(sigma.multiply(dmat).multiply(sigma).scalarMultiply(2)));
        RealMatrix expected = gradW.multiply(s.q());
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(expected.getEntry(i, j), g.get(i, j), 1e-13 * Math.max(1, expected.getFrobeniusNorm()));
                double h = 1e-6;
                double x0 = v.get(i, j);
                v.set(i, j, x0 + h);
                double up = measure(v, s.spectrum()).loss();
                v.set(i, j, x0 - h);
                double down = measure(v, s.spectrum()).loss();
                v.set(i, j, x0);
                assertEquals((up - down) / (2 * h), g.get(i, j), 1e-8);
            }
        }
    }

    /** The empirical gradient equals (1/n) sum_i r_i (V x_i) x_i^T written out sample by sample. */
    @ParameterizedTest(name = "m {0}")
    @ValueSource(ints = {3, 7})
    void sampleGradientIsTheEmpiricalAverage(int m) {
        int d = 6;
        int n = 40;
        int signal = 2;
        Random rnd = new Random(14);
        DenseMatrix v = RandomMatrices.random(m, d, rnd);
        DenseMatrix x = RandomMatrices.random(n, d, rnd);
        DenseMatrix g = DenseMatrix.zeros(m, d);
        DenseMatrix projected = DenseMatrix.zeros(n, m);
        Gradients.project(K, v, x, projected);
        Gradients.samples(K, x, signal, projected, g);
        double[][] expected = new double[m][d];
        for (int i = 0; i < n; i++) {
            double[] term = sampleTerm(v, x, i, signal);
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < d; j++) {
                    expected[r][j] += term[r * d + j] / n;
                }
            }
        }
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < d; j++) {
                assertEquals(expected[r][j], g.get(r, j), 1e-12);
            }
        }
    }

    /** Measurement on the manifold: a, b, c, the reduced alignment and loss, and zero residual. */
    @ParameterizedTest(name = "d {0}")
    @ValueSource(ints = {3, 10, 40})
    void measurementOnTheManifoldMatchesTheReducedFormulas(int d) {
        CovarianceSpectrum spectrum = CovarianceSpectrum.spiked(d, 3);
        FullProblem problem = new FullProblem(d, spectrum, FullProblem.Basis.RANDOM, 5);
        DenseMatrix v = FullSimulation.initialWeights(problem,
                new FullInit.OnManifold(new io.specdyn.model.Coefficients(0.7, 0.2, 0.05)), K);
        Measurement x = measure(v, spectrum);
        io.specdyn.model.ReducedModel reduced = io.specdyn.model.ReducedModel.spiked(d, 3);
        assertEquals(0.7, x.a(), 1e-14);
        assertEquals(0.2, x.b(), 1e-14);
        assertEquals(0.05, x.c(), 1e-14);
        assertEquals(reduced.loss(0.7, 0.2, 0.05), x.loss(), 1e-14);
        assertEquals(reduced.alignment(0.7, 0.2, 0.05), x.alignment(), 1e-14);
        assertEquals(reduced.meanError(0.7, 0.2, 0.05), x.meanError(), 1e-14);
        assertTrue(x.offManifold() < 1e-14);
    }

    /**
     * train_loss is the empirical loss (1/(4n)) sum_i (|W x_i|^2 - (theta . x_i)^2)^2 on the fixed
     * sample, recomputed here in the original coordinates: the samples redrawn from their stream and
     * rotated back, x = Q x~, the weights W = V Q^T, each |W x_i|^2 written out as sums. The two
     * computations differ only in rounding order (1e-12 relative is ample for sums of 500 terms).
     */
    @Test
    void trainLossIsTheEmpiricalLossOnTheFixedSample() {
        int d = 8;
        int n = 500;
        CovarianceSpectrum spectrum = CovarianceSpectrum.spiked(d, 4);
        FullProblem problem = new FullProblem(d, spectrum, FullProblem.Basis.RANDOM, 11);
        FullRunSpec spec = new FullRunSpec(problem, new FullInit.Gaussian(0.3), new LossSpec.Samples(n, false),
                io.specdyn.model.Algorithm.GD, 0.01, 40, 20, 0.01);
        io.specdyn.trajectory.Trajectory run = FullEngine.run(spec, K);
        FullSimulation sim = new FullSimulation(spec, K);
        double[] z = new double[n * d];
        Seeds.normals(Seeds.stream(problem.seed(), Seeds.DATA, 0), z);
        double[] basis = new double[d * d];
        Seeds.normals(Seeds.stream(problem.seed(), Seeds.BASIS), basis);
        DenseMatrix q = DenseMatrix.of(d, d, basis);
        K.orthogonalFactor(q);
        for (int row = 0; row < run.size(); row++) {
            long step = (long) run.get(io.specdyn.trajectory.Column.STEP, row);
            while (sim.step() < step) {
                sim.advance();
            }
            DenseMatrix v = sim.weights();
            double[][] w = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < d; k++) {
                        w[i][j] += v.get(i, k) * q.get(j, k);
                    }
                }
            }
            double sum = 0;
            for (int s = 0; s < n; s++) {
                double[] x = new double[d];
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < d; k++) {
                        x[j] += q.get(j, k) * Math.sqrt(spectrum.eigenvalue(k)) * z[s * d + k];
                    }
                }
                double f = 0;
                for (int i = 0; i < d; i++) {
                    double wx = 0;
                    for (int j = 0; j < d; j++) {
                        wx += w[i][j] * x[j];
                    }
                    f += wx * wx;
                }
                double tx = 0;
                for (int j = 0; j < d; j++) {
                    tx += q.get(j, spectrum.signal()) * x[j];
                }
                double r = f - tx * tx;
                sum += r * r;
            }
            double expected = sum / (4.0 * n);
            double got = run.get(io.specdyn.trajectory.Column.TRAIN_LOSS, row);
            assertEquals(expected, got, 1e-12 * expected, "step " + step);
        }
        assertEquals(3, run.size());
        assertTrue(run.get(io.specdyn.trajectory.Column.TRAIN_LOSS, 2) < run.get(io.specdyn.trajectory.Column.TRAIN_LOSS, 0));
    }

    /**
     * Finite samples approach the population: the empirical gradient G_n of n samples, drawn as a
     * fixed run draws them, differs from the population gradient G by the sampling error of a mean
     * of n independent terms g_i = r_i (V x_i) x_i^T. Its expected squared norm is
     * S = sum over entries of Var(g_i) / n (the squared standard error, estimated from the same
     * samples). The ratio |G_n - G|_F^2 / S has mean 1 and, as a weighted sum of squared
     * near-Gaussian errors with weights summing to 1, variance at most 2; so it lies within
     * [1e-2, 9] but with probability below 3% (Chebyshev beyond 9, and the lower end would need
     * every entry within a tenth of its standard error). Checked for 4 seeds at n = 1000 and
     * 16000, which also shows |G_n - G| shrinking like n^(-1/2). A biased G_n (a wrong sign, a
     * missing factor, samples of the wrong variance) fails by many standard errors.
     */
    @Test
    void theSampleGradientIsThePopulationGradientWithinItsStandardError() {
        int d = 10;
        int m = 10;
        CovarianceSpectrum spectrum = CovarianceSpectrum.spiked(d, 5);
        double[] lambda = spectrum.eigenvalues();
        int signal = spectrum.signal();
        FullProblem problem = new FullProblem(m, spectrum, FullProblem.Basis.RANDOM, 2);
        DenseMatrix v = FullSimulation.initialWeights(problem, new FullInit.Gaussian(0.8), K);
        DenseMatrix mt = DenseMatrix.zeros(d, d);
        K.gram(v, true, mt);
        DenseMatrix population = DenseMatrix.zeros(m, d);
        Gradients.population(K, v, mt, lambda, signal, DenseMatrix.zeros(d, d), population);
        for (int n : new int[] {1000, 16000}) {
            for (long seed = 1; seed <= 4; seed++) {
                double[] z = new double[n * d];
                Seeds.normals(Seeds.stream(seed, Seeds.DATA, 0), z);
                for (int k = 0; k < z.length; k++) {
                    z[k] *= Math.sqrt(lambda[k % d]);
                }
                DenseMatrix x = DenseMatrix.of(n, d, z);
                DenseMatrix projected = DenseMatrix.zeros(n, m);
                DenseMatrix g = DenseMatrix.zeros(m, d);
                Gradients.project(K, v, x, projected);
                Gradients.samples(K, x, signal, projected, g);
                // per-entry variance of the terms g_i, in one pass
                double[] sum = new double[m * d];
                double[] sum2 = new double[m * d];
                for (int i = 0; i < n; i++) {
                    double[] term = sampleTerm(v, x, i, signal);
                    for (int e = 0; e < m * d; e++) {
                        sum[e] += term[e];
                        sum2[e] += term[e] * term[e];
                    }
                }
                double se2 = 0;
                double dev2 = 0;
                for (int e = 0; e < m * d; e++) {
                    double mean = sum[e] / n;
                    se2 += (sum2[e] / n - mean * mean) / n;
                    double diff = g.at(e) - population.at(e);
                    dev2 += diff * diff;
                }
                double ratio = dev2 / se2;
                assertTrue(ratio > 1e-2 && ratio < 9, "n = " + n + ", seed " + seed + ": |G_n - G|^2 = " + dev2
                        + " is " + ratio + " squared standard errors");
            }
        }
    }

    /**
     * The gradient term of sample {@code i}, {@code (|V x_i|^2 - x_{i,s}^2) (V x_i) x_i^T}, row-major
     * {@code m x d}, computed entry by entry, independently of the engine's products.
     */
    private static double[] sampleTerm(DenseMatrix v, DenseMatrix x, int i, int signal) {
        int m = v.rows();
        int d = v.cols();
        double[] vx = new double[m];
        double f = 0;
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < d; j++) {
                vx[r] += v.get(r, j) * x.get(i, j);
            }
            f += vx[r] * vx[r];
        }
        double res = f - x.get(i, signal) * x.get(i, signal);
        double[] term = new double[m * d];
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < d; j++) {
                term[r * d + j] = res * vx[r] * x.get(i, j);
            }
        }
        return term;
    }
}
