package io.specdyn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.specdyn.model.ReducedModel;
import io.specdyn.reduced.DiscreteMaps;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.Trajectory;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The numbers that figures compute from their data, against closed forms. */
class FigureNumbersTest {

    /** A run whose (a, b) lie on b = s^(1 - p) a^p has log-log slope p (F2's title). */
    @Test
    void escapeSlopeOfAnExactPowerLaw() {
        double s = 1e-3;
        double p = 6.4;
        Trajectory.Builder rows = Trajectory.builder(io.specdyn.reduced.ReducedEngine.THREE_GROUP_COLUMNS);
        for (int k = 0; k <= 40; k++) {
            double a = s * Math.pow(1.03, k);
            double b = s * Math.pow(a / s, p) * 1e-3;
            rows.add(k, k * 0.01, a, b, s, 0, 0);
        }
        Trajectory t = rows.outcome(Outcome.completed(40, 0.4)).build();
        assertEquals(p, F2StageOnePortrait.escapeSlope(ReducedModel.spiked(100, 20), t), 1e-9);
    }

    /** {@code Plot.along} interpolates linearly between rows and holds the end values beyond them. */
    @Test
    void alongInterpolatesBetweenRows() {
        Trajectory.Builder rows = Trajectory.builder(io.specdyn.reduced.ReducedEngine.THREE_GROUP_COLUMNS);
        rows.add(0, 0, 0.1, 0, 1, 0, 0);
        rows.add(1, 1, 0.3, 0, 3, 0, 0);
        rows.add(2, 2, 0.7, 0, -5, 0, 0);
        DoubleUnaryOperator c = Plot.along(rows.outcome(Outcome.completed(2, 2)).build(),
                io.specdyn.trajectory.Column.A, io.specdyn.trajectory.Column.C);
        assertEquals(1, c.applyAsDouble(0.0), 0);
        assertEquals(2, c.applyAsDouble(0.2), 1e-12);
        assertEquals(4, c.applyAsDouble(0.5), 1e-12);
        assertEquals(5, c.applyAsDouble(0.9), 0);
    }
}
