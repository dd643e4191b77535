package io.specdyn.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.model.Algorithm;
import io.specdyn.model.Coefficients;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A flow's rows are written as they are computed; the spike peak, known only at the end, is found
 * by a first integration and written in its place by the second. The rows must still be the
 * evenly spaced samples plus one row per event, in time order, each event's step the index of a
 * row that holds it, and the spike peak the largest |b| of all rows.
 */
class FlowRowsTest {

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({
        "specgf, 0.001:0.001:0.001",
        "gf,     0.001:0.001:0.001",
        "specgf, 0.1:0.5:0.02",
        "gf,     0.1:-0.3:0.02",
    })
    void samplesAndEventRowsInTimeOrder(String algo, String init) {
        String[] x = init.split(":");
        int samples = 57;
        Schedule.Continuous schedule = new Schedule.Continuous(3, samples, IntegratorSettings.defaults());
        ReducedRunSpec spec = new ReducedRunSpec(ReducedModel.spiked(100, 5), new Coefficients(Double.parseDouble(x[0]),
                Double.parseDouble(x[1]), Double.parseDouble(x[2])), Algorithm.parse(algo), schedule, Stages.DEFAULT_ALIGN_EPS);
        Trajectory t = ReducedEngine.run(spec);
        assertEquals(samples + t.events().size(), t.size());
        int sample = 0;
        for (int row = 0; row < t.size(); row++) {
            assertEquals(row, t.get(Column.STEP, row));
            if (row > 0) {
                assertTrue(t.get(Column.T, row) >= t.get(Column.T, row - 1), "time order at row " + row);
            }
            final int r = row;
            boolean eventRow = t.events().stream().anyMatch(e -> e.step() == r);
            if (!eventRow) {
                assertEquals(schedule.sampleTime(sample++), t.get(Column.T, row), "sample time at row " + row);
            }
        }
        assertEquals(samples, sample);
        double maxB = 0;
        for (double b : t.column(Column.B)) {
            maxB = Math.max(maxB, Math.abs(b));
        }
        for (StageEvent e : t.events()) {
            int row = Math.toIntExact(e.step());
            assertEquals(e.t(), t.get(Column.T, row), e.name());
            assertEquals(e.b(), t.get(Column.B, row), e.name());
        }
        var peak = t.event(Stages.SPIKE_PEAK);
        if (peak.isPresent()) {
            assertEquals(maxB, Math.abs(peak.get().b()), "the spike peak is the largest |b| of all rows");
        } else {
            assertEquals(maxB, Math.max(Math.abs(t.get(Column.B, 0)), Math.abs(t.get(Column.B, t.size() - 1))),
                    "without a spike peak, |b| is largest at an end");
        }
        assertEquals(x[1].equals("0.001"), peak.isPresent(), "from a small start the spike rises and falls");
    }
}
