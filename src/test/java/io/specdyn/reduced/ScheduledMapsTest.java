package io.specdyn.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.LearningRate;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The reduced GD and SpecGD maps under a learning-rate schedule. */
class ScheduledMapsTest {
    private static final ReducedModel MODEL = ReducedModel.spiked(64, 5);
    private static final Coefficients START = Coefficients.isotropic(1e-3);

    private static Trajectory run(Algorithm algo, Schedule.Discrete schedule) {
        return ReducedEngine.run(new ReducedRunSpec(MODEL, START, algo, schedule, Stages.DEFAULT_ALIGN_EPS));
    }

    /**
     * With a cosine schedule and a warm-up, every row's coefficients are those of the map stepped by
     * hand with the rates written out here (bit for bit: the same steps with the same rates), and its
     * t is the sum of those rates, summed exactly in BigDecimal (within 1e-15 relative: the engine's
     * compensated sum is within a few ulps of the exact sum).
     */
    @Test
    void stepsWithEachRateAndItsTimeIsTheirSum() {
        double lr = 2e-3;
        double lrMin = 1e-4;
        long n = 3000;
        long w = 50;
        Trajectory t = run(Algorithm.SPECGD, new Schedule.Discrete(lr, n,
                new LearningRate(LearningRate.Kind.COSINE, lrMin, w, 1)));
        assertEquals(n + 1, t.size());
        GroupMap map = new GroupMap(MODEL, START.toArray());
        BigDecimal time = BigDecimal.ZERO;
        for (int k = 0; k <= n; k++) {
            double expected = time.doubleValue();
            assertEquals(expected, t.get(Column.T, k), 1e-15 * expected, "t at step " + k);
            assertEquals(map.signal(), t.get(Column.A, k), 0.0, "a at step " + k);
            assertEquals(map.spike(), t.get(Column.B, k), 0.0, "b at step " + k);
            assertEquals(map.bulk(), t.get(Column.C, k), 0.0, "c at step " + k);
            // the closed forms, in the engine's order of operations so that each rate is the same double
            double cosine = lrMin + (lr - lrMin) * (1 + Math.cos(Math.PI * ((double) k / n))) / 2;
            double rate = k + 1 < w ? cosine * ((k + 1.0) / w) : cosine;
            map.step(rate, true);
            time = time.add(new BigDecimal(rate));
        }
        assertEquals(t.outcome().t(), t.get(Column.T, (int) n), 0.0);
    }

    /**
     * The constant rate, given or implied, and a warm-up of one step, give the rows of the map
     * stepped at lr (as before schedules existed), with t = k lr exactly.
     */
    @Test
    void constantScheduleIsTheOldMapBitForBit() {
        double lr = 3e-3;
        long n = 2000;
        Trajectory implied = run(Algorithm.SPECGD, new Schedule.Discrete(lr, n));
        Trajectory given = run(Algorithm.SPECGD, new Schedule.Discrete(lr, n, new LearningRate(LearningRate.Kind.CONSTANT, 0, 1, 1)));
        double[][] old = new double[(int) n + 1][];
        DiscreteMaps.iterate(MODEL, true, lr, n, START.toArray(), (k, map) -> {
            old[(int) k] = map.state();
            return true;
        });
        for (int k = 0; k <= n; k++) {
            for (Trajectory t : new Trajectory[] {implied, given}) {
                assertEquals(k * lr, t.get(Column.T, k), 0.0);
                assertEquals(old[k][0], t.get(Column.A, k), 0.0);
                assertEquals(old[k][1], t.get(Column.B, k), 0.0);
                assertEquals(old[k][2], t.get(Column.C, k), 0.0);
                assertEquals(implied.get(Column.LOSS, k), t.get(Column.LOSS, k), 0.0);
            }
        }
    }

    /**
     * SpecGD at a constant lr ends in a two-cycle around the minimiser of amplitude lr (a between 1
     * and 1 - lr, b between lr and 2 lr: the chatter of theory-notes/schedules.md), whose loss is of
     * order lr^2 (measured 1.3e-6 and 2.1e-6 at lr = 1e-3, d = 64, kappa = 5). A decaying rate shrinks
     * the chatter with lr_k: measured over the last two steps, cosine to 0 ends at loss 1.4e-20 and
     * |a - 1| = 4.5e-11 (its last rate is 6.2e-12), exp:0.9995 at loss 6.2e-15 and |a - 1| = 4.5e-8
     * (its last rate, 1e-3 e^-10 = 4.5e-8). The test asks for a loss 1e4 below the floor's smaller
     * value and |a - 1| 100 times below lr: a chatter amplitude 100 times smaller than lr, with a loss
     * 1e4 smaller since the loss goes as the amplitude squared; the measured runs clear it by orders.
     */
    @Test
    void decayingSpecGdReachesTheMinimiserBelowTheChatterFloor() {
        double lr = 1e-3;
        long n = 20_000;
        Trajectory constant = run(Algorithm.SPECGD, new Schedule.Discrete(lr, n));
        int last = (int) n;
        double floor = Math.min(constant.get(Column.LOSS, last), constant.get(Column.LOSS, last - 1));
        double floorA = Math.max(Math.abs(constant.get(Column.A, last) - 1), Math.abs(constant.get(Column.A, last - 1) - 1));
        // the floor is the chatter: of order lr in a, lr^2 in the loss
        assertTrue(floorA > 0.5 * lr && floorA < 2 * lr, "constant |a - 1| " + floorA);
        assertTrue(floor > 0.1 * lr * lr && floor < 10 * lr * lr, "constant loss " + floor);
        for (LearningRate decay : new LearningRate[] {new LearningRate(LearningRate.Kind.COSINE, 0, 0, 1),
                new LearningRate(LearningRate.Kind.EXP, 0, 0, 0.9995)}) {
            Trajectory decayed = run(Algorithm.SPECGD, new Schedule.Discrete(lr, n, decay));
            double loss = Math.max(decayed.get(Column.LOSS, last), decayed.get(Column.LOSS, last - 1));
            double a = Math.max(Math.abs(decayed.get(Column.A, last) - 1), Math.abs(decayed.get(Column.A, last - 1) - 1));
            assertTrue(loss < 1e-4 * floor, decay.label() + ": loss " + loss + " against the floor " + floor);
            assertTrue(a < 1e-2 * lr, decay.label() + ": |a - 1| = " + a);
        }
    }
}
