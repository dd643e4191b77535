package io.specdyn.cli;

import static io.specdyn.cli.Folders.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.analysis.RunClassifier;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.io.Numbers;
import io.specdyn.io.SweepStore;
import io.specdyn.model.Algorithm;
import io.specdyn.model.GroupSpectrum;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sweeps over a power-law spectrum: the cells, the refusals, resuming and merging. */
class SweepSpectrumTest {
    /** Two alphas and two rates at d = 30 (the signal at its default index 10): eight cells. */
    private static final String[] TINY = {"sweep", "--spectrum", "power-law", "--alpha", "0.5,1.5", "--lr", "0.01,0.1",
        "--d", "30", "--max-steps", "3000"};
    /** The spec that {@link #TINY} describes. */
    private static final SweepSpec TINY_SPEC = new SweepSpec("reduced", List.of(Algorithm.GD, Algorithm.SPECGD),
            new int[] {30}, new double[] {0.5, 1.5}, new double[] {0.01, 0.1}, 1, 3000, 100, 0.01, 0, "iso", 1e-3, 0, 0,
            SweepSpec.Family.POWER_LAW, 0);

    /**
     * Each row of the table is the run of RunClassifier on the power law built here from its
     * definition, eigenvalue i equal to (i/10)^-alpha in a list of 30: the same arithmetic, so the
     * results agree to the last digit.
     */
    @Test
    void cellsAreTheRunsOfThePowerLawProblem(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("s");
        CliHarness r = CliHarness.run(with(TINY, "--progress", "none", "--out", out.toString()));
        assertEquals(0, r.exitCode, r.err);
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        assertEquals(List.of("cell", "algo", "engine", "spectrum", "d", "alpha", "signal_index", "lr", "seed", "status"),
                header.subList(0, 10));
        assertEquals(9, rows.size());
        RunClassifier.Settings settings = new RunClassifier.Settings(3000, 100, 0.01, 0);
        List<String> statuses = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            assertEquals("power-law", f[3]);
            assertEquals("30", f[4]);
            assertEquals("10", f[6]);
            double alpha = Double.parseDouble(f[5]);
            double[] values = new double[30];
            long[] counts = new long[30];
            for (int i = 0; i < 30; i++) {
                values[i] = Math.pow((i + 1) / 10.0, -alpha);
                counts[i] = 1;
            }
            GroupSpectrum problem = GroupSpectrum.of(values, counts, 10, "test");
            RunClassifier.Result expected = RunClassifier.classify(new ReducedModel(problem), Algorithm.parse(f[1]),
                    State.isotropic(problem.groups(), 1e-3), Double.parseDouble(f[7]), settings);
            assertEquals(expected.status().label(), f[9], row);
            assertEquals(expected.step() < 0 ? "" : Long.toString(expected.step()), f[10], row);
            assertEquals(Numbers.format(expected.finalAlignment()), f[12], row);
            assertEquals(Numbers.format(expected.spikePeak()), f[15], row);
            assertEquals(Long.toString(expected.stepsRun()), f[22], row);
            statuses.add(f[9]);
        }
        // the cells are not all alike: the check above covers more than one outcome
        assertTrue(statuses.stream().distinct().count() > 1, statuses.toString());
        String json = Files.readString(out.resolve("sweep.json"));
        assertTrue(json.contains("\"spectrum\": \"power-law\"") && json.contains("\"alpha\"") && !json.contains("kappa"),
                json);
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| alpha | GD best lr |"), summary);
        assertFalse(summary.contains("kappa"), summary);
    }

    /** An axis or option of the other spectrum is refused: exit 2, one line naming it, nothing written. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--alpha 1|--alpha does not apply to --spectrum spiked",
        "--signal-index 2|--signal-index does not apply to --spectrum spiked",
        "--spectrum power-law --kappa 0,5|--kappa does not apply to --spectrum power-law",
        "--spectrum file:x.txt|--spectrum must be spiked or power-law",
        "--spectrum power-law --alpha -1,1|--alpha must be a finite number >= 0",
        "--spectrum power-law --d 5,50 --signal-index 7|--signal-index must be an integer in [1, 5]",
        "--spectrum power-law --d 1000000000|--d must be at most"})
    void optionsOfTheOtherSpectrumAreRefused(String options, String message, @TempDir Path tmp) {
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(List.of(options.split(" ")));
        args.addAll(List.of("--out", out.toString()));
        CliHarness r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.startsWith("specdyn sweep: " + message), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertFalse(Files.exists(out));
    }

    /** Cells that cannot be held by the heap while they run are refused before any work, naming --d. */
    @Test
    void cellsTooLargeForTheHeapAreRefused() {
        SweepSpec spec = new SweepSpec("reduced", List.of(Algorithm.GD), new int[] {1000, 50_000_000}, new double[] {1},
                new double[] {0.1}, 1, 10, 0, 0.01, 0, "iso", 1e-3, 0, 0, SweepSpec.Family.POWER_LAW, 0);
        long working = SweepCommand.workingBytes(spec, 2);
        // two workers, each with a cell of the largest d's 5e7 groups
        assertEquals(2L * 50_000_000 * ReducedLimits.BYTES_PER_GROUP, working);
        ErrorHandlers.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(ErrorHandlers.UsageException.class,
                () -> SweepCommand.requireWorking(spec, 2, working, 4L << 30));
        assertTrue(e.getMessage().startsWith("--d 50000000 gives cells of 50000000 eigenvalue groups"), e.getMessage());
        SweepCommand.requireWorking(spec, 2, working, 64L << 30);
        // the same heap holds fewer finished cells beside the cells in progress
        long heap = SweepCommand.BASE_HEAP + working + 1000 * SweepCommand.BYTES_PER_CELL;
        SweepCommand.requireFits(1, 2, 20, 25, 1, heap, "alpha", working);
        io.specdyn.model.InvalidSpecException fits = org.junit.jupiter.api.Assertions.assertThrows(
                io.specdyn.model.InvalidSpecException.class,
                () -> SweepCommand.requireFits(1, 2, 30, 25, 1, heap, "alpha", working));
        assertEquals("alpha", fits.parameter());
    }

    /** The table of an uninterrupted run of {@link #TINY_SPEC} in {@code dir}: every cell, in one go. */
    private static byte[] wholeTable(Path dir) throws IOException {
        try (SweepStore store = SweepStore.open(dir, TINY_SPEC, SweepStore.Shard.WHOLE)) {
            for (SweepSpec.Cell cell : store.pending()) {
                store.record(new SweepSpec.CellResult(cell, TINY_SPEC.compute(cell)));
            }
            store.finish();
        }
        return Files.readAllBytes(dir.resolve(SweepStore.CSV_FILE));
    }

    /**
     * A power-law sweep stopped after three cells (their journal lines written, as a kill leaves them)
     * and run again ends with the table of an uninterrupted run, byte for byte.
     */
    @Test
    void anInterruptedPowerLawSweepResumesToTheSameTable(@TempDir Path tmp) throws IOException {
        byte[] whole = wholeTable(tmp.resolve("whole"));
        Path resumed = tmp.resolve("resumed");
        try (SweepStore store = SweepStore.open(resumed, TINY_SPEC, SweepStore.Shard.WHOLE)) {
            for (SweepSpec.Cell cell : store.pending().subList(0, 3)) {
                store.record(new SweepSpec.CellResult(cell, TINY_SPEC.compute(cell)));
            }
        }
        assertFalse(Files.exists(resumed.resolve(SweepStore.CSV_FILE)));
        CliHarness again = CliHarness.run(with(TINY, "--progress", "lines", "--out", resumed.toString()));
        assertEquals(0, again.exitCode, again.err);
        assertTrue(again.err.contains("8 cells, 3 already done, 5 to compute"), again.err);
        assertArrayEquals(whole, Files.readAllBytes(resumed.resolve(SweepStore.CSV_FILE)));
        // a spiked sweep is not resumed in its folder
        CliHarness spiked = CliHarness.run("sweep", "--lr", "0.01,0.1", "--d", "30", "--max-steps", "3000",
                "--kappa", "0.5,1.5", "--out", resumed.toString());
        assertEquals(2, spiked.exitCode, spiked.err);
        assertTrue(spiked.err.matches("(?s).*holds a different sweep \\(it differs in [^)]*spectrum.*"), spiked.err);
    }

    /** Shards of sweeps of different spectra are not merged. */
    @Test
    void shardsOfDifferentSpectraAreNotMerged(@TempDir Path tmp) throws IOException {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        assertEquals(0, CliHarness.run(with(TINY, "--progress", "none", "--shard", "1/2", "--out", one.toString()))
                .exitCode);
        CliHarness spiked = CliHarness.run("sweep", "--lr", "0.01,0.1", "--d", "30", "--max-steps", "3000",
                "--kappa", "0.5,1.5", "--progress", "none", "--shard", "2/2", "--out", two.toString());
        assertEquals(0, spiked.exitCode, spiked.err);
        Path merged = tmp.resolve("merged");
        CliHarness r = CliHarness.run("sweep-merge", "--out", merged.toString(), one.toString(), two.toString());
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.contains(two + " holds a sweep of the spiked spectrum, " + one + " one of the power-law "
                + "spectrum"), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertFalse(Files.exists(merged));
    }
}
