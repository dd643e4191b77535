package io.specdyn.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Stages;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The map's step and measurements against the {@link ReducedModel} formulas and a straightforward loop
 * over the groups written here: {@code w_k <- w_k - lr w_k h_k} (GD) or {@code w_k - lr sign(w_k)
 * sign(h_k)} (SpecGD) with the model's bracket at the model's {@code T}. The map sums in the same order
 * and multiplies in the same order, so every value must agree to the last bit: state, {@code T}, loss,
 * alignment, bulk root mean square, change of {@code T} and divergence, at every step. The spectra
 * cover the map's paths: a few groups (one fused loop), many groups of multiplicity 1 and of mixed
 * multiplicities (blocks, more than one), and the three-group spiked model.
 */
class GroupMapTest {

    static Stream<Arguments> spectra() {
        Random random = new Random(9);
        int runs = 2500;
        double[] values = new double[runs];
        long[] counts = new long[runs];
        for (int r = 0; r < runs; r++) {
            values[r] = 0.2 + 3 * random.nextDouble();
            counts[r] = 1 + random.nextInt(40);
        }
        double[] few = {4, 1, 2, 0.5, 1.5, 3, 0.25};
        long[] fewCounts = {1, 3, 1, 20, 2, 1, 7};
        return Stream.of(
                Arguments.of("power law, 2500 groups", GroupSpectrum.powerLaw(2500, 1, 10)),
                Arguments.of("mixed multiplicities, 2500 groups", GroupSpectrum.of(values, counts, 300, "test")),
                Arguments.of("mixed multiplicities, 7 groups", GroupSpectrum.of(few, fewCounts, 2, "test")),
                Arguments.of("spiked", GroupSpectrum.spiked(100, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spectra")
    void gdStepsEqualTheModelFormulasToTheBit(String name, GroupSpectrum spectrum) {
        checkSteps(new ReducedModel(spectrum), false, 0.01, 40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spectra")
    void specgdStepsEqualTheModelFormulasToTheBit(String name, GroupSpectrum spectrum) {
        checkSteps(new ReducedModel(spectrum), true, 2e-4, 40);
    }

    /** A rate far beyond stability: coefficients leave [-1e6, 1e6] and overflow; the flag follows them step by step. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("spectra")
    void divergenceIsFlaggedAtTheStepTheBoundIsLeft(String name, GroupSpectrum spectrum) {
        ReducedModel model = new ReducedModel(spectrum);
        assertTrue(checkSteps(model, false, 3.0, 60) > 0, "the run never left the bound");
    }

    /**
     * Steps the map and the reference side by side from a start with both signs and assorted sizes,
     * comparing everything after every step, up to the first step flagged divergent, which it returns (-1 if none).
     */
    private static int checkSteps(ReducedModel model, boolean spectral, double lr, int steps) {
        int k = model.size();
        Random random = new Random(k);
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = (random.nextBoolean() ? 1 : -1) * (0.05 + 0.3 * random.nextDouble());
        }
        GroupMap map = new GroupMap(model, w);
        compare(model, map, w, 0.0, "start");
        for (int s = 1; s <= steps; s++) {
            double t = model.meanError(w);
            double[] next = new double[k];
            for (int i = 0; i < k; i++) {
                double h = model.bracket(i, w[i], t);
                next[i] = spectral ? w[i] - lr * (Math.signum(w[i]) * Math.signum(h)) : w[i] - lr * w[i] * h;
            }
            double change = 0;
            for (int i = 0; i < k; i++) {
                change += model.weight(i) * Math.abs(next[i] * next[i] - w[i] * w[i]);
            }
            w = next;
            map.step(lr, spectral);
            compare(model, map, w, change, "step " + s);
            if (map.divergent()) {
                return s;
            }
        }
        return -1;
    }

    private static void compare(ReducedModel model, GroupMap map, double[] w, double change, String when) {
        double[] state = map.state();
        for (int i = 0; i < w.length; i++) {
            same(w[i], state[i], when + ", coefficient " + i);
        }
        same(model.meanError(w), map.meanError(), when + ", T");
        same(model.loss(w), map.loss(), when + ", loss");
        same(model.loss(w), map.loss(), when + ", loss asked again");
        same(model.alignment(w), map.alignment(), when + ", alignment");
        same(model.bulkRms(w), map.bulkRms(), when + ", bulk rms");
        same(model.bulk(w), map.bulk(), when + ", bulk");
        same(change, map.change(), when + ", change of T");
        boolean beyond = false;
        for (double x : w) {
            beyond |= !(Math.abs(x) <= Stages.DIVERGENCE_BOUND);
        }
        assertEquals(beyond, map.divergent(), when + ", divergent");
    }

    private static void same(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }
}
