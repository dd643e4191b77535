package io.specdyn.full;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.specdyn.linalg.Kernels;
import io.specdyn.linalg.LinearAlgebra;
import io.specdyn.model.Algorithm;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The thread budget and the bits. Below the size from which a call runs on several threads
 * (products of about 512^3 and up), every call runs on one thread, so a run gives the same bits
 * whatever the budget: the budget cannot change a small run's output. (Above it, products split
 * over threads round differently in the last bit: measured at d = 520, from step 1; so a large
 * run is bit-identical for a given thread count only, as theory-notes/full-simulator.md says.)
 */
class FullThreadsTest {

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"GD", "SPECGD", "MUON"})
    void aSmallRunGivesTheSameBitsWhateverTheBudget(Algorithm algo) {
        int d = 48;
        FullProblem problem = new FullProblem(d, CovarianceSpectrum.spiked(d, 5), FullProblem.Basis.RANDOM, 3);
        FullRunSpec spec = new FullRunSpec(problem, new FullInit.Gaussian(0.5), new LossSpec.Population(), algo, 0.01,
                20, 1, Stages.DEFAULT_ALIGN_EPS);
        Kernels one = LinearAlgebra.kernels().withThreads(1);
        Kernels eight = LinearAlgebra.kernels().withThreads(8);
        Trajectory a = FullEngine.run(spec, one);
        Trajectory b = FullEngine.run(spec, eight);
        assertEquals(8, eight.threads());
        for (Column c : FullEngine.COLUMNS) {
            assertArrayEquals(a.column(c), b.column(c), 0.0, c.header());
        }
    }
}
