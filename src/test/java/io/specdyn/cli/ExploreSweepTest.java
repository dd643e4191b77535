package io.specdyn.cli;

import static io.specdyn.cli.Folders.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.explore.ExploreViews;
import io.specdyn.explore.PlannedRun;
import io.specdyn.explore.Refusal;
import io.specdyn.explore.SweepView;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.trajectory.Trajectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code specdyn explore --sweep}: a sweep folder's maps and cells, read without touching the folder. */
class ExploreSweepTest {
    /** Two rules, two d, two kappas, three rates: 24 cells, aligned, diverged and stalled ones among them. */
    private static final String[] SWEEP = {"sweep", "--algo", "gd,specgd", "--lr", "0.003,0.03,3", "--kappa", "2,8",
        "--d", "10,30", "--max-steps", "3000"};

    @TempDir
    static Path tmp;
    static Path folder;

    @BeforeAll
    static void sweep() {
        folder = tmp.resolve("sweep");
        CliHarness r = CliHarness.run(Folders.with(SWEEP, "--out", folder.toString()));
        assertEquals(0, r.exitCode, r.err);
    }

    /** sweep.csv's rows by cell number, as column name -> value. */
    private static Map<Integer, Map<String, String>> rows(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("sweep.csv"));
        String[] header = lines.get(0).split(",");
        Map<Integer, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.put(Integer.parseInt(f[0]), row);
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    @Test
    void mapsHoldEveryCellWhereItIsDrawnAndTheFolderIsUntouched() throws Exception {
        Map<String, byte[]> before = files(folder);
        Map<String, Object> d = SweepView.open(folder).describe();
        assertEquals(before.keySet(), files(folder).keySet(), "no file added or removed");
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertTrue(Arrays.equals(e.getValue(), files(folder).get(e.getKey())), e.getKey() + " unchanged");
        }
        assertEquals(24, d.get("cells"));
        assertEquals("kappa", d.get("shape"));
        List<Map<String, Object>> maps = (List<Map<String, Object>>) d.get("maps");
        assertEquals(4, maps.size(), "2 rules x 2 d");
        Map<Integer, Map<String, String>> rows = rows(folder);
        boolean[] seen = new boolean[24];
        for (Map<String, Object> map : maps) {
            String svg = (String) map.get("svg");
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertTrue(svg.contains((String) map.get("title")), "the panel's title is drawn");
            double width = ((Number) map.get("width")).doubleValue();
            double height = ((Number) map.get("height")).doubleValue();
            List<Map<String, Object>> cells = (List<Map<String, Object>>) map.get("cells");
            assertEquals(6, cells.size(), "3 rates x 2 kappas");
            for (Map<String, Object> c : cells) {
                int index = (Integer) c.get("cell");
                seen[index] = true;
                Map<String, String> row = rows.get(index);
                assertEquals(row.get("algo"), map.get("algo"));
                assertEquals(Integer.parseInt(row.get("d")), map.get("d"));
                assertEquals(Double.parseDouble(row.get("lr")), (Double) c.get("lr"));
                assertEquals(Double.parseDouble(row.get("kappa")), (Double) c.get("shape"));
                assertEquals(row.get("status"), c.get("status"));
                assertEquals(row.get("status").equals("aligned") ? Long.valueOf(row.get("steps")) : null, c.get("steps"));
                double x = (Double) c.get("x");
                double y = (Double) c.get("y");
                double w = (Double) c.get("w");
                double h = (Double) c.get("h");
                assertTrue(x >= 0 && y >= 0 && w > 5 && h > 5 && x + w <= width && y + h <= height, c.toString());
            }
            // a larger rate is further right, a larger kappa higher up, and the cells do not overlap
            for (Map<String, Object> a : cells) {
                for (Map<String, Object> b : cells) {
                    if (a == b) {
                        continue;
                    }
                    double ax = (Double) a.get("x");
                    double bx = (Double) b.get("x");
                    double ay = (Double) a.get("y");
                    double by = (Double) b.get("y");
                    if ((Double) a.get("lr") < (Double) b.get("lr")) {
                        assertTrue(ax + (Double) a.get("w") <= bx + 1e-6, a + " left of " + b);
                    }
                    if ((Double) a.get("shape") < (Double) b.get("shape")) {
                        assertTrue(by + (Double) b.get("h") <= ay + 1e-6, a + " below " + b);
                    }
                }
            }
        }
        for (int i = 0; i < 24; i++) {
            assertTrue(seen[i], "cell " + i + " is on a map");
        }
        List<String> statuses = rows.values().stream().map(r -> r.get("status")).distinct().sorted().toList();
        assertTrue(statuses.containsAll(List.of("aligned", "diverged")), "the sweep has both kinds: " + statuses);
    }

    /** Every cell recomputed from its run arguments aligns at the step the sweep recorded, or diverges or stalls as it did. */
    @Test
    void cellsRecomputeToTheSweepsSteps() throws Exception {
        SweepView view = SweepView.open(folder);
        Map<Integer, Map<String, String>> rows = rows(folder);
        CliRunPlanner planner = new CliRunPlanner();
        int aligned = 0;
        for (int i = 0; i < 24; i++) {
            List<String> argv = view.cellArgv(i);
            PlannedRun run = planner.plan(argv);
            Trajectory.Builder b = Trajectory.builder(run.columns());
            run.engine().accept(b);
            Trajectory t = b.build();
            Map<String, String> row = rows.get(i);
            long held = held(t, 0.01, 10, 3000);
            OptionalLong first = ExploreViews.alignedStep(t);
            switch (row.get("status")) {
                case "aligned" -> {
                    assertEquals(Long.parseLong(row.get("steps")), held, "cell " + i + ": " + argv);
                    // the run's aligned event is the first crossing, at or before the held one
                    assertTrue(first.isPresent() && first.getAsLong() <= held, "cell " + i + ": " + first);
                    aligned++;
                }
                case "diverged" -> assertTrue(t.outcome().diverged(), "cell " + i + " diverges: " + argv);
                default -> assertEquals(-1, held, "cell " + i + " does not align: " + argv);
            }
        }
        assertTrue(aligned >= 8, "enough aligned cells to compare: " + aligned);
    }

    @Test
    void aCellThatIsNotInTheSweepIsRefused() {
        SweepView view = SweepView.open(folder);
        Refusal r = assertThrows(Refusal.class, () -> view.cellArgv(24));
        assertTrue(r.getMessage().contains("0 to 23"), r.getMessage());
        assertThrows(Refusal.class, () -> view.cellArgv(-1));
    }

    /** Schedules, momentum and rule settings reach the run: the recomputed cell aligns where the sweep's did. */
    @Test
    void ruleAxesAndSettingsReachTheRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("rules");
        CliHarness r = CliHarness.run("sweep", "--algo", "muon,momentum", "--momentum", "0.9", "--ns-steps", "4",
                "--schedule", "cosine", "--nesterov", "false", "--lr", "0.003", "--kappa", "5", "--d", "20", "--max-steps",
                "4000", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        SweepView view = SweepView.open(out);
        Map<Integer, Map<String, String>> rows = rows(out);
        CliRunPlanner planner = new CliRunPlanner();
        assertEquals(2, rows.size());
        for (Map.Entry<Integer, Map<String, String>> e : rows.entrySet()) {
            List<String> argv = view.cellArgv(e.getKey());
            Map<String, String> row = e.getValue();
            assertEquals(row.get("momentum"), value(argv, "--momentum"), argv.toString());
            assertEquals(row.get("schedule"), value(argv, "--schedule"));
            assertEquals("false", value(argv, "--nesterov"));
            assertEquals(row.get("ns_steps").isEmpty() ? null : row.get("ns_steps"), value(argv, "--ns-steps"));
            PlannedRun run = planner.plan(argv);
            Trajectory.Builder b = Trajectory.builder(run.columns());
            run.engine().accept(b);
            assertEquals(row.get("steps").isEmpty() ? -1 : Long.parseLong(row.get("steps")), held(b.build(), 0.01, 10, 4000),
                    "cell " + e.getKey() + ": " + argv);
        }
    }

    /**
     * The sweep's steps to alignment, computed independently from a recorded run (one row per step): the first
     * step k at most {@code maxSteps} from which the alignment stays at least {@code 1 - eps} through step
     * {@code k + hold}; -1 if none.
     */
    static long held(Trajectory t, double eps, int hold, long maxSteps) {
        double[] step = t.column(io.specdyn.trajectory.Column.STEP);
        double[] alignment = t.column(io.specdyn.trajectory.Column.ALIGNMENT);
        long from = -1;
        for (int i = 0; i < step.length; i++) {
            assertEquals(i, step[i], "one row per step");
            if (alignment[i] >= 1 - eps) {
                if (from < 0 && i <= maxSteps) {
                    from = i;
                }
                if (from >= 0 && i - from >= hold) {
                    return from;
                }
            } else {
                from = -1;
            }
        }
        return -1;
    }

    private static String value(List<String> argv, String option) {
        int i = argv.indexOf(option);
        return i < 0 ? null : argv.get(i + 1);
    }

    /** A folder that is not a finished whole sweep is refused with one line naming --sweep, exit 2, nothing served. */
    @Test
    void badFoldersAreRefusedBeforeServing(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path unfinished = copy(folder, dir.resolve("unfinished"));
        Files.writeString(unfinished.resolve("journal.csv"), "");
        Path damaged = copy(folder, dir.resolve("damaged"));
        Files.writeString(damaged.resolve("sweep.csv"), "0", StandardOpenOption.APPEND);
        Path shard = dir.resolve("shard");
        assertEquals(0, CliHarness.run("sweep", "--lr", "0.01", "--kappa", "0,5", "--d", "10", "--max-steps", "2000",
                "--shard", "1/2", "--out", shard.toString()).exitCode);
        Map<Path, String> cases = Map.of(missing, "is not a folder", empty, "holds no sweep", unfinished, "unfinished",
                damaged, "SHA-256", shard, "sweep-merge");
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            Map<String, byte[]> before = Files.isDirectory(c.getKey()) ? files(c.getKey()) : Map.of();
            InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SweepView.open(c.getKey()));
            assertEquals("sweep", e.parameter());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            CliHarness r = CliHarness.run("explore", "--port", "0", "--sweep", c.getKey().toString());
            assertEquals(2, r.exitCode, r.err);
            assertEquals(1, r.err.lines().count(), r.err);
            assertTrue(r.err.startsWith("specdyn explore: --sweep "), r.err);
            assertTrue(r.err.contains(c.getValue()), r.err);
            assertFalse(r.out.contains("serving"), r.out);
            if (Files.isDirectory(c.getKey())) {
                assertEquals(before.keySet(), files(c.getKey()).keySet(), "nothing written to " + c.getKey());
            }
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p)) {
                    Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
