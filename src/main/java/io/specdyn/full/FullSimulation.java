package io.specdyn.full;

import io.specdyn.linalg.DenseMatrix;
import io.specdyn.linalg.Kernels;
import io.specdyn.model.Coefficients;
import io.specdyn.model.LearningRate;
import io.specdyn.rules.MatrixSpace;
import io.specdyn.rules.UpdateRule;
import java.util.SplittableRandom;

/**
 * The state of a full run and one step of its optimiser, in the covariance eigenbasis.
 *
 * <p>With {@code Sigma = Q Lambda Q^T}, the simulator holds {@code V = W Q}. Then
 * {@code W^T W = Q (V^T V) Q^T}, the signal and the spike are coordinate vectors, and the population
 * gradient is {@code grad_V = V [T Lambda + 2 Lambda D Lambda]} with {@code D = V^T V - theta theta^T}
 * ({@code theta} the teacher in the eigenbasis, {@code e_s} by default):
 * one Gram product and one matrix product, {@code O(m d^2)}, never a dense covariance. A
 * rotation-equivariant rule (GD, SpecGD, Muon in double, momentum, normalised GD) commutes with the rotation
 * ({@code polar(G Q^T) = polar(G) Q^T}, Newton-Schulz is a polynomial in {@code G G^T} times {@code G},
 * and the rest are linear or use the Frobenius norm), so it steps {@code V} as it would step {@code W}.
 * A basis-dependent rule (Adam, signGD, Muon in bfloat16) sees the gradient of {@code W},
 * {@code G_V Q^T}, and its direction {@code D} moves {@code V} by {@code D Q}: two more products. The basis also enters through
 * the start, {@code V0 = W0 Q}: from {@code W0 = s I} and a random basis, {@code V0} is dense, and
 * round-off spreads as it does for {@code W}.
 *
 * <p>For {@code m < d} the run works on the {@code m x m} side instead ({@link GramSide}): the population
 * gradient and the measurement by associativity, {@code O(m^2 d)} a step, {@code O(d)} at {@code m = 1},
 * and no {@code d x d} matrix, except the random basis for a basis-dependent rule
 * ({@link #fullBasis}). For {@code m >= d} the {@code d x d} side is the cheaper one, and is kept.
 *
 * <p>The finite-sample gradient {@code (1/n) sum_i r_i W x_i x_i^T} is
 * {@code (1/n) Z^T diag(r) X} with {@code X} the samples in the eigenbasis ({@code x = Lambda^(1/2) z})
 * and {@code Z = X V^T}: two products, {@code O(n m d)}.
 *
 * <p>Owns every workspace; nothing is allocated per step.
 */
final class FullSimulation implements FullEngine.Stepper {
    private final FullRunSpec spec;
    private final Kernels kernels;
    private final int m;
    private final int d;
    private final double[] lambda;
    private final int signal;
    private final int spike;
    /** The teacher's components in the eigenbasis; null for {@code e_s}. */
    private final double[] teacher;
    /** The group of each direction, for the off-manifold residual; null for the three-group model. */
    private final int[] group;
    private final int groups;

    private final DenseMatrix v;
    private final DenseMatrix g;
    private final DenseMatrix direction;
    /** {@code W^T W} and the population gradient's bracket ({@code d x d}), on the {@code d x d} side only. */
    private final DenseMatrix mt;
    private final DenseMatrix k;
    /** The {@code m x m} side, for {@code m < d}; null otherwise. */
    private final GramSide side;
    private long preparedStep = -1;
    private final UpdateRule.Optimizer<DenseMatrix> optimizer;
    /** The eigenbasis {@code Q} where a basis-dependent rule needs it, else null. */
    private final DenseMatrix basis;
    /** The gradient of {@code W} and the rule's direction for {@code W}, where a basis-dependent rule needs them. */
    private final DenseMatrix gradientW;
    private final DenseMatrix directionW;
    private final DenseMatrix samples;
    private final DenseMatrix projected;
    private final double[] normals;
    /** The teacher's outputs {@code y_i = (theta . x_i)^2} of the current samples. */
    private final double[] targets;

