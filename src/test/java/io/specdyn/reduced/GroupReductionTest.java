package io.specdyn.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.specdyn.model.Algorithm;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three-group case of the K-group engine against the (a, b, c) map of theory-notes/model.md,
 * section 3, written out here: every row equal bit for bit, so the spiked outputs are those of the
 * three-coefficient engine the groups replaced.
 */
class GroupReductionTest {

    /**
     * The (a, b, c) map in the notes' notation, each product in the order the engine evaluates it
     * ({@code a^2 - 1} as {@code (a - 1)(a + 1)}, {@code 2 l^2} as {@code (2 l) l}, the sums from the
     * signal to the bulk): T = lt (a^2 - 1) + lu b^2 + (d - 2) lp c^2, h_a = lt T + 2 lt^2 (a^2 - 1),
     * h_b = lu T + 2 lu^2 b^2, h_c = lp T + 2 lp^2 c^2; GD x <- x - lr x h_x, SpecGD
     * x <- x - lr sign(x) sign(h_x); L = [T^2 + 2 (lt^2 (a^2 - 1)^2 + lu^2 b^4 + (d - 2) lp^2 c^4)] / 4,
     * A = a^2 / sqrt(a^4 + b^4 + (d - 2) c^4).
     */
    @ParameterizedTest(name = "{0} d={1} lt={2} lu={3} lp={4} lr={5}")
    @CsvSource({
        "gd,     100,        1,   6,   1,   0.02,  3000, 1e-3",
        "specgd, 100,        1,   6,   1,   0.002, 3000, 1e-3",
        "gd,     1000000000, 1,   21,  1,   0.01,  2000, 1e-6",
        "specgd, 1000000000, 1,   21,  1,   1e-6,  2000, 1e-6",
        "gd,     37,         1.3, 0.4, 2.5, 0.01,  3000, 1e-3",
        "specgd, 37,         1.3, 0.4, 2.5, 0.004, 3000, 1e-3",
    })
    void threeGroupsEqualTheAbcMapBitForBit(String algo, long d, double lt, double lu, double lp, double lr, int steps,
                                            double s) {
        GroupSpectrum g = GroupSpectrum.threeLevel(d, lt, lu, lp, 1);
        ReducedModel model = new ReducedModel(g);
        boolean spectral = algo.equals("specgd");
        Trajectory rows = ReducedEngine.run(new ReducedRunSpec(model, State.isotropic(3, s),
                spectral ? Algorithm.SPECGD : Algorithm.GD, new Schedule.Discrete(lr, steps), Stages.DEFAULT_ALIGN_EPS));
        assertEquals(ReducedEngine.THREE_GROUP_COLUMNS, rows.columns());

        double n = d - 2;
        double a = s;
        double b = s;
        double c = s;
        for (int k = 0; k < rows.size(); k++) {
            double t = lt * (a - 1) * (a + 1) + lu * b * b + n * lp * c * c;
            double ea = lt * (a - 1) * (a + 1);
            double eb = lu * b * b;
            double ec = lp * c * c;
            double loss = 0.25 * (t * t + 2 * (ea * ea + eb * eb + n * ec * ec));
            double alignment = a * a / Math.sqrt(a * a * (a * a) + b * b * (b * b) + n * (c * c) * (c * c));
            String at = "step " + k;
            assertEquals(k, rows.get(Column.STEP, k), at);
            assertEquals(a, rows.get(Column.A, k), 0.0, at);
            assertEquals(b, rows.get(Column.B, k), 0.0, at);
            assertEquals(c, rows.get(Column.C, k), 0.0, at);
            assertEquals(loss, rows.get(Column.LOSS, k), 0.0, at);
            assertEquals(alignment, rows.get(Column.ALIGNMENT, k), 0.0, at);
            double ha = lt * t + 2 * lt * lt * (a - 1) * (a + 1);
            double hb = lu * t + 2 * lu * lu * b * b;
            double hc = lp * t + 2 * lp * lp * c * c;
            if (spectral) {
                a -= lr * (Math.signum(a) * Math.signum(ha));
                b -= lr * (Math.signum(b) * Math.signum(hb));
                c -= lr * (Math.signum(c) * Math.signum(hc));
            } else {
                a -= lr * a * ha;
                b -= lr * b * hb;
                c -= lr * c * hc;
            }
        }
        assertEquals(steps + 1, rows.size());
    }
}
