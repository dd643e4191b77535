package io.specdyn.cli;

import static io.specdyn.cli.Folders.assertSameFolders;
import static io.specdyn.cli.Folders.files;
import static io.specdyn.cli.Folders.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.analysis.SweepSpec;
import io.specdyn.io.SweepStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sweeps over update rules and their settings: the rule axes, their cells, resumption, shards and the report. */
class SweepRulesTest {
    /** Two rules, one of which takes momentum, at two momentum values: 6 cells of gd, 12 of momentum. */
    private static final String[] TWO_RULES = {"sweep", "--algo", "gd,momentum", "--momentum", "0.5,0.9", "--d", "16",
        "--kappa", "0,5", "--lr", "0.03,0.1,0.3", "--max-steps", "300", "--hold", "20"};
    /** gd and muon along two schedules, muon at two Newton-Schulz step counts: (2 + 4) variants of 4 cells. */
    private static final String[] SCHEDULES = {"sweep", "--algo", "gd,muon", "--ns-steps", "3,5", "--schedule",
        "constant,cosine", "--d", "12", "--kappa", "0,4", "--lr", "0.05,0.3", "--max-steps", "200", "--hold", "20",
        "--progress", "none"};

    /** The rows of a table as maps from column name to field. */
    private static List<Map<String, String>> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(header.length, f.length, line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < f.length; i++) {
                row.put(header[i], f[i]);
            }
            out.add(row);
        }
        return out;
    }

    /**
     * A rule that takes momentum runs once per value, a rule that does not runs once; every cell is one row,
     * keyed by its rule and momentum, and each variant has its own regime map.
     */
    @Test
    void twoRulesAtTwoMomentaWriteTheCellsOfEachVariant(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("s");
        CliHarness r = CliHarness.run(with(TWO_RULES, "--progress", "none", "--out", out.toString()));
        assertEquals(0, r.exitCode, r.err);
        List<Map<String, String>> rows = rows(out.resolve("sweep.csv"));
        // gd: 2 kappa x 3 lr; momentum: 2 beta x 2 kappa x 3 lr
        assertEquals(6 + 12, rows.size());
        Map<String, Integer> count = new TreeMap<>();
        for (Map<String, String> row : rows) {
            count.merge(row.get("algo") + "/" + row.get("momentum"), 1, Integer::sum);
        }
        assertEquals(Map.of("gd/", 6, "momentum/0.5", 6, "momentum/0.9", 6), count);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Integer.toString(i), rows.get(i).get("cell"), "rows in cell order");
        }
        List<String> names = new ArrayList<>(files(out).keySet());
        for (String expected : new String[] {"regime-gd.png", "regime-momentum-beta0.5.png", "regime-momentum-beta0.9.png",
            "best-lr.csv", "headline.csv", "summary.md"}) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        // the momentum reaches the rule: the two betas do not give the same runs
        List<String> half = rows.stream().filter(m -> "0.5".equals(m.get("momentum"))).map(m -> m.get("status")
                + m.get("steps") + m.get("final_loss")).toList();
        List<String> most = rows.stream().filter(m -> "0.9".equals(m.get("momentum"))).map(m -> m.get("status")
                + m.get("steps") + m.get("final_loss")).toList();
        assertFalse(half.equals(most));
        assertBestFromTheTable(out, rows);
    }

    /**
     * The best learning rate of each (rule, momentum, kappa), computed here from sweep.csv (the aligned row with
     * the fewest steps, the smaller rate on a tie), is what best-lr.csv, headline.csv and summary.md show.
     */
    private static void assertBestFromTheTable(Path out, List<Map<String, String>> rows) throws IOException {
        Map<String, double[]> best = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            String name = row.get("algo").equals("gd") ? "GD" : "Momentum GD, beta " + row.get("momentum");
            String key = name + "|" + row.get("kappa");
            best.putIfAbsent(key, new double[] {Double.NaN, -1});
            if (!row.get("status").equals("aligned")) {
                continue;
            }
            double lr = Double.parseDouble(row.get("lr"));
            long steps = Long.parseLong(row.get("steps"));
            double[] b = best.get(key);
            if (b[1] < 0 || steps < b[1] || (steps == b[1] && lr < b[0])) {
                best.put(key, new double[] {lr, steps});
            }
        }
        assertTrue(best.values().stream().anyMatch(b -> b[1] > 0), "some cell aligned");
        Map<String, double[]> drawnLr = new HashMap<>();
        for (Map<String, String> row : figureRows(out.resolve("best-lr.csv"))) {
            drawnLr.put(row.get("series") + "|" + row.get("x"), new double[] {Double.parseDouble(row.get("y"))});
        }
        Map<String, Double> drawnSteps = new HashMap<>();
        for (Map<String, String> row : figureRows(out.resolve("headline.csv"))) {
            drawnSteps.put(row.get("series") + "|" + row.get("x"), Double.parseDouble(row.get("y")));
        }
        String summary = Files.readString(out.resolve("summary.md"));
        for (Map.Entry<String, double[]> e : best.entrySet()) {
            double[] b = e.getValue();
            if (b[1] < 0) {
                assertFalse(drawnLr.containsKey(e.getKey()), e.getKey());
                continue;
            }
            assertEquals(b[0], drawnLr.get(e.getKey())[0], 0, e.getKey());
            assertEquals(b[1], drawnSteps.get(e.getKey()), 0, e.getKey());
            String[] key = e.getKey().split("\\|");
            // summary.md: | name | d | kappa | best lr | steps | ...; the rate with 4 significant digits
            String row = summary.lines().filter(l -> l.startsWith("| " + key[0] + " | 16 | " + key[1] + " | "))
                    .findFirst().orElseThrow(() -> new AssertionError(e.getKey() + " not in\n" + summary));
            String[] cells = row.split("\\|");
            assertEquals(b[0], Double.parseDouble(cells[4].trim().replace("*", "")), 5e-4 * b[0], row);
            assertEquals((long) b[1], Long.parseLong(cells[5].trim()), row);
        }
    }

    /** The rows of a figure's CSV (panel, series, kind, x, y, ...), quotes removed (no field holds a comma but series). */
    private static List<Map<String, String>> figureRows(Path csv) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            List<String> f = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (char c : line.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    f.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            f.add(cur.toString());
            out.add(Map.of("series", f.get(1), "x", f.get(3), "y", f.get(4)));
        }
        return out;
    }

    /**
     * A sweep stopped after seven of its cells (their journal lines written, as a kill leaves them) and run
     * again computes only the eleven others and ends with the folder of an uninterrupted run.
     */
    @Test
    void anInterruptedRuleSweepResumesWithoutRecomputing(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole");
        assertEquals(0, CliHarness.run(with(TWO_RULES, "--progress", "none", "--out", whole.toString())).exitCode);
        SweepSpec spec = SweepStore.readShard(whole).spec();
        Path resumed = tmp.resolve("resumed");
        try (SweepStore store = SweepStore.open(resumed, spec, SweepStore.Shard.WHOLE)) {
            for (SweepSpec.Cell cell : store.pending().subList(0, 7)) {
                store.record(new SweepSpec.CellResult(cell, spec.compute(cell)));
            }
        }
        CliHarness again = CliHarness.run(with(TWO_RULES, "--progress", "lines", "--out", resumed.toString()));
        assertEquals(0, again.exitCode, again.err);
        assertTrue(again.err.contains("18 cells, 7 already done, 11 to compute"), again.err);
        assertTrue(again.out.contains("18 cells (11 computed now)"), again.out);
        assertSameFolders(whole, resumed);
        // another momentum axis is another sweep: refused, naming the key
        String[] otherMomenta = TWO_RULES.clone();
        otherMomenta[List.of(TWO_RULES).indexOf("--momentum") + 1] = "0.5,0.8";
        CliHarness other = CliHarness.run(with(otherMomenta, "--out", resumed.toString()));
        assertEquals(2, other.exitCode, other.err);
        assertTrue(other.err.contains("differs in momentum"), other.err);
    }

    /**
     * Two shards of a sweep along the schedule and Newton-Schulz axes, merged, give the single run's folder byte
     * for byte; on the cosine schedule the times are the sums of the rates.
     */
    @Test
    void shardsOfARuleSweepMergeIntoTheSingleRunsFolder(@TempDir Path tmp) throws IOException {
        Path single = tmp.resolve("single");
        CliHarness s = CliHarness.run(with(SCHEDULES, "--out", single.toString()));
        assertEquals(0, s.exitCode, s.err);
        List<Map<String, String>> rows = rows(single.resolve("sweep.csv"));
        assertEquals((2 + 4) * 4, rows.size());
        assertEquals(8, rows.stream().filter(m -> m.get("algo").equals("muon") && m.get("ns_steps").equals("3")).count());
        assertEquals(8, rows.stream().filter(m -> m.get("algo").equals("gd") && m.get("ns_steps").isEmpty()).count());
        for (Map<String, String> row : rows) {
            if (!row.get("schedule").equals("cosine") || row.get("steps").isEmpty()) {
                continue;
            }
            // t_k = sum_{j<k} lr (1 + cos(pi j / N)) / 2 over N = max-steps + hold = 220; summed here in another
            // order than the engine's compensated sum, so agreement to a few ulps of t is all that can be asked
            double lr = Double.parseDouble(row.get("lr"));
            long k = Long.parseLong(row.get("steps"));
            double t = 0;
            for (long j = k - 1; j >= 0; j--) {
                t += lr * (1 + Math.cos(Math.PI * j / 220.0)) / 2;
            }
            assertEquals(t, Double.parseDouble(row.get("t")), 1e-13 * t, row.toString());
        }
        List<String> merge = new ArrayList<>(List.of("sweep-merge", "--out", tmp.resolve("merged").toString()));
        for (int i : new int[] {2, 1}) {
            Path part = tmp.resolve("part" + i);
            CliHarness r = CliHarness.run(with(SCHEDULES, "--shard", i + "/2", "--out", part.toString()));
            assertEquals(0, r.exitCode, r.err);
            merge.add(part.toString());
        }
        CliHarness m = CliHarness.run(merge.toArray(String[]::new));
        assertEquals(0, m.exitCode, m.err);
        assertSameFolders(single, tmp.resolve("merged"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SweepRulesTest.class.getResourceAsStream("sweep-before-rule-axes/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The command that wrote the folder of sweep-before-rule-axes/ (see its README). */
    private static final String[] BEFORE = {"sweep", "--algo", "gd,specgd", "--d", "12", "--kappa", "0,4", "--lr",
        "0.05,0.3", "--max-steps", "200", "--hold", "20", "--progress", "none"};

    /**
     * A folder written before the rule axes existed: interrupted after three cells, it resumes and ends with the
     * table and summary that program wrote; finished, it is reported again without computing a cell.
     */
    @Test
    void aFolderWrittenBeforeTheRuleAxesResumesAndReports(@TempDir Path tmp) throws IOException {
        byte[] table = resource("sweep.csv");
        List<String> lines = new String(table, StandardCharsets.UTF_8).lines().toList();
        Path started = tmp.resolve("started");
        Files.createDirectories(started);
        Files.write(started.resolve("sweep.json"), resource("started.json"));
        StringBuilder journal = new StringBuilder();
        for (String row : lines.subList(1, 4)) {
            CRC32 crc = new CRC32();
            crc.update(row.getBytes(StandardCharsets.UTF_8));
            journal.append(row).append(',').append(String.format("%08x", crc.getValue())).append('\n');
        }
        Files.writeString(started.resolve("journal.csv"), journal);
        CliHarness r = CliHarness.run(with(BEFORE, "--out", started.toString()));
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.out.contains("8 cells (5 computed now)"), r.out);
        assertArrayEquals(table, Files.readAllBytes(started.resolve("sweep.csv")));
        assertArrayEquals(resource("summary.md"), Files.readAllBytes(started.resolve("summary.md")));
        assertEquals(new String(resource("sweep.json"), StandardCharsets.UTF_8),
                Files.readString(started.resolve("sweep.json")));

        Path finished = tmp.resolve("finished");
        Files.createDirectories(finished);
        Files.write(finished.resolve("sweep.json"), resource("sweep.json"));
        Files.write(finished.resolve("sweep.csv"), table);
        CliHarness again = CliHarness.run(with(BEFORE, "--out", finished.toString()));
        assertEquals(0, again.exitCode, again.err);
        assertTrue(again.out.contains("8 cells (0 computed now)"), again.out);
        assertArrayEquals(resource("summary.md"), Files.readAllBytes(finished.resolve("summary.md")));
    }

    /** A bad rule axis or setting is refused with exit code 2, one line naming the option, and nothing written. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--algo gd,specgd --ns-steps 3,5; --ns-steps applies to muon",
        "--algo gd,specgd --momentum 0.9; --momentum applies to muon and momentum",
        "--algo muon --momentum 0.5,1; --momentum must be",
        "--algo momentum --momentum 0:1:lin3; --momentum must be",
        "--algo muon --ns-steps 3,101; --ns-steps must",
        "--algo muon --ns-steps 2.5; --ns-steps must",
        "--schedule cosine,sometimes; --schedule lists 'sometimes'",
        "--schedule cosine,cosine; --schedule lists cosine twice",
        "--schedule constant --lr-min 0.001; --lr-min applies to",
        "--schedule cosine --lr-min 0.05; --lr-min must be",
        "--algo adam; --basis must be canonical for adam",
        "--algo gd --nesterov true; --nesterov applies to muon and momentum",
        "--algo momentum --beta1 0.8; --beta1 applies to adam",
        "--algo gd,specgf; --algo must list discrete rules",
        "--algo muon --basis diagonal; --basis must be random or canonical"})
    void badRuleAxesAreRefused(String args, String message, @TempDir Path tmp) {
        Path out = tmp.resolve("never");
        List<String> argv = new ArrayList<>(List.of("sweep", "--d", "8", "--kappa", "0", "--lr", "0.01,0.1",
                "--max-steps", "10", "--progress", "none", "--out", out.toString()));
        argv.addAll(List.of(args.trim().split(" ")));
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.contains(message), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertFalse(Files.exists(out), "nothing written");
    }
}
