package io.specdyn.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.LinearAlgebra;
import io.specdyn.linalg.NewtonSchulz;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The update rules on their own: symmetry, closed forms, and the two spaces against each other. */
class RulesTest {

    /** Every rule, several settings of those that take some. */
    static List<UpdateRule> every() {
        return List.of(new Gd(), new SpecGd(), Muon.published(), new Muon(0.9, false, 3, 0.0, false, false),
                new Muon(0.95, true, 5, 1e-7, false, true), new Muon(0.95, true, 5, 1e-7, true, false),
                new MomentumGd(0.9, false), new MomentumGd(0.8, true), new NormalizedGd(),
                Rules.of(Algorithm.ADAM), new Adam(0.5, 0.7, 1e-3), new SignGd());
    }

    // ----- rotation equivariance

    /**
     * D(Q1 G Q2^T) = Q1 D(G) Q2^T for random G (wide 5 x 7 and tall 7 x 5, where Muon scales by sqrt(7/5))
     * and random orthogonal Q1, Q2, over two steps (so that momentum buffers and Adam's moments take part),
     * for every rule that declares itself rotation-equivariant. Tolerance 1e-12 relative to |D|: the products
     * with Q and the SVD or Newton-Schulz are backward stable, about 1e-15 |D| each. The rules that declare
     * themselves basis-dependent differ by more than 1e-3 |D|: Adam and signGD by a fraction of order one,
     * Muon in bfloat16 by 3% (its rounding of single entries; bfloat16 keeps 8 significant bits).
     */
    @Test
    void equivariantRulesCommuteWithRotations() {
        Random rnd = new Random(3);
        for (int[] shape : new int[][] {{5, 7}, {7, 5}}) {
            int m = shape[0];
            int d = shape[1];
            RealMatrix q1 = orthogonal(m, rnd);
            RealMatrix q2 = orthogonal(d, rnd);
            RealMatrix g1 = gaussian(m, d, rnd);
            RealMatrix g2 = gaussian(m, d, rnd);
            for (UpdateRule rule : every()) {
                MatrixSpace space = new MatrixSpace(LinearAlgebra.kernels(), m, d);
                UpdateRule.Optimizer<DenseMatrix> plain = rule.start(space);
                UpdateRule.Optimizer<DenseMatrix> rotated = rule.start(space);
                double worst = 0;
                for (RealMatrix g : List.of(g1, g2)) {
                    DenseMatrix direction = space.zeros();
                    DenseMatrix rotatedDirection = space.zeros();
                    plain.direction(dense(g), direction);
                    rotated.direction(dense(q1.multiply(g).multiplyTransposed(q2)), rotatedDirection);
                    RealMatrix expected = q1.multiply(real(direction)).multiplyTransposed(q2);
                    worst = Math.max(worst, expected.subtract(real(rotatedDirection)).getFrobeniusNorm()
                            / expected.getFrobeniusNorm());
                }
                String name = rule + " " + m + "x" + d;
                if (rule.rotationEquivariant()) {
                    assertTrue(worst < 1e-12, name + ": " + worst);
                } else {
                    assertTrue(worst > 1e-3, name + " should depend on the basis: " + worst);
                }
            }
        }
    }

    /** Which rules are which: Adam, signGD and Muon in bfloat16 round or take signs of single entries. */
    @Test
    void basisDependentRulesAreDeclared() {
        for (UpdateRule rule : every()) {
            boolean entrywise = rule instanceof Adam || rule instanceof SignGd || rule instanceof Muon mu && mu.bf16();
            assertEquals(!entrywise, rule.rotationEquivariant(), rule.toString());
        }
    }

    // ----- closed forms

