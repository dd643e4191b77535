package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunCommandTest {

    @Test
    void writesTrajectoryEventsAndManifest(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        CliHarness r = CliHarness.run("run", "--algo", "specgf", "--t-end", "2", "--samples", "101", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        List<String> rows = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals("step,t,a,b,c,loss,alignment", rows.get(0));
        assertEquals("0,0,0.001,0.001,0.001,0.7499465028237497,0.09999999999999999", rows.get(1));
        List<String> events = Files.readAllLines(out.resolve("events.csv"));
        assertEquals("name,t,step,a,b,c", events.get(0));
        assertTrue(events.stream().anyMatch(e -> e.startsWith("slide-start:c,")));
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("run.json")));
        assertEquals("specgf", manifest.get("algo"));
        assertEquals(Map.of("d", 100.0, "kappa", 5.0, "lt", 1.0, "lu", 6.0, "lp", 1.0), manifest.get("problem"));
        @SuppressWarnings("unchecked")
        Map<String, Object> schedule = (Map<String, Object>) manifest.get("schedule");
        assertEquals(2.0, schedule.get("t-end"));
        assertEquals(Map.of("name", "dp853", "rtol", 1e-12, "atol", 1e-15), schedule.get("integrator"));
        assertEquals(0.01, manifest.get("align-eps"));
        @SuppressWarnings("unchecked")
        Map<String, Object> diagnostics = (Map<String, Object>) manifest.get("diagnostics");
        assertTrue((Double) diagnostics.get("rhs_evaluations") > 0);
        assertTrue(r.out.contains("wrote "));
    }

    /** One row per step from step 0 with t = step * lr. */
    @Test
    void discreteRunsHaveOneRowPerStep(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("gd");
        CliHarness r = CliHarness.run("run", "--algo", "gd", "--lr", "0.02", "--steps", "300", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        List<String> rows = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals(302, rows.size());
        assertTrue(rows.get(301).startsWith("300,6,"));
    }

    @Test
    void printsTheTrajectoryToStandardOutput() {
        CliHarness r = CliHarness.run("run", "--algo", "specgd", "--steps", "10", "--out", "-");
        assertEquals(0, r.exitCode, r.err);
        String[] lines = r.out.split("\n");
        assertEquals("step,t,a,b,c,loss,alignment", lines[0]);
        assertEquals(12, lines.length);
    }

    /** Same inputs, same bytes. */
    @Test
    void isDeterministic(@TempDir Path tmp) throws IOException {
        for (String algo : new String[] {"gd", "specgf"}) {
            Path first = tmp.resolve(algo + "1");
            Path second = tmp.resolve(algo + "2");
            assertEquals(0, CliHarness.run("run", "--algo", algo, "--out", first.toString()).exitCode);
            assertEquals(0, CliHarness.run("run", "--algo", algo, "--out", second.toString()).exitCode);
            for (String f : new String[] {"trajectory.csv", "events.csv"}) {
                assertArrayEquals(Files.readAllBytes(first.resolve(f)), Files.readAllBytes(second.resolve(f)), f);
            }
        }
    }

    /**
     * Bad input: exit code 2, one line on standard error naming the option and what it accepts,
     * and nothing written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--algo gd --d 2                 | --d must be an integer >= 3 (got '2')",
        "--algo gd --d 3.5               | --d must be an integer >= 3 (got '3.5')",
        "--algo gd --kappa -1            | --kappa must be a finite number > -1 (got '-1')",
        "--algo gd --kappa 1e400         | --kappa must be a finite number > -1 (got '1e400')",
        "--algo gd --lu 0                | --lu must be a finite number > 0 (got '0')",
        "--algo gd --lp -2               | --lp must be a finite number > 0 (got '-2')",
        "--algo gd --lt NaN              | --lt must be a finite number > 0 (got 'NaN')",
        "--algo gd --lr 0                | --lr must be a finite number > 0 (got '0')",
        "--algo gd --lr -0.001           | --lr must be a finite number > 0 (got '-0.001')",
        "--algo gd --lr abc              | --lr must be a finite number > 0 (got 'abc')",
        "--algo gd --lr NaN              | --lr must be a finite number > 0 (got 'NaN')",
        "--algo gd --steps 0             | --steps must be an integer >= 1 (got '0')",
        "--algo gd --steps 1.5e0         | --steps must be an integer >= 1 (got '1.5e0')",
        "--algo gf --t-end 0             | --t-end must be a finite number > 0 (got '0')",
        "--algo gf --samples 0           | --samples must be an integer >= 2 (got '0')",
        "--algo gf --samples -5          | --samples must be an integer >= 2 (got '-5')",
        "--algo gd --init-scale 0        | --init-scale must be a finite number > 0 (got '0')",
        "--algo gd --init 1,2            | --init must be iso, gaussian, orthogonal or three finite numbers a,b,c (got '1,2')",
        "--algo gd --init gaussian       | --init gaussian applies to --engine full (it starts off the manifold)",
        "--algo gd --m 5                 | --m does not apply to --engine reduced",
        "--algo gd --seed 3              | --seed does not apply to --engine reduced",
        "--algo gd --align-eps 1         | --align-eps must be a number in (0, 1) (got '1')",
        "--algo foo                      | --algo must be one of gd, specgd, muon, momentum, ngd, adam, signgd, gf, specgf (got 'foo')",
        "--algo gf --integrator rk4      | --integrator must be one of dp853, dp54, gbs (got 'rk4')",
        "--algo gf --rtol -1             | --rtol must be a finite number > 0 (got '-1')",
        "--algo gf --lr 0.1              | --lr applies to the discrete rules, not to gf",
        "--algo gd --rtol 1e-9           | --rtol applies to gf and specgf, not to gd",
        "--algo gd --steps 5 --t-end 1   | give --steps or --t-end, not both",
        "--algo gd --kappa 2 --lu 3      | --lu sets the spike eigenvalue that --kappa sets to 1 + kappa; give one of them",
        "--algo gd --init 1,2,3 --init-scale 0.1 | --init a,b,c sets the start; --init-scale applies to iso, gaussian and orthogonal",
        "--algo adam                     | --basis must be canonical for adam on the reduced engine: it acts on single entries of W",
        "--algo signgd --basis random    | --basis must be canonical for signgd on the reduced engine",
        "--algo gf --momentum 0.9        | --momentum applies to the discrete rules, not to gf",
        "--algo gd --nesterov true       | --nesterov does not apply to gd (it applies to muon and momentum)",
        "--algo muon --ns-steps x        | --ns-steps must be an integer in [0, 100] (got 'x')",
        "--algo muon --ns-steps -1       | --ns-steps must be an integer in [0, 100] (got '-1')",
        "--d 10                          | Missing required option: '--algo=ALGO'",
    })
    void rejectsBadInput(String args, String message, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        String[] argv = Stream.concat(Stream.of("run"), Stream.concat(Stream.of(args.trim().split("\\s+")),
                Stream.of("--out", out.toString()))).toArray(String[]::new);
        CliHarness r = CliHarness.run(argv);
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn run: " + message.trim()), r.err);
        assertEquals("", r.out);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "nothing written");
        }
    }

    @Test
    void rejectsAnOutputThatCannotBeWritten(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "");
        CliHarness r = CliHarness.run("run", "--algo", "gd", "--out", file.resolve("sub").toString());
        assertEquals(2, r.exitCode);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn run: cannot write --out " + file.resolve("sub")), r.err);
        CliHarness onFile = CliHarness.run("run", "--algo", "gd", "--out", file.toString());
        assertEquals(2, onFile.exitCode);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "nothing but the file");
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * One rule for every engine: a run whose engine gives up (here the integrator, on a problem
     * whose loss overflows, or on tolerances no step can meet) exits with 1 and one line, and
     * writes nothing; before, it exited 0 with status "failed".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--algo gf --lp 1e300",
        "--algo gf --rtol 1e-300 --atol 1e-300 --t-end 1",
    })
    void aFailedRunExitsOneAndWritesNothing(String args, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        List<String> argv = new java.util.ArrayList<>(List.of("run"));
        argv.addAll(List.of(args.split(" ")));
        argv.addAll(List.of("--out", out.toString()));
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(1, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn run: gf failed at t=") && r.err.contains("nothing written"), r.err);
        assertEquals(List.of(), entries(tmp));
        argv.set(argv.size() - 1, "-");
        assertEquals(1, CliHarness.run(argv.toArray(String[]::new)).exitCode, "the same rule with --out -");
    }

    /** Limits are stated as they are: the largest --steps is accepted and refused for its size on disk. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--algo gd --steps 9223372036854775807      | --steps asks for 9.223e+18 rows of trajectory.csv",
        "--algo gd --steps 999999999999999999       | --steps asks for 1.000e+18 rows of trajectory.csv",
        "--algo gd --steps 9223372036854775808      | --steps must be an integer in [1, 9223372036854775807] (got '9223372036854775808')",
        "--algo gd --samples 99999999999            | --samples must be an integer in [2, 2147483647] (got '99999999999')",
        "--algo gd --lr 1e-300 --t-end 1e300        | --t-end must be at most 9223372036854775807 steps of --lr",
        "--algo gd --lr 1e-10 --t-end 1e10          | --t-end must be at most 9223372036854775807 steps of --lr",
    })
    void sizesBeyondWhatCanBeDoneAreRefusedUpFront(String args, String message, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("deep/out");
        List<String> argv = new java.util.ArrayList<>(List.of("run"));
        argv.addAll(List.of(args.trim().split(" ")));
        argv.addAll(List.of("--out", out.toString()));
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn run: " + message.trim()), r.err);
        assertEquals(List.of(), entries(tmp), "nothing written, not even the parent folder");
    }

    /**
     * Rows go to disk as they are computed: 100,000 GD steps, whose rows ended in an
     * OutOfMemoryError in an 8 MB heap when they were kept in memory (7 arrays of doubles, grown
     * by doubling), run in it.
     */
    @Test
    void aLongRunStreamsItsRowsInConstantMemory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("long");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx8m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--algo", "gd", "--steps", "100000", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), Files.readString(tmp.resolve("child.log")));
        try (Stream<String> lines = Files.lines(out.resolve("trajectory.csv"))) {
            assertEquals(100_002, lines.count());
        }
    }

    /**
     * A run stopped with SIGTERM (or Ctrl-C) while it writes leaves neither its output nor its
     * hidden work folder; before, each interrupted run left a .NAME.partial-* folder.
     */
    @Test
    void aRunStoppedBySigtermLeavesNothing(@TempDir Path tmp) throws Exception {
        Path parent = Files.createDirectory(tmp.resolve("parent"));
        Path out = parent.resolve("stopped");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--algo", "gd", "--steps", "50000000", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!writing(parent)) {
                assertTrue(child.isAlive(), "the child ended before it could be stopped");
                assertTrue(System.nanoTime() < deadline, "the child wrote nothing");
                Thread.sleep(10);
            }
            child.destroy();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(143, child.exitValue(), "stopped by SIGTERM");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of(), entries(parent));
    }

    /** Whether a work folder in {@code parent} holds a trajectory of more than a few rows. */
    private static boolean writing(Path parent) throws IOException {
        for (String name : entries(parent)) {
            Path csv = parent.resolve(name).resolve("out/trajectory.csv");
            if (name.startsWith(".stopped.partial-") && Files.exists(csv) && Files.size(csv) > 1 << 20) {
                return true;
            }
        }
        return false;
    }

    /**
     * One rule for an existing --out: an earlier run is replaced whole (a stale plot.png goes with
     * it); a folder holding anything else, such as a compare output, is refused and left as it
     * was; --out '' is refused.
     */
    @Test
    void anExistingOutIsReplacedWholeOrRefused(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        assertEquals(0, CliHarness.run("run", "--algo", "gd", "--steps", "10", "--out", out.toString()).exitCode);
        Files.writeString(out.resolve("plot.png"), "stale");
        CliHarness again = CliHarness.run("run", "--algo", "specgd", "--steps", "20", "--out", out.toString());
        assertEquals(0, again.exitCode, again.err);
        assertEquals(List.of("events.csv", "groups.csv", "run.json", "trajectory.csv"), entries(out));
        assertEquals(22, Files.readAllLines(out.resolve("trajectory.csv")).size());

        Path compare = Files.createDirectory(tmp.resolve("compare"));
        Files.writeString(compare.resolve("compare.json"), "{}");
        CliHarness refused = CliHarness.run("run", "--algo", "gd", "--steps", "10", "--out", compare.toString());
        assertEquals(2, refused.exitCode);
        assertEquals(1, refused.err.lines().count(), refused.err);
        assertTrue(refused.err.contains("is not an earlier output of this command (it has no run.json)"), refused.err);
        assertEquals(List.of("compare.json"), entries(compare));

        CliHarness empty = CliHarness.run("run", "--algo", "gd", "--steps", "10", "--out", "");
        assertEquals(2, empty.exitCode);
        assertTrue(empty.err.startsWith("specdyn run: cannot write --out '': names no folder"), empty.err);
        assertEquals(List.of("compare", "run"), entries(tmp));
    }

    /** A dangling link, a looping one and a path through a file are refused before any computation. */
    @Test
    void unusableOutputsAreRefusedWithTheirReason(@TempDir Path tmp) throws IOException {
        Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("missing"));
        Files.createSymbolicLink(tmp.resolve("loop1"), tmp.resolve("loop2"));
        Files.createSymbolicLink(tmp.resolve("loop2"), tmp.resolve("loop1"));
        Files.writeString(tmp.resolve("file"), "");
        String[][] cases = {{"dangling", "which does not exist"}, {"loop1", "cannot be followed"},
            {"file/sub", "is a file, not a folder"}};
        for (String[] c : cases) {
            // a billion steps: refused at once, or the test would not end
            CliHarness r = CliHarness.run("run", "--algo", "gd", "--steps", "1000000000", "--out", tmp.resolve(c[0]).toString());
            assertEquals(2, r.exitCode, c[0] + ": " + r.err);
            assertEquals(1, r.err.lines().count(), r.err);
            assertTrue(r.err.startsWith("specdyn run: cannot write --out ") && r.err.contains(c[1]), r.err);
        }
        assertEquals(List.of("dangling", "file", "loop1", "loop2"), entries(tmp));
    }

    /** Each message blames the option that is wrong: before, these blamed --d and --spectrum. */
    @Test
    void messagesBlameTheRightOption(@TempDir Path tmp) throws IOException {
        Path two = Files.writeString(tmp.resolve("two.txt"), "1\n2\n");
        CliHarness file = CliHarness.run("run", "--engine", "full", "--algo", "gd", "--spectrum", "file:" + two,
                "--out", tmp.resolve("a").toString());
        assertEquals(2, file.exitCode, file.err);
        assertEquals("specdyn run: --spectrum file:" + two + " holds 2 directions; it needs at least 3 (the signal, "
                + "the spike and a bulk direction)", file.err.strip());
        CliHarness alpha = CliHarness.run("run", "--engine", "full", "--algo", "gd", "--spectrum", "power-law",
                "--alpha", "1e308", "--d", "16", "--out", tmp.resolve("b").toString());
        assertEquals(2, alpha.exitCode, alpha.err);
        assertTrue(alpha.err.startsWith("specdyn run: --alpha must be at most 308.254 with d = 16 and the signal at 10"),
                alpha.err);
        assertEquals(List.of("two.txt"), entries(tmp));
    }
}
