package io.specdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.io.Json;
import io.specdyn.io.SweepJson;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SweepSpecTest {

    static SweepSpec spec(String engine, int seeds) {
        return new SweepSpec(engine, List.of(Algorithm.GD, Algorithm.SPECGD), new int[] {16, 32}, new double[] {0, 5, 20},
                new double[] {1e-3, 1e-2, 0.1, 1}, seeds, 1000, 100, 0.01, 0, "iso", 1e-3, 0);
    }

    /** Cells enumerate every combination once, algorithm outermost and seed innermost. */
    @Test
    void cellsEnumerateEveryCombinationOnceInNestingOrder() {
        SweepSpec s = spec("full", 3);
        assertEquals(2 * 2 * 3 * 4 * 3, s.cellCount());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < s.cellCount(); i++) {
            SweepSpec.Cell c = s.cell(i);
            assertEquals(i, c.index());
            assertTrue(seen.add(c.algorithm() + "/" + c.d() + "/" + c.shape() + "/" + c.lr() + "/" + c.seed()));
        }
        assertEquals(new SweepSpec.Cell(0, Algorithm.GD, 16, 0, 1e-3, 0), s.cell(0));
        assertEquals(new SweepSpec.Cell(1, Algorithm.GD, 16, 0, 1e-3, 1), s.cell(1));
        assertEquals(new SweepSpec.Cell(3, Algorithm.GD, 16, 0, 1e-2, 0), s.cell(3));
        assertEquals(new SweepSpec.Cell(12, Algorithm.GD, 16, 5, 1e-3, 0), s.cell(12));
        assertEquals(new SweepSpec.Cell(36, Algorithm.GD, 32, 0, 1e-3, 0), s.cell(36));
        assertEquals(new SweepSpec.Cell(72, Algorithm.SPECGD, 16, 0, 1e-3, 0), s.cell(72));
        assertEquals(new SweepSpec.Cell(143, Algorithm.SPECGD, 32, 20, 1, 2), s.cell(143));
    }

    /** sweep.json holds the whole spec: reading it back gives the same spec, and so the same cells. */
    @Test
    void theJsonFormRoundTrips() {
        SweepSpec s = new SweepSpec("full", List.of(Algorithm.MUON, Algorithm.GD), new int[] {24}, new double[] {-0.5, 0.1 + 0.2},
                new double[] {Math.PI / 1000}, 2, 12345, 7, 0.05, 1e-9, "gaussian", 0.3, 500);
        SweepSpec back = Json.read(Json.write(s.toJson()), SweepJson.Spec.class).toSpec();
        assertEquals(Json.write(s.toJson()), Json.write(back.toJson()));
        for (int i = 0; i < s.cellCount(); i++) {
            assertEquals(s.cell(i), back.cell(i));
        }
    }

    /** A full sweep's thread budget is part of its identity; a reduced sweep has none. */
    @Test
    void theThreadBudgetIsRecordedForTheFullEngineOnly() {
        SweepSpec full = new SweepSpec("full", List.of(Algorithm.GD), new int[] {8}, new double[] {0}, new double[] {0.1},
                1, 10, 0, 0.01, 0, "iso", 1e-3, 0).withThreads(3);
        SweepSpec back = Json.read(Json.write(full.toJson()), SweepJson.Spec.class).toSpec();
        assertEquals(3, back.threads());
        assertEquals(0, Json.read(Json.write(full.withThreads(0).toJson()), SweepJson.Spec.class).toSpec().threads());
        assertFalse(Json.write(full.withThreads(0).toJson()).contains("threads"));
        SweepSpec reduced = new SweepSpec("reduced", List.of(Algorithm.GD), new int[] {8}, new double[] {0},
                new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso", 1e-3, 0);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> reduced.withThreads(2));
        assertEquals("threads", e.parameter());
    }

    @Test
    void inapplicableOptionsAreRefusedByName() {
        assertEquals("seeds", assertThrows(InvalidSpecException.class, () -> spec("reduced", 2)).parameter());
        // a basis-dependent rule on the reduced engine needs the eigenbasis to be the coordinate basis
        assertEquals("basis", assertThrows(InvalidSpecException.class, () -> new SweepSpec("reduced",
                List.of(Algorithm.ADAM), new int[] {16}, new double[] {0}, new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso",
                1e-3, 0)).parameter());
        assertEquals("algo", assertThrows(InvalidSpecException.class, () -> new SweepSpec("reduced",
                List.of(Algorithm.GF), new int[] {16}, new double[] {0}, new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso",
                1e-3, 0)).parameter());
        assertEquals("lr", assertThrows(InvalidSpecException.class, () -> new SweepSpec("reduced",
                List.of(Algorithm.GD), new int[] {16}, new double[] {0}, new double[] {0.1, 0}, 1, 10, 0, 0.01, 0, "iso",
                1e-3, 0)).parameter());
        assertEquals("kappa", assertThrows(InvalidSpecException.class, () -> new SweepSpec("reduced",
                List.of(Algorithm.GD), new int[] {16}, new double[] {-1}, new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso",
                1e-3, 0)).parameter());
        assertEquals("init", assertThrows(InvalidSpecException.class, () -> new SweepSpec("reduced",
                List.of(Algorithm.GD), new int[] {16}, new double[] {0}, new double[] {0.1}, 1, 10, 0, 0.01, 0,
                "gaussian", 1e-3, 0)).parameter());
        assertEquals("samples-n", assertThrows(InvalidSpecException.class, () -> new SweepSpec("reduced",
                List.of(Algorithm.GD), new int[] {16}, new double[] {0}, new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso",
                1e-3, 100)).parameter());
        assertEquals("d", assertThrows(InvalidSpecException.class, () -> new SweepSpec("reduced",
                List.of(Algorithm.GD), new int[] {2}, new double[] {0}, new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso",
                1e-3, 0)).parameter());
    }

    /**
     * A spike below the bulk (kappa = -0.5): the full engine measures b on the spike u, so a full
     * cell reports the reduced cell's spike peak and its step. Before the spike was the problem's
     * direction, the full engine took the largest non-signal eigenvalue, a bulk direction, and
     * reported the bulk's peak. On the manifold the two engines agree to round-off (1e-15 relative
     * per step, measured 5e-16 by compare at these settings), so 1e-9 is generous.
     */
    @Test
    void aFullCellReportsTheReducedSpikePeakBelowTheBulk() {
        for (Algorithm algo : List.of(Algorithm.GD, Algorithm.SPECGD)) {
            SweepSpec.Cell cell = new SweepSpec.Cell(0, algo, 16, -0.5, 0.01, 0);
            RunClassifier.Result reduced = at("reduced", cell).compute(cell);
            RunClassifier.Result full = at("full", cell).compute(cell);
            assertEquals(reduced.spikePeakStep(), full.spikePeakStep(), algo.label());
            assertEquals(reduced.spikePeak(), full.spikePeak(), 1e-9 * reduced.spikePeak(), algo.label());
            assertEquals(reduced.escapedStep(), full.escapedStep(), algo.label());
        }
    }

    /**
     * A power-law sweep's cells run the same problem on both engines: the full engine's GD in a random
     * basis stays on the invariant manifold to round-off, so every cell has the reduced cell's status
     * and step, and the spike peak (of the largest-eigenvalue group but the signal's) agrees to 1e-9
     * relative, as in the spiked case above. The rates stay below the stability edge, where round-off
     * would grow.
     */
    @Test
    void powerLawCellsAgreeOnBothEngines() {
        for (String engine : List.of("reduced", "full")) {
            assertEquals(engine, powerLaw(engine).toJson().get("engine"));
        }
        SweepSpec reduced = powerLaw("reduced");
        SweepSpec full = powerLaw("full");
        assertEquals(8, reduced.cellCount());
        for (int i = 0; i < reduced.cellCount(); i++) {
            SweepSpec.Cell cell = reduced.cell(i);
            assertEquals(cell, full.cell(i));
            RunClassifier.Result r = reduced.compute(cell);
            RunClassifier.Result f = full.compute(cell);
            assertEquals(r.status(), f.status(), cell.toString());
            assertEquals(r.step(), f.step(), cell.toString());
            assertEquals(r.spikePeak(), f.spikePeak(), 1e-9 * r.spikePeak(), cell.toString());
        }
        // alpha is the axis: the groups are those of (i/10)^-alpha at each d, 3 x 0.5 the first alpha
        assertEquals(0.5, reduced.cell(0).shape());
        assertEquals(1.5, reduced.cell(4).shape());
        assertEquals(12, reduced.spectrum(reduced.cell(0)).groups());
        assertEquals(2, new SweepSpec("reduced", List.of(Algorithm.GD), new int[] {12}, new double[] {0},
                new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso", 1e-3, 0, 0, SweepSpec.Family.POWER_LAW, 3)
                .spectrum(new SweepSpec.Cell(0, Algorithm.GD, 12, 0, 0.1, 0)).groups(), "alpha 0: signal and the rest");
    }

    /** sweep.json of a power-law sweep reads back to the same spec; a spiked one has no spectrum member. */
    @Test
    void powerLawSpecsRoundTripThroughJson() {
        SweepSpec s = new SweepSpec("reduced", List.of(Algorithm.GD), new int[] {12, 40}, new double[] {0.5, 1.5},
                new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso", 1e-3, 0, 0, SweepSpec.Family.POWER_LAW, 7);
        String json = Json.write(s.toJson());
        assertEquals(json, Json.write(Json.read(json, SweepJson.Spec.class).toSpec().toJson()));
        assertEquals(7, s.signalIndex(40));
        assertFalse(Json.write(spec("reduced", 1).toJson()).contains("spectrum"));
        assertEquals("signal-index", assertThrows(InvalidSpecException.class, () -> new SweepSpec("reduced",
                List.of(Algorithm.GD), new int[] {12}, new double[] {1}, new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso",
                1e-3, 0, 0, SweepSpec.Family.SPIKED, 3)).parameter());
        assertThrows(IllegalStateException.class, s::kappas);
    }

    private static SweepSpec powerLaw(String engine) {
        return new SweepSpec(engine, List.of(Algorithm.GD), new int[] {12}, new double[] {0.5, 1.5},
                new double[] {0.01, 0.03, 0.1, 0.2}, 1, 3000, 20, 0.01, 0, "iso", 1e-3, 0, 0, SweepSpec.Family.POWER_LAW, 0);
    }

    private static SweepSpec at(String engine, SweepSpec.Cell cell) {
        return new SweepSpec(engine, List.of(cell.algorithm()), new int[] {cell.d()}, new double[] {cell.shape()},
                new double[] {cell.lr()}, 1, 400, 0, 0.01, 0, "iso", 1e-3, 0);
    }
}