    /**
     * Under a constant gradient g, PyTorch's buffer B <- beta B + g is g (1 - beta^k) / (1 - beta) after k
     * steps; heavy ball steps along it, Nesterov along g + beta B. Tolerance 1e-14 relative: k roundings of
     * relative size 1e-16 each, k <= 40.
     */
    @Test
    void momentumUnderAConstantGradient() {
        double[] g = {0.7, -1.3, 0.0};
        GroupSpace space = new GroupSpace(new double[] {1, 4, 2});
        for (double beta : new double[] {0.5, 0.9}) {
            UpdateRule.Optimizer<double[]> heavy = new MomentumGd(beta, false).start(space);
            UpdateRule.Optimizer<double[]> nesterov = new MomentumGd(beta, true).start(space);
            double[] h = new double[3];
            double[] n = new double[3];
            for (int k = 1; k <= 40; k++) {
                heavy.direction(g, h);
                nesterov.direction(g, n);
                double buffer = (1 - Math.pow(beta, k)) / (1 - beta);
                for (int i = 0; i < 3; i++) {
                    assertEquals(g[i] * buffer, h[i], 1e-14 * Math.abs(g[i] * buffer), "heavy ball, step " + k);
                    assertEquals(g[i] * (1 + beta * buffer), n[i], 1e-14 * Math.abs(g[i] * (1 + beta * buffer)),
                            "Nesterov, step " + k);
                }
            }
        }
    }

    /**
     * Adam with bias correction: under a constant gradient, M_k = g (1 - beta1^k) and V_k = g^2 (1 - beta2^k),
     * so every step, the first included, is g / (|g| + eps) entry by entry. After one step of g and then zero
     * gradients the moments decay apart: step k's direction is
     * [(1 - beta1) beta1^(k-1) / (1 - beta1^k)] g / (sqrt((1 - beta2) beta2^(k-1) / (1 - beta2^k)) |g| + eps).
     * Tolerance 1e-14 relative: a few roundings a step, and the powers.
     */
    @Test
    void adamClosedForms() {
        double[] g = {2.0, -3e-4, 1e-9, 0.0};
        GroupSpace space = new GroupSpace(new double[] {1, 1, 3, 2});
        for (Adam adam : new Adam[] {(Adam) Rules.of(Algorithm.ADAM), new Adam(0.5, 0.7, 1e-3)}) {
            UpdateRule.Optimizer<double[]> constant = adam.start(space);
            UpdateRule.Optimizer<double[]> impulse = adam.start(space);
            double[] out = new double[4];
            double[] decay = new double[4];
            for (int k = 1; k <= 30; k++) {
                constant.direction(g, out);
                impulse.direction(k == 1 ? g : new double[4], decay);
                double first = (1 - adam.beta1()) * Math.pow(adam.beta1(), k - 1) / (1 - Math.pow(adam.beta1(), k));
                double second = Math.sqrt((1 - adam.beta2()) * Math.pow(adam.beta2(), k - 1)
                        / (1 - Math.pow(adam.beta2(), k)));
                for (int i = 0; i < 4; i++) {
                    double expected = g[i] / (Math.abs(g[i]) + adam.eps());
                    assertEquals(expected, out[i], 1e-14 * Math.abs(expected), adam + " constant, step " + k);
                    double expectedDecay = first * g[i] / (second * Math.abs(g[i]) + adam.eps());
                    assertEquals(expectedDecay, decay[i], 1e-14 * Math.abs(expectedDecay),
                            adam + " impulse, step " + k);
                }
            }
        }
    }

    /** Normalised GD's direction has Frobenius norm 1 (the group space weighting multiplicities), 0 for G = 0. */
    @Test
    void ngdHasNormOne() {
        Random rnd = new Random(8);
        MatrixSpace matrices = new MatrixSpace(LinearAlgebra.kernels(), 4, 6);
        UpdateRule.Optimizer<DenseMatrix> full = new NormalizedGd().start(matrices);
        DenseMatrix out = matrices.zeros();
        for (double scale : new double[] {1e-200, 1e-8, 1.0, 1e8, 1e200}) {
            DenseMatrix g = dense(gaussian(4, 6, rnd).scalarMultiply(scale));
            full.direction(g, out);
            assertEquals(1.0, out.frobeniusNorm(), 1e-15, "scale " + scale);
        }
        full.direction(matrices.zeros(), out);
        assertEquals(0.0, out.frobeniusNorm(), 0.0);
        double[] n = {1, 7, 100};
        GroupSpace groups = new GroupSpace(n);
        double[] d = new double[3];
        new NormalizedGd().start(groups).direction(new double[] {0.3, -2, 1e-3}, d);
        assertEquals(1.0, Math.sqrt(n[0] * d[0] * d[0] + n[1] * d[1] * d[1] + n[2] * d[2] * d[2]), 1e-15);
    }