    private final LearningRate.Clock clock;
    private long step;
    private long mtStep = -1;
    /** The step whose batch {@code samples} holds (online sampling), and whose projection {@code projected} holds. */
    private long batchStep = -1;
    private long projectedStep = -1;

    FullSimulation(FullRunSpec spec, Kernels kernels) {
        this.spec = spec;
        this.kernels = kernels;
        this.clock = spec.clock();
        FullProblem problem = spec.problem();
        CovarianceSpectrum spectrum = problem.spectrum();
        this.m = problem.m();
        this.d = problem.d();
        this.lambda = spectrum.eigenvalues();
        this.signal = spectrum.signal();
        this.spike = spectrum.spike();
        this.teacher = problem.teacher();
        // the residual of a three-group spectrum keeps its (a, b, c) form, bit for bit
        this.group = spectrum.groups().isThreeGroup() ? null : spectrum.groups().groupOfDirections();
        this.groups = spectrum.groups().groups();
        boolean gramSide = gramSide(problem);
        boolean fullBasis = fullBasis(problem, spec.rule());
        DenseMatrix q = fullBasis ? eigenbasis(problem, kernels)
                : problem.basis() == FullProblem.Basis.RANDOM ? leadingBasisRows(problem, kernels) : null;
        this.v = initialWeights(problem, spec.init(), kernels, q);
        this.g = DenseMatrix.zeros(m, d);
        this.direction = DenseMatrix.zeros(m, d);
        boolean population = spec.loss() instanceof LossSpec.Population;
        this.mt = gramSide ? null : DenseMatrix.zeros(d, d);
        this.k = population && !gramSide ? DenseMatrix.zeros(d, d) : null;
        this.side = gramSide ? new GramSide(kernels, m, lambda, signal, spike, group, groups, teacher) : null;
        this.optimizer = spec.rule().start(new MatrixSpace(kernels, m, d));
        boolean rotate = fullBasis && !spec.rule().rotationEquivariant();
        this.basis = rotate ? q : null;
        this.gradientW = rotate ? DenseMatrix.zeros(m, d) : null;
        this.directionW = rotate ? DenseMatrix.zeros(m, d) : null;
        if (spec.loss() instanceof LossSpec.Samples samplesSpec) {
            int n = samplesSpec.n();
            this.samples = DenseMatrix.zeros(n, d);
            this.projected = DenseMatrix.zeros(n, m);
            this.normals = new double[n * d];
            this.targets = new double[n];
            if (!samplesSpec.online()) {
                drawSamples(0);
            }
        } else {
            this.samples = null;
            this.projected = null;
            this.normals = null;
            this.targets = null;
        }
    }

    /** The eigenbasis {@code Q} of a random basis (Haar, from the seed); null for the canonical basis. */
    static DenseMatrix eigenbasis(FullProblem problem, Kernels kernels) {
        if (problem.basis() != FullProblem.Basis.RANDOM) {
            return null;
        }
        int d = problem.d();
        double[] values = new double[d * d];
        Seeds.normals(Seeds.stream(problem.seed(), Seeds.BASIS), values);
        DenseMatrix q = DenseMatrix.of(d, d, values);
        kernels.orthogonalFactor(q);
        return q;
    }

    /**
     * Whether the simulator works on the {@code m x m} side ({@code m < d}): {@code O(m^2 d)} a population
     * step, no {@code d x d} matrix; else on the {@code d x d} side, {@code O(m d^2)}, as for {@code m >= d}
     * always (where it is the cheaper side, and where the figures were made).
     */
    static boolean gramSide(FullProblem problem) {
        return problem.m() < problem.d();
    }

    /**
     * Whether the run forms the whole {@code d x d} random eigenbasis {@code Q}: on the {@code d x d}
     * side, and for a basis-dependent rule (which steps {@code W = V Q^T}). A rotation-equivariant rule
     * on the {@code m x m} side needs only {@code V0 = W0 Q}: the first {@code m} rows of {@code Q} for a
     * start on the manifold ({@link #leadingBasisRows}), nothing for a Gaussian start, since
     * {@code W0 Q} with {@code W0} of independent Gaussian entries has the law of {@code W0} and is drawn
     * as such.
     */
    static boolean fullBasis(FullProblem problem, UpdateRule rule) {
        return problem.basis() == FullProblem.Basis.RANDOM && (!gramSide(problem) || !rule.rotationEquivariant());
    }

