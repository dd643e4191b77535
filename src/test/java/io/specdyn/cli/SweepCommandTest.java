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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepCommandTest {
    /** A small sweep with every outcome: GD diverges at its large rates, SpecGD chatters (stalls) at its. */
    private static final String[] SMALL = {"sweep", "--lr", "1e-3:1:log10", "--kappa", "0:40:lin5", "--d", "50",
        "--max-steps", "20000"};

    /** The whole output, table, maps and summary, is byte-identical for 1, 2 and 5 workers. */
    @Test
    void outputIsByteIdenticalForAnyWorkerCount(@TempDir Path tmp) throws IOException {
        Path one = tmp.resolve("one");
        CliHarness r1 = CliHarness.run(with(SMALL, "--workers", "1", "--out", one.toString()));
        assertEquals(0, r1.exitCode, r1.err);
        for (int workers : new int[] {2, 5}) {
            Path many = tmp.resolve("w" + workers);
            CliHarness r = CliHarness.run(with(SMALL, "--workers", Integer.toString(workers), "--out", many.toString()));
            assertEquals(0, r.exitCode, r.err);
            assertSameFolders(one, many);
        }
        List<String> names = new ArrayList<>(files(one).keySet());
        for (String expected : new String[] {"sweep.csv", "sweep.json", "summary.md", "regime-gd.png", "regime-gd.svg",
            "regime-gd.csv", "regime-specgd.png", "best-lr.png", "headline.png", "headline.csv", "manifest.json"}) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        assertFalse(names.contains(SweepStore.JOURNAL_FILE));
        assertEquals(2 * 10 * 5 + 1, Files.readAllLines(one.resolve("sweep.csv")).size());
    }

    /** Three shards merged give exactly the folder of the single run, in any order of the shard folders. */
    @Test
    void shardsMergeIntoTheSingleRunsOutput(@TempDir Path tmp) throws IOException {
        Path single = tmp.resolve("single");
        assertEquals(0, CliHarness.run(with(SMALL, "--out", single.toString())).exitCode);
        List<String> merge = new ArrayList<>(List.of("sweep-merge", "--out", tmp.resolve("merged").toString()));
        int total = 0;
        for (int i : new int[] {2, 3, 1}) {
            Path part = tmp.resolve("part" + i);
            CliHarness r = CliHarness.run(with(SMALL, "--shard", i + "/3", "--out", part.toString()));
            assertEquals(0, r.exitCode, r.err);
            assertTrue(r.out.contains("sweep-merge"), r.out);
            assertFalse(Files.exists(part.resolve("summary.md")), "a shard alone draws no maps");
            total += Files.readAllLines(part.resolve("sweep.csv")).size() - 1;
            merge.add(part.toString());
        }
        assertEquals(100, total, "the shards are disjoint and cover the sweep");
        CliHarness m = CliHarness.run(merge.toArray(String[]::new));
        assertEquals(0, m.exitCode, m.err);
        assertSameFolders(single, tmp.resolve("merged"));
    }

    /** sweep-merge refuses a missing share, a share given twice, a different sweep and an unfinished shard. */
    @Test
    void mergeRefusesIncompleteOrForeignShards(@TempDir Path tmp) throws IOException {
        String[] base = {"sweep", "--lr", "0.01,0.1", "--kappa", "0,5", "--d", "20", "--max-steps", "5000"};
        for (int i = 1; i <= 3; i++) {
            assertEquals(0, CliHarness.run(with(base, "--shard", i + "/3", "--out", tmp.resolve("p" + i).toString()))
                    .exitCode);
        }
        assertEquals(0, CliHarness.run(with(with(base, "--hold", "7"), "--shard", "3/3", "--out",
                tmp.resolve("other3").toString())).exitCode);
        Path unfinished = tmp.resolve("unfinished");
        SweepSpec spec = new SweepSpec("reduced", List.of(io.specdyn.model.Algorithm.GD,
                io.specdyn.model.Algorithm.SPECGD), new int[] {20}, new double[] {0, 5}, new double[] {0.01, 0.1}, 1, 5000,
                100, 0.01, 0, "iso", 1e-3, 0);
        try (SweepStore s = SweepStore.open(unfinished, spec, new SweepStore.Shard(3, 3))) {
            SweepSpec.Cell c = s.pending().get(0);
            s.record(new SweepSpec.CellResult(c, spec.compute(c)));
        }
        String p1 = tmp.resolve("p1").toString();
        String p2 = tmp.resolve("p2").toString();
        String[][] cases = {
            {p1, p2},
            {p1, p2, p1},
            {p1, p2, tmp.resolve("other3").toString()},
            {p1, p2, unfinished.toString()},
            {p1, p2, tmp.resolve("nothing").toString()}};
        String[] expected = {"shard 3/3 missing", "given twice", "holds a different sweep", "unfinished", "holds no sweep"};
        for (int k = 0; k < cases.length; k++) {
            Path out = tmp.resolve("merged" + k);
            List<String> args = new ArrayList<>(List.of("sweep-merge", "--out", out.toString()));
            args.addAll(List.of(cases[k]));
            CliHarness r = CliHarness.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode, r.err);
            assertTrue(r.err.contains(expected[k]), r.err);
            assertEquals(1, r.err.strip().lines().count(), r.err);
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    /**
     * Bad specs: a one-line error naming the option, exit code 2, and nothing written: no new folder,
     * and an existing sweep's folder left byte for byte as it was.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--kappa|5:1:lin3|--kappa range '5:1:lin3' is empty",
        "--kappa|0:5:lin0|--kappa range '0:5:lin0' is empty",
        "--lr|1:0.01:log5|--lr range '1:0.01:log5' is empty",
        "--lr|0:1:lin5|--lr must be a finite number > 0",
        "--lr|-0.1,0.1|--lr must be a finite number > 0",
        "--lr|0|--lr must be a finite number > 0",
        "--algo|gd,foo|--algo must list discrete rules",
        "--algo|gf|--algo must list discrete rules",
        "--shard|0/3|--shard must be i/N",
        "--shard|4/3|--shard must be i/N",
        "--shard|1-3|--shard must be i/N",
        "--seeds|3|--seeds applies to the full engine only",
        "--d|2|--d must be an integer >= 3",
        // counted, not allocated (it was an OutOfMemoryError), and the axis with the most values is blamed
        "--lr|1e-9:1:log999999999|--lr has 999999999 values, making 51999999948 cells",
        "--kappa|0:1:lin99999999|--kappa has 99999999 values, making 7999999920 cells",
        "--progress|sometimes|--progress must be auto, bar, lines or none (got 'sometimes')"})
    void badSpecsAreRefusedAndWriteNothing(String option, String value, String message, @TempDir Path tmp) {
        Path out = tmp.resolve("out");
        CliHarness r = CliHarness.run("sweep", option, value, "--out", out.toString());
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.startsWith("specdyn sweep: " + message), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutFolderHoldingAnotherSweepIsRefusedAndLeftAlone(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        String[] base = {"sweep", "--lr", "0.01,0.1", "--kappa", "0,5", "--d", "20", "--max-steps", "5000", "--out",
            out.toString()};
        assertEquals(0, CliHarness.run(base).exitCode);
        Map<String, byte[]> before = files(out);
        String[] other = base.clone();
        other[4] = "0,6";
        CliHarness r = CliHarness.run(other);
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.startsWith("specdyn sweep: --out " + out + " holds a different sweep (it differs in kappa)"),
                r.err);
        Map<String, byte[]> after = files(out);
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), name);
        }
        // the same command again finds the sweep complete and recomputes nothing
        CliHarness again = CliHarness.run(base);
        assertEquals(0, again.exitCode, again.err);
        assertTrue(again.err.contains("8 cells, 8 already done, 0 to compute"), again.err);
        assertSameFoldersQuietly(before, files(out));
    }

    private static void assertSameFoldersQuietly(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
    }

    /**
     * Classification on cells known from theory, through the whole command: GD at lr 1 (above 1/3,
     * where its minimiser is linearly unstable) diverges at every kappa; SpecGD at lr 1e-3 aligns at
     * every kappa, within O(lr) of the SpecGF time, which does not depend on kappa at d = 100 to the
     * third digit (theory-notes/figures.md, F6).
     */
    @Test
    void knownCellsAreClassifiedAsTheoryPredicts(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("s");
        CliHarness r = CliHarness.run("sweep", "--lr", "1e-3,1", "--kappa", "0,5,20,50", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int algo = header.indexOf("algo");
        int lr = header.indexOf("lr");
        int status = header.indexOf("status");
        int t = header.indexOf("t");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            if (f[algo].equals("gd") && f[lr].equals("1")) {
                assertEquals("diverged", f[status], row);
            }
            if (f[algo].equals("specgd") && f[lr].equals("0.001")) {
                assertEquals("aligned", f[status], row);
                assertEquals(0.6374, Double.parseDouble(f[t]), 0.01, row);
            }
        }
    }

    /**
     * The full engine runs the same cells: its GD stays on the invariant manifold to round-off
     * (issue 3: relative deviation 6e-15), so every GD cell has the reduced engine's status and step.
     * The rates stay below 1/3: above it the minimiser is unstable (signal error times 1 - 6 lr), the
     * iterates wander chaotically and round-off differences grow until the two engines' steps differ.
     */
    @Test
    void fullEngineGdCellsMatchTheReducedEngine(@TempDir Path tmp) throws IOException {
        String[] base = {"sweep", "--algo", "gd", "--lr", "0.01,0.1,0.3", "--kappa", "0,8", "--d", "12", "--max-steps",
            "3000", "--hold", "20"};
        Path reduced = tmp.resolve("reduced");
        Path full = tmp.resolve("full");
        assertEquals(0, CliHarness.run(with(base, "--out", reduced.toString())).exitCode);
        CliHarness r = CliHarness.run(with(base, "--engine", "full", "--seeds", "2", "--out", full.toString()));
        assertEquals(0, r.exitCode, r.err);
        List<String> a = Files.readAllLines(reduced.resolve("sweep.csv"));
        List<String> b = Files.readAllLines(full.resolve("sweep.csv"));
        assertEquals(2 * (a.size() - 1) + 1, b.size());
        for (int i = 1; i < b.size(); i++) {
            String[] fr = a.get(1 + (i - 1) / 2).split(",", -1);
            String[] ff = b.get(i).split(",", -1);
            assertEquals(fr[7] + " " + fr[8], ff[7] + " " + ff[8], "status and steps of " + b.get(i));
        }
    }

    /**
     * A full sweep records its linear-algebra thread budget: cells with large products round
     * differently on another budget, so the folder is refused under another --threads and resumed
     * under the same one.
     */
    @Test
    void aFullSweepIsBoundToItsThreadBudget(@TempDir Path tmp) throws IOException {
        String[] base = {"sweep", "--engine", "full", "--algo", "gd", "--lr", "0.1", "--kappa", "0", "--d", "6",
            "--max-steps", "200", "--hold", "5", "--progress", "none", "--out", tmp.resolve("s").toString()};
        CliHarness first = CliHarness.run(with(base, "--threads", "1"));
        assertEquals(0, first.exitCode, first.err);
        String json = Files.readString(tmp.resolve("s").resolve("sweep.json"));
        assertTrue(json.contains("\"threads\": 1"), json);
        byte[] table = Files.readAllBytes(tmp.resolve("s").resolve("sweep.csv"));
        CliHarness other = CliHarness.run(with(base, "--threads", "2"));
        assertEquals(2, other.exitCode, other.err);
        assertTrue(other.err.contains("threads"), other.err);
        assertEquals(1, other.err.strip().lines().count(), other.err);
        CliHarness same = CliHarness.run(with(base, "--threads", "1"));
        assertEquals(0, same.exitCode, same.err);
        assertArrayEquals(table, Files.readAllBytes(tmp.resolve("s").resolve("sweep.csv")));
    }

    /**
     * A sweep killed with SIGKILL in the middle and started again computes only the missing cells
     * and ends with the same folder, byte for byte, as a sweep never interrupted.
     */
    @Test
    void aSweepKilledMidRunResumesToTheSameOutput(@TempDir Path tmp) throws Exception {
        // 40 cells of 3e4 to 2.5e6 steps of the reduced map (up to about a twentieth of a second each): aligned and stalled
        String[] base = {"sweep", "--lr", "2e-7:2e-5:log5", "--kappa", "0:30:lin4", "--max-steps", "2500000"};
        Path reference = tmp.resolve("reference");
        assertEquals(0, CliHarness.run(with(base, "--out", reference.toString())).exitCode);

        Path resumed = tmp.resolve("resumed");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(with(base, "--workers", "1", "--out", resumed.toString())));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path journal = resumed.resolve(SweepStore.JOURNAL_FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(journal) < 3) {
            assertTrue(child.isAlive(), "the child ended before it could be killed: " + Files.readString(tmp.resolve("child.log")));
            assertTrue(System.nanoTime() < deadline, "no progress from the child");
            Thread.sleep(5);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        long done = lines(journal);
        assertTrue(done >= 3 && done < 40, done + " cells done at the kill");
        assertFalse(Files.exists(resumed.resolve("sweep.csv")));

        CliHarness again = CliHarness.run(with(base, "--out", resumed.toString()));
        assertEquals(0, again.exitCode, again.err);
        Matcher m = Pattern.compile("40 cells, (\\d+) already done, (\\d+) to compute").matcher(again.err);
        assertTrue(m.find(), again.err);
        assertTrue(Integer.parseInt(m.group(1)) >= done, "every journalled cell is kept");
        assertEquals(40, Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)));
        assertSameFolders(reference, resumed);
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        return Files.readString(file).chars().filter(c -> c == '\n').count();
    }

    @Test
    void benchReducedPrintsItsThroughputLine() {
        CliHarness r = CliHarness.run("bench", "reduced", "--steps", "200000", "--repeats", "1");
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("steps_per_second_per_core=[0-9.]+(e[+-]?[0-9]+)?")), r.out);
    }

    /** The cell limit follows the heap, and names the option to shorten. */
    @Test
    void theHeapBoundsTheCells() {
        long heap = SweepCommand.BASE_HEAP + 1000 * SweepCommand.BYTES_PER_CELL;
        SweepCommand.requireFits(2, 1, 20, 25, 1, heap);
        io.specdyn.model.InvalidSpecException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.specdyn.model.InvalidSpecException.class, () -> SweepCommand.requireFits(2, 1, 21, 25, 1, heap));
        assertEquals("lr", e.parameter());
        assertTrue(e.getMessage().contains("making 1050 cells") && e.getMessage().contains("more than the limit of 1000 "
                + "that a heap of"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(io.specdyn.model.InvalidSpecException.class,
                () -> SweepCommand.requireFits(2, 1, 30, 25, 1, heap));
        assertEquals("kappa", e.parameter());
    }

    /** The opening line gives the cells and, before any work, a bound on the steps and the time. */
    @Test
    void aSweepAnnouncesItsSizeAndAnEstimate(@TempDir Path tmp) {
        CliHarness r = CliHarness.run(with(SMALL, "--progress", "lines", "--out", tmp.resolve("s").toString()));
        assertEquals(0, r.exitCode, r.err);
        // 100 cells of at most 20000 + 100 steps; at 7e7 steps per second on each of the workers
        int workers = Runtime.getRuntime().availableProcessors();
        String first = r.err.lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("sweep: 100 cells, 0 already done, 100 to compute on " + workers + " worker"), first);
        assertTrue(first.contains("; at most 2.0e+06 steps, at most about "
                + CellProgress.duration(100 * 20100 / (7e7 * workers)) + " at"), first);
    }

    /**
     * --progress: lines never hold the terminal's escape sequences, bar does, none prints nothing;
     * auto with standard error on a file gives lines.
     */
    @Test
    void progressModesDecideTheOutput(@TempDir Path tmp) {
        // one shard of two: the same progress, without the time of drawing maps
        String[] base = {"sweep", "--lr", "0.01,0.1", "--kappa", "0,5", "--d", "20", "--max-steps", "5000", "--shard",
            "1/2"};
        CliHarness lines = CliHarness.run(with(base, "--progress", "lines", "--out", tmp.resolve("a").toString()));
        assertEquals(0, lines.exitCode, lines.err);
        assertFalse(lines.err.contains("\033") || lines.err.contains("\r"), lines.err);
        assertTrue(lines.err.contains("sweep: 4/4 cells (100%)"), lines.err);
        CliHarness bar = CliHarness.run(with(base, "--progress", "BAR", "--out", tmp.resolve("b").toString()));
        assertEquals(0, bar.exitCode, bar.err);
        assertTrue(bar.err.contains("\r\033[K[##############################] 4/4 cells (100%)"), bar.err);
        CliHarness none = CliHarness.run(with(base, "--progress", "none", "--out", tmp.resolve("c").toString()));
        assertEquals(0, none.exitCode, none.err);
        assertEquals("", none.err);
    }

    /**
     * {@code sweep ... 2> log} run from a terminal (standard input and output on a pseudo-terminal
     * made by script(1), standard error on a file): the log holds plain lines, no escape sequences.
     * System.console() said "terminal" here, since it looks at standard input and output only.
     */
    @Test
    void standardErrorOnAFileGetsLinesEvenFromATerminal(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1)");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = tmp.resolve("err.log");
        String command = String.join(" ", java, "-Djava.awt.headless=true", "-cp", "'" + System.getProperty("java.class.path")
                + "'", Main.class.getName(), "sweep", "--lr", "0.01,0.1", "--kappa", "0,5", "--d", "20", "--max-steps",
                "5000", "--shard", "1/2", "--out", "'" + tmp.resolve("s") + "'", "2>", "'" + log + "'");
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("tty.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("tty.log")));
        String err = Files.readString(log);
        assertTrue(err.contains("sweep: 4/4 cells (100%)"), err);
        assertFalse(err.contains("\033") || err.contains("\r"), err);
    }

    /**
     * While one process works in a sweep folder (it holds the lock; a child JVM, since file locks
     * belong to a process), a sweep of another spec, of the same spec, and a merge into it are all
     * refused at once with exit code 2, and nothing in the folder changes. Once that process is
     * killed (SIGKILL), the same sweep runs to the end.
     */
    @Test
    void aFolderInUseByAnotherProcessIsRefusedAtOnce(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("s");
        String[] base = {"sweep", "--lr", "0.01,0.1", "--kappa", "0,5", "--d", "20", "--max-steps", "5000"};
        Path shardDir = tmp.resolve("whole");
        assertEquals(0, CliHarness.run(with(base, "--out", shardDir.toString())).exitCode);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                io.specdyn.io.LockHolder.class.getName(), out.toString()).redirectError(tmp.resolve("holder.log").toFile())
                .start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertEquals("locked", first, () -> "holder: " + readQuietly(tmp.resolve("holder.log")));
            Map<String, byte[]> before = files(out);
            String[][] attempts = {
                with(base, "--out", out.toString()),
                with(with(base, "--hold", "7"), "--out", out.toString()),
                {"sweep-merge", "--out", out.toString(), shardDir.toString()}};
            for (String[] args : attempts) {
                CliHarness r = CliHarness.run(args);
                assertEquals(2, r.exitCode, r.err);
                assertTrue(r.err.contains("--out " + out + " is in use by another specdyn process"), r.err);
                assertEquals(1, r.err.strip().lines().count(), r.err);
                assertSameFoldersQuietly(before, files(out));
            }
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        CliHarness r = CliHarness.run(with(base, "--out", out.toString()));
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.err.contains("8 cells, 0 already done, 8 to compute"), r.err);
        assertArrayEquals(Files.readAllBytes(shardDir.resolve("sweep.csv")), Files.readAllBytes(out.resolve("sweep.csv")));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** sweep-merge refuses shards of another program version (their results could differ), as resume does. */
    @Test
    void mergeRefusesShardsOfAnotherVersion(@TempDir Path tmp) throws IOException {
        String[] base = {"sweep", "--lr", "0.01,0.1", "--kappa", "0,5", "--d", "20", "--max-steps", "5000"};
        List<String> merge = new ArrayList<>(List.of("sweep-merge", "--out", tmp.resolve("merged").toString()));
        for (int i = 1; i <= 2; i++) {
            Path part = tmp.resolve("p" + i);
            assertEquals(0, CliHarness.run(with(base, "--shard", i + "/2", "--out", part.toString())).exitCode);
            Path json = part.resolve(SweepStore.SPEC_FILE);
            @SuppressWarnings("unchecked")
            Map<String, Object> header = (Map<String, Object>) io.specdyn.io.Json.parse(Files.readString(json));
            header.put("version", "0.0.1-older");
            Files.writeString(json, io.specdyn.io.Json.write(header));
            merge.add(part.toString());
        }
        CliHarness r = CliHarness.run(merge.toArray(String[]::new));
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.contains("holds a shard of specdyn 0.0.1-older, not " + io.specdyn.io.ProgramVersion.get()), r.err);
        assertFalse(Files.exists(tmp.resolve("merged")));
    }

    /**
     * A finished sweep whose sweep.csv lost rows (or was edited) is repaired by running its command
     * again: a warning, its cells computed again, and the folder of an undamaged run. (A missing row
     * was a dead end with exit code 1; an edited value fed the maps.)
     */
    @Test
    void aDamagedTableIsRepairedByRunningTheSweepAgain(@TempDir Path tmp) throws IOException {
        String[] base = {"sweep", "--lr", "0.01,0.1", "--kappa", "0,5", "--d", "20", "--max-steps", "5000", "--out",
            tmp.resolve("s").toString()};
        assertEquals(0, CliHarness.run(base).exitCode);
        Map<String, byte[]> reference = files(tmp.resolve("s"));
        Path csv = tmp.resolve("s").resolve("sweep.csv");
        List<String> lines = Files.readAllLines(csv);
        Files.write(csv, lines.subList(0, lines.size() - 2));
        CliHarness r = CliHarness.run(base);
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.err.contains("does not match the SHA-256 recorded in sweep.json (edited, truncated or damaged): "
                + "computing its 8 cells again"), r.err);
        assertSameFoldersQuietly(reference, files(tmp.resolve("s")));
    }
}
