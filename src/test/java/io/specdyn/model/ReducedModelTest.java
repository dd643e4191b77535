package io.specdyn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

class ReducedModelTest {

    private static ReducedModel randomModel(Random rnd) {
        int d = 3 + rnd.nextInt(200);
        return new ReducedModel(d, new Spectrum(logUniform(rnd), logUniform(rnd), logUniform(rnd)));
    }

    private static double logUniform(Random rnd) {
        return Math.exp((rnd.nextDouble() * 2 - 1) * Math.log(10));
    }

    /**
     * alpha = dL/da, beta = dL/db, gamma = (dL/dc) / (d - 2): c is shared by d - 2 directions, so
     * its partial derivative carries that multiplicity. Central differences with step h = 1e-5 have
     * truncation error h^2 L''' / 6 and rounding error eps L / h, both below 1e-7 of the scale
     * max(1, |L|, |grad|) over these ranges (spectra in [0.1, 10], coefficients in [-1.5, 1.5]).
     */
    @Test
    void gradientIsTheDerivativeOfTheLoss() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            ReducedModel m = randomModel(rnd);
            double[] x = {3 * rnd.nextDouble() - 1.5, 3 * rnd.nextDouble() - 1.5, 3 * rnd.nextDouble() - 1.5};
            Coefficients g = m.gradient(x[0], x[1], x[2]);
            for (int i = 0; i < 3; i++) {
                double h = 1e-5;
                double[] up = x.clone();
                double[] down = x.clone();
                up[i] += h;
                down[i] -= h;
                double fd = (m.loss(up[0], up[1], up[2]) - m.loss(down[0], down[1], down[2])) / (2 * h) / m.multiplicity(i);
                double scale = Math.max(1, Math.max(Math.abs(m.loss(x[0], x[1], x[2])), Math.abs(g.get(i))));
                assertEquals(fd, g.get(i), 1e-7 * scale, "trial " + trial + " coefficient " + i);
            }
        }
    }

    /** dh_i/dx_j against central differences of the brackets (same error budget as above). */
    @Test
    void bracketDerivativesMatchFiniteDifferences() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            ReducedModel m = randomModel(rnd);
            double[] x = {3 * rnd.nextDouble() - 1.5, 3 * rnd.nextDouble() - 1.5, 3 * rnd.nextDouble() - 1.5};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double h = 1e-5;
                    double[] up = x.clone();
                    double[] down = x.clone();
                    up[j] += h;
                    down[j] -= h;
                    double fd = (m.bracket(i, up) - m.bracket(i, down)) / (2 * h);
                    double exact = m.bracketDerivative(i, j, x);
                    assertEquals(fd, exact, 1e-7 * Math.max(1, Math.abs(exact) + Math.abs(m.bracket(i, x))));
                }
            }
        }
    }

    /**
     * The reduced formulas against the matrix ones of theory-notes/model.md, in a random orthonormal basis:
     * W = a theta theta^T + b u u^T + c P, Sigma likewise, D = W^T W - theta theta^T,
     * L = [tr(D Sigma)^2 + 2 tr(D Sigma D Sigma)] / 4, grad = W [tr(D Sigma) Sigma + 2 Sigma D Sigma],
     * alignment = theta^T M theta / |M|_F. Agreement to 1e-12 relative: a handful of d^3 products in
     * double precision.
     */
    @Test
    void reducedFormulasEqualTheMatrixFormulas() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int d = 3 + rnd.nextInt(8);
            Spectrum s = new Spectrum(logUniform(rnd), logUniform(rnd), logUniform(rnd));
            ReducedModel m = new ReducedModel(d, s);
            double a = 2 * rnd.nextDouble() - 1;
            double b = 2 * rnd.nextDouble() - 1;
            double c = 2 * rnd.nextDouble() - 1;
            RealMatrix q = randomOrthogonal(d, rnd);
            RealVector theta = q.getColumnVector(0);
            RealVector u = q.getColumnVector(1);
            RealMatrix tt = theta.outerProduct(theta);
            RealMatrix uu = u.outerProduct(u);
            RealMatrix p = MatrixUtils.createRealIdentityMatrix(d).subtract(tt).subtract(uu);
            RealMatrix w = tt.scalarMultiply(a).add(uu.scalarMultiply(b)).add(p.scalarMultiply(c));
            RealMatrix sigma = tt.scalarMultiply(s.lt()).add(uu.scalarMultiply(s.lu())).add(p.scalarMultiply(s.lp()));
            RealMatrix mm = w.transpose().multiply(w);
            RealMatrix dd = mm.subtract(tt);
            double trDs = dd.multiply(sigma).getTrace();
            RealMatrix sds = sigma.multiply(dd).multiply(sigma);
            double loss = 0.25 * (trDs * trDs + 2 * dd.multiply(sigma).multiply(dd).multiply(sigma).getTrace());
            RealMatrix grad = w.multiply(sigma.scalarMultiply(trDs).add(sds.scalarMultiply(2)));
            Coefficients g = m.gradient(a, b, c);
            RealMatrix reducedGrad = tt.scalarMultiply(g.a()).add(uu.scalarMultiply(g.b())).add(p.scalarMultiply(g.c()));
            double alignment = theta.dotProduct(mm.operate(theta)) / mm.getFrobeniusNorm();

            assertEquals(trDs, m.meanError(a, b, c), 1e-12 * Math.max(1, Math.abs(trDs)));
            assertEquals(loss, m.loss(a, b, c), 1e-12 * Math.max(1, loss));
            assertTrue(grad.subtract(reducedGrad).getFrobeniusNorm() <= 1e-12 * Math.max(1, grad.getFrobeniusNorm()));
            assertEquals(alignment, m.alignment(a, b, c), 1e-12);
        }
    }

    static RealMatrix randomOrthogonal(int d, Random rnd) {
        RealMatrix g = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g.setEntry(i, j, rnd.nextGaussian());
            }
        }
        return new QRDecomposition(g).getQ();
    }

    /**
     * Early escape (theory-notes/model.md section 5): with every coefficient small, T = -lt + O(s^2), so one GD
     * step multiplies the signal by 1 + 3 lt^2 lr, the spike by 1 + lt lu lr and the bulk by
     * 1 + lt lp lr. With s = 1e-8 the O(s^2) correction is 1e-16 relative.
     */
    @Test
    void earlyEscapeRates() {
        Spectrum s = new Spectrum(1.3, 7.0, 0.4);
        ReducedModel m = new ReducedModel(50, s);
        double x0 = 1e-8;
        Coefficients g = m.gradient(x0, x0, x0);
        assertEquals(3 * s.lt() * s.lt(), -g.a() / x0, 1e-12);
        assertEquals(s.lt() * s.lu(), -g.b() / x0, 1e-12);
        assertEquals(s.lt() * s.lp(), -g.c() / x0, 1e-12);
    }

    @Test
    void spikedSpectrum() {
        Spectrum s = Spectrum.spiked(5);
        assertEquals(new Spectrum(1, 6, 1), s);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Spectrum.spiked(-1));
        assertEquals("kappa must be a finite number > -1 (got -1.0)", e.getMessage());
        assertEquals("kappa", e.parameter());
        assertEquals("must be a finite number > -1 (got -1.0)", e.detail());
        InvalidSpecException lu = assertThrows(InvalidSpecException.class, () -> new Spectrum(1, 0, 1));
        assertEquals("lu must be a finite number > 0 (got 0.0)", lu.getMessage(), "plain words, no option spelling");
        assertThrows(InvalidSpecException.class, () -> new ReducedModel(2, s));
    }

    /** On the manifold with a = b = c, alignment = 1 / sqrt(d) exactly (the isotropic start). */
    @Test
    void alignmentOfIsotropicStart() {
        for (int d : new int[] {3, 10, 100}) {
            assertEquals(1 / Math.sqrt(d), ReducedModel.spiked(d, 5).alignment(0.3, 0.3, 0.3), 1e-15);
        }
        assertEquals(0.0, ReducedModel.spiked(10, 5).alignment(0, 0, 0));
    }
}