    // ----- the group space is the diagonal matrix

    /**
     * A group vector x with multiplicities n_k stands for the diagonal d x d matrix repeating x_k n_k times.
     * Norm, polar factor, Newton-Schulz (double and bfloat16) and every rule's direction over four steps of
     * changing gradients agree between the two spaces. Tolerance 1e-15 relative to the direction's largest
     * entry: the matrix side sums d terms (exact zeros off the diagonal, so most are exact), and the SVD's
     * polar factor of a diagonal matrix with repeated entries is exact to its backward error, about 1e-15;
     * the Newton-Schulz iteration in bfloat16 agrees exactly (Bf16Test).
     */
    @Test
    void groupSpaceIsTheDiagonalMatrix() {
        double[] n = {1, 1, 3, 2};
        int d = 7;
        GroupSpace groups = new GroupSpace(n);
        MatrixSpace matrices = new MatrixSpace(LinearAlgebra.kernels(), d, d);
        double[][] gradients = {{0.3, -1.2, 0.05, 0.0}, {-0.2, 0.4, 0.05, 1e-3}, {0.31, 0.0, -0.7, 2.0},
            {1e-6, -3e-6, 2e-6, 5e-7}};
        for (double[] g : gradients) {
            DenseMatrix big = expand(g, n);
            assertEquals(big.frobeniusNorm(), groups.norm(g), 1e-15 * big.frobeniusNorm());
            double[] x = new double[4];
            DenseMatrix y = matrices.zeros();
            groups.polar(g, x);
            matrices.polar(big, y);
            assertSame(x, n, y, 1e-15, "polar");
            double norm = groups.norm(g);
            double[] scaled = new double[4];
            for (int k = 0; k < 4; k++) {
                scaled[k] = g[k] / norm;
            }
            for (boolean bf16 : new boolean[] {false, true}) {
                groups.newtonSchulz(scaled, 5, bf16, x);
                matrices.newtonSchulz(expand(scaled, n), 5, bf16, y);
                assertSame(x, n, y, bf16 ? 0.0 : 1e-15, "Newton-Schulz, bf16 " + bf16);
            }
        }
        for (UpdateRule rule : every()) {
            UpdateRule.Optimizer<double[]> small = rule.start(groups);
            UpdateRule.Optimizer<DenseMatrix> large = rule.start(matrices);
            double[] x = new double[4];
            DenseMatrix y = matrices.zeros();
            for (double[] g : gradients) {
                small.direction(g, x);
                large.direction(expand(g, n), y);
                assertSame(x, n, y, 1e-15, rule.toString());
            }
        }
    }

    // ----- settings