    /**
     * The first {@code m} rows of the random eigenbasis {@link #eigenbasis}, without forming it: {@code Q}
     * is the orthogonal factor of the LQ decomposition {@code A = L Q} of a Gaussian {@code A}, and with
     * {@code L} lower triangular its first {@code m} rows are the orthogonal factor of the first {@code m}
     * rows of {@code A}, the first {@code m d} numbers of the same stream. Cholesky QR twice (the Gram
     * {@code A_m A_m^T = L L^T}, then {@code L^(-1) A_m}; the second pass restores orthogonality to
     * round-off): {@code O(m^2 d)}. Equal to the rows of {@link #eigenbasis} to round-off, not bit for bit.
     */
    static DenseMatrix leadingBasisRows(FullProblem problem, Kernels kernels) {
        int m = problem.m();
        int d = problem.d();
        double[] values = new double[m * d];
        Seeds.normals(Seeds.stream(problem.seed(), Seeds.BASIS), values);
        DenseMatrix a = DenseMatrix.of(m, d, values);
        DenseMatrix gram = DenseMatrix.zeros(m, m);
        double[] l = new double[m * m];
        for (int pass = 0; pass < 2; pass++) {
            kernels.gram(a, false, gram);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = gram.get(i, j);
                    for (int k = 0; k < j; k++) {
                        sum -= l[i * m + k] * l[j * m + k];
                    }
                    if (i == j) {
                        if (!(sum > 0)) {
                            throw new ArithmeticException("the random basis's rows are not independent");
                        }
                        l[i * m + i] = Math.sqrt(sum);
                    } else {
                        l[i * m + j] = sum / l[j * m + j];
                    }
                }
            }
            // forward substitution on rows: Q_i = (A_i - sum_{k < i} L_ik Q_k) / L_ii
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < i; k++) {
                    double lik = l[i * m + k];
                    for (int j = 0; j < d; j++) {
                        a.setAt(i * d + j, a.at(i * d + j) - lik * a.at(k * d + j));
                    }
                }
                double inv = 1.0 / l[i * m + i];
                for (int j = 0; j < d; j++) {
                    a.setAt(i * d + j, a.at(i * d + j) * inv);
                }
            }
        }
        return a;
    }

    /** {@code V0 = W0 Q}, with {@code Q} the eigenbasis of the problem. */
    static DenseMatrix initialWeights(FullProblem problem, FullInit init, Kernels kernels) {
        return initialWeights(problem, init, kernels, eigenbasis(problem, kernels));
    }

    /**
     * {@code V0 = W0 Q}, with {@code q} the eigenbasis ({@code d x d}), or its first {@code m} rows
     * ({@link #leadingBasisRows}; a Gaussian start is then drawn as {@code V0} directly), or null for the
     * canonical basis.
     */
    private static DenseMatrix initialWeights(FullProblem problem, FullInit init, Kernels kernels, DenseMatrix q) {
        int m = problem.m();
        int d = problem.d();
        CovarianceSpectrum spectrum = problem.spectrum();
        DenseMatrix v = DenseMatrix.zeros(m, d);
        if (init instanceof FullInit.OnManifold on) {
            // W0 = E Q diag(x) Q^T, so V0 = E Q diag(x): the first min(m, d) rows of Q, column j scaled by x_j
            double[] x = on.perDirection(spectrum);
            int rows = Math.min(m, d);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    double scale = x[j];
                    double qij = q == null ? (i == j ? 1.0 : 0.0) : q.get(i, j);
                    v.set(i, j, qij * scale);
                }
            }
        } else if (init instanceof FullInit.Gaussian gaussian) {
            double[] values = new double[m * d];
            Seeds.normals(Seeds.stream(problem.seed(), Seeds.INIT), values);
            double sd = gaussian.scale() / Math.sqrt(d);
            for (int i = 0; i < values.length; i++) {
                values[i] *= sd;
            }
            DenseMatrix w0 = DenseMatrix.of(m, d, values);
            if (q == null || q.rows() != d) {
                v.copyFrom(w0);
            } else {
                kernels.gemm(false, false, 1.0, w0, q, 0.0, v);
            }
        } else if (init instanceof FullInit.Orthogonal orthogonal) {
            // W0 Q has the law of W0 (Haar on either side), so without the whole basis V0 is drawn as W0
            DenseMatrix w0 = orthogonal.weights(m, d, problem.seed(), kernels);
            if (q == null || q.rows() != d) {
                v.copyFrom(w0);
            } else {
                kernels.gemm(false, false, 1.0, w0, q, 0.0, v);
            }
        }
        return v;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public double time() {
        return clock.time();
    }

    /** Measures the current state (one Gram product; reused by the population gradient of this step). */
    @Override
    public Measurement measure() {
        if (side != null) {
            prepareCurrent();
            return side.measure(v);
        }
        gramOfCurrent();
        return Measurement.of(mt, lambda, signal, spike, group, groups, teacher);
    }

    private void prepareCurrent() {
        if (preparedStep != step) {
            side.prepare(v);
            preparedStep = step;
        }
    }

    private void gramOfCurrent() {
        if (mtStep != step) {
            kernels.gram(v, true, mt);
            mtStep = step;
        }
    }

    /**
     * One optimiser step.
     *
     * @throws ArithmeticException if the gradient is not finite, or the SVD does not converge
     */
    @Override
    public void advance() {
        if (samples != null) {
            projectCurrent();
            Gradients.samples(kernels, samples, targets, projected, g);
            projectedStep = -1;
        } else if (side != null) {
            prepareCurrent();
            side.gradient(g);
        } else {
            gramOfCurrent();
            Gradients.population(kernels, v, mt, lambda, signal, teacher, k, g);
        }
        if (!Double.isFinite(g.maxAbs())) {
            throw new NonFiniteGradient();
        }
        if (basis == null) {
            optimizer.direction(g, direction);
        } else {
            // the rule acts on W's entries: G_W = G_V Q^T, and its direction D moves V by D Q
            kernels.gemm(false, true, 1.0, g, basis, 0.0, gradientW);
            optimizer.direction(gradientW, directionW);
            kernels.gemm(false, false, 1.0, directionW, basis, 0.0, direction);
        }
        double lr = clock.rate();
        for (int i = 0, n = v.size(); i < n; i++) {
            v.setAt(i, v.at(i) - lr * direction.at(i));
        }
        clock.advance();
        step++;
    }

    /**
     * The empirical loss on the training samples at the current weights: the fixed dataset, or with
     * online sampling the batch the next step descends (batch {@code k + 1} at step {@code k}).
     *
     * @throws IllegalStateException for a population run
     */
    double trainLoss() {
        if (samples == null) {
            throw new IllegalStateException("a population run has no training samples");
        }
        projectCurrent();
        return Gradients.empiricalLoss(targets, projected);
    }

    /** Makes {@code projected} hold {@code X V^T} for the current step's batch; reused by the step's gradient. */
    private void projectCurrent() {
        if (projectedStep == step) {
            return;
        }
        if (((LossSpec.Samples) spec.loss()).online() && batchStep != step) {
            drawSamples(step + 1);
            batchStep = step;
        }
        Gradients.project(kernels, v, samples, projected);
        projectedStep = step;
    }

    /** Draws the batch of step {@code batch}: {@code x = Lambda^(1/2) z} in the eigenbasis. */
    private void drawSamples(long batch) {
        SplittableRandom random = Seeds.stream(spec.problem().seed(), Seeds.DATA, batch);
        Seeds.normals(random, normals);
        int n = samples.rows();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                samples.setAt(i * d + j, normals[i * d + j] * Math.sqrt(lambda[j]));
            }
        }
        Gradients.targets(samples, signal, teacher, targets);
    }

    /** The current weights in the eigenbasis, {@code V = W Q} (a copy). */
    DenseMatrix weights() {
        DenseMatrix copy = DenseMatrix.zeros(m, d);
        copy.copyFrom(v);
        return copy;
    }

    /** The gradient is not finite: the run has diverged. */
    static final class NonFiniteGradient extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        NonFiniteGradient() {
            super("the gradient is not finite");
        }
    }
}
