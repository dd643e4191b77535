package io.specdyn.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.full.FullEngine;
import io.specdyn.reduced.ReducedEngine;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.Trajectory;
import org.junit.jupiter.api.Test;

/** F9's check of the reduced engine by the full simulator: the deviation it reports. */
class F9PowerLawTest {

    /** A reduced power-law run (columns step, t, a, loss, alignment, b, bulk_rms) with the given alignments. */
    private static Trajectory reduced(double lr, double... alignment) {
        Trajectory.Builder rows = Trajectory.builder(ReducedEngine.GROUP_COLUMNS);
        for (int k = 0; k < alignment.length; k++) {
            rows.add(k, k * lr, 0.1, 0, alignment[k], 0.1, 0.1);
        }
        return rows.outcome(Outcome.completed(alignment.length - 1, (alignment.length - 1) * lr)).build();
    }

    /** A full run (columns step, t, a, b, c, loss, alignment, offmanifold) with the given alignments. */
    private static Trajectory full(double lr, double... alignment) {
        Trajectory.Builder rows = Trajectory.builder(FullEngine.COLUMNS);
        for (int k = 0; k < alignment.length; k++) {
            rows.add(k, k * lr, 0.1, 0.1, 0.1, 0, alignment[k], 0);
        }
        return rows.outcome(Outcome.completed(alignment.length - 1, (alignment.length - 1) * lr)).build();
    }

    @Test
    void deviationIsTheLargestDifferenceAndWhereItFirstPassesRoundOff() {
        double lr = 0.5;
        F9PowerLaw.Deviation dev = F9PowerLaw.Deviation.of(reduced(lr, 0.1, 0.2, 0.3, 0.4, 0.5),
                full(lr, 0.1, 0.2 + 1e-16, 0.3 + 1e-9, 0.4 - 1e-6, 0.5));
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2}, dev.t(), 0);
        assertEquals(0, dev.alignment()[0], 0);
        assertEquals(1e-9, dev.alignment()[2], 1e-15);
        assertEquals(1e-6, dev.max(), 1e-15);
        assertEquals(1.0, dev.leaves(), 0, "first above 1e-12 at step 2");
        assertEquals(1e-17, dev.drawn()[0], 0, "an exact agreement is drawn at the bottom of the axis");
        assertTrue(dev.summary().contains("max 1.0e-06") && dev.summary().contains("from t = 1.00"), dev.summary());
    }

    @Test
    void agreementToRoundOffHasNoDeparture() {
        F9PowerLaw.Deviation dev = F9PowerLaw.Deviation.of(reduced(0.1, 0.1, 0.2), full(0.1, 0.1, 0.2 + 1e-15));
        assertTrue(Double.isNaN(dev.leaves()));
        assertEquals("max 1.0e-15", dev.summary());
    }

    @Test
    void runsOfOtherStepsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> F9PowerLaw.Deviation.of(reduced(0.1, 0.1), full(0.1, 0.1, 0.2)));
    }
}