    /** Rules.of refuses every setting that does not apply to the rule, naming the setting and where it applies. */
    @Test
    void inapplicableSettingsAreRefusedByName() {
        Map<String, RuleSettings> one = Map.of(
                "momentum", RuleSettings.DEFAULTS.withMomentum(0.5),
                "nesterov", RuleSettings.DEFAULTS.withNesterov(true),
                "ns-steps", RuleSettings.DEFAULTS.withNsSteps(3),
                "ns-eps", new RuleSettings(null, null, null, 0.0, null, null, null, null, null),
                "ns-precision", RuleSettings.DEFAULTS.withBf16(true),
                "beta1", new RuleSettings(null, null, null, null, null, 0.5, null, null, null),
                "beta2", new RuleSettings(null, null, null, null, null, null, 0.5, null, null),
                "adam-eps", new RuleSettings(null, null, null, null, null, null, null, 1e-3, null),
                "orthogonalizer", RuleSettings.DEFAULTS.withOrthogonalizer("polar"));
        Map<Algorithm, List<String>> accepted = Map.of(
                Algorithm.GD, List.of(), Algorithm.SPECGD, List.of(), Algorithm.NGD, List.of(),
                Algorithm.SIGNGD, List.of(),
                Algorithm.MUON, List.of("momentum", "nesterov", "ns-steps", "ns-eps", "ns-precision", "orthogonalizer"),
                Algorithm.MOMENTUM, List.of("momentum", "nesterov"),
                Algorithm.ADAM, List.of("beta1", "beta2", "adam-eps"));
        assertEquals(accepted.keySet(), new java.util.HashSet<>(Rules.algorithms()));
        for (Algorithm algorithm : Rules.algorithms()) {
            for (Map.Entry<String, RuleSettings> setting : one.entrySet()) {
                String key = setting.getKey();
                if (accepted.get(algorithm).contains(key)) {
                    UpdateRule rule = Rules.of(algorithm, setting.getValue());
                    assertEquals(algorithm, rule.algorithm());
                    assertTrue(rule.settings().containsKey(key), rule + " records " + key);
                } else {
                    InvalidSpecException e = assertThrows(InvalidSpecException.class,
                            () -> Rules.of(algorithm, setting.getValue()), algorithm + " " + key);
                    assertEquals(key, e.parameter());
                    assertTrue(e.detail().startsWith("does not apply to " + algorithm.label()), e.getMessage());
                }
            }
        }
        // the settings given are the settings used
        Muon muon = (Muon) Rules.of(Algorithm.MUON, new RuleSettings(0.8, false, 2, 0.0, true, null, null, null, null));
        assertEquals(new Muon(0.8, false, 2, 0.0, true, false), muon);
        assertEquals(Muon.published(), new Muon(0.95, true, 5, 1e-7, false, false));
        assertEquals(new MomentumGd(0.9, false), Rules.of(Algorithm.MOMENTUM));
        assertEquals(new Adam(0.9, 0.999, 1e-8), Rules.of(Algorithm.ADAM));
        // settings that apply but conflict
        InvalidSpecException steps = assertThrows(InvalidSpecException.class, () -> Rules.of(Algorithm.MUON,
                RuleSettings.DEFAULTS.withOrthogonalizer("polar").withNsSteps(3)));
        assertEquals("ns-steps", steps.parameter());
        InvalidSpecException precision = assertThrows(InvalidSpecException.class, () -> Rules.of(Algorithm.MUON,
                RuleSettings.DEFAULTS.withOrthogonalizer("polar").withBf16(true)));
        assertEquals("ns-precision", precision.parameter());
        assertThrows(IllegalArgumentException.class, () -> Rules.of(Algorithm.GF));
        assertFalse(Rules.algorithms().contains(Algorithm.SPECGF));
    }

    // ----- helpers

    /** The group values x against the diagonal of y, each repeated n_k times, and y's off-diagonal zeros. */
    private static void assertSame(double[] x, double[] n, DenseMatrix y, double relative, String what) {
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        int j = 0;
        for (int k = 0; k < x.length; k++) {
            for (int r = 0; r < n[k]; r++, j++) {
                for (int i = 0; i < y.rows(); i++) {
                    double expected = i == j ? x[k] : 0.0;
                    assertEquals(expected, y.get(i, j), relative * scale, what + " (" + i + ", " + j + ")");
                }
            }
        }
    }

    private static DenseMatrix expand(double[] x, double[] n) {
        List<Double> diagonal = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            for (int r = 0; r < n[k]; r++) {
                diagonal.add(x[k]);
            }
        }
        DenseMatrix m = DenseMatrix.zeros(diagonal.size(), diagonal.size());
        for (int i = 0; i < diagonal.size(); i++) {
            m.set(i, i, diagonal.get(i));
        }
        return m;
    }

    private static RealMatrix gaussian(int rows, int cols, Random rnd) {
        RealMatrix m = new Array2DRowRealMatrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.setEntry(i, j, rnd.nextGaussian());
            }
        }
        return m;
    }

    private static RealMatrix orthogonal(int n, Random rnd) {
        return new QRDecomposition(gaussian(n, n, rnd)).getQ();
    }

    private static DenseMatrix dense(RealMatrix m) {
        DenseMatrix out = DenseMatrix.zeros(m.getRowDimension(), m.getColumnDimension());
        for (int i = 0; i < m.getRowDimension(); i++) {
            for (int j = 0; j < m.getColumnDimension(); j++) {
                out.set(i, j, m.getEntry(i, j));
            }
        }
        return out;
    }

    private static RealMatrix real(DenseMatrix m) {
        RealMatrix out = new Array2DRowRealMatrix(m.rows(), m.cols());
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                out.setEntry(i, j, m.get(i, j));
            }
        }
        return out;
    }
}
