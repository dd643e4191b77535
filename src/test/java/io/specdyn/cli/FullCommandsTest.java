package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FullCommandsTest {

    @Test
    void fullRunWritesTheOffManifoldColumn(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("full");
        CliHarness r = CliHarness.run("run", "--engine", "full", "--algo", "specgd", "--d", "16", "--lr", "0.01",
                "--steps", "50", "--every", "10", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        List<String> rows = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals("step,t,a,b,c,loss,alignment,offmanifold", rows.get(0));
        assertEquals(7, rows.size());
        assertTrue(rows.get(6).startsWith("50,0.5,"));
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("run.json")));
        assertEquals("full", manifest.get("engine"));
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = (Map<String, Object>) manifest.get("problem");
        assertEquals(16.0, problem.get("m"));
        assertEquals("random", problem.get("basis"));
        assertEquals(0.0, problem.get("seed"));
        assertEquals(Map.of("kind", "population"), manifest.get("loss"));
    }

    @Test
    void spectrumFromAFile(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("eig.txt"), "# eigenvalues\n1, 4\n0.5 0.5\n0.25\n");
        Path out = tmp.resolve("run");
        CliHarness r = CliHarness.run("run", "--engine", "full", "--algo", "gd", "--spectrum", "file:" + file,
                "--steps", "5", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = (Map<String, Object>) ((Map<String, Object>) Json.parse(
                Files.readString(out.resolve("run.json")))).get("problem");
        assertEquals(5.0, problem.get("d"));
        assertEquals(2.0, problem.get("spike-index"));
    }

    @Test
    void compareWritesItsFilesAndSummary(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("cmp");
        CliHarness r = CliHarness.run("compare", "--algo", "gd", "--d", "16", "--lr", "0.02", "--steps", "200",
                "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        assertEquals("step,t,a_red,b_red,c_red,a_full,b_full,c_full,max_abs_dev,offmanifold",
                Files.readAllLines(out.resolve("compare.csv")).get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) ((Map<String, Object>) Json.parse(
                Files.readString(out.resolve("compare.json")))).get("summary");
        assertTrue((Double) summary.get("stage_II_max_rel_dev") < 1e-9);
        assertEquals(-1.0, summary.get("first_off_manifold_step"));
        assertTrue(r.out.contains("stage I"));
    }

    /**
     * A spike below the bulk (kappa = -0.5, or lu = 0.5 < lp = 2): the full run measures b on the spike
     * u and follows the reduced run to round-off; before, it took a bulk direction for the spike
     * (deviation 4.3e-3, "left the manifold at step 1"). run.json names the spike.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"--kappa -0.5 | 0.5", "--lu 0.5 --lp 2 | 0.5", "--kappa 0 | 1"})
    void compareFollowsASpikeBelowTheBulk(String problem, double spikeEigenvalue, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("cmp");
        List<String> argv = new java.util.ArrayList<>(List.of("compare", "--algo", "gd", "--d", "16", "--lr", "0.01",
                "--steps", "2000", "--out", out.toString()));
        argv.addAll(List.of(problem.trim().split("\\s+")));
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(0, r.exitCode, r.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("compare.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) manifest.get("summary");
        assertTrue((Double) summary.get("stage_I_max_rel_dev") < 1e-12, summary.toString());
        assertTrue((Double) summary.get("stage_II_max_rel_dev") < 1e-12, summary.toString());
        assertEquals(-1.0, summary.get("first_off_manifold_step"));
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) manifest.get("problem");
        assertEquals(2.0, p.get("spike-index"));
        assertEquals(spikeEigenvalue, (Double) p.get("spike-eigenvalue"), 0.0);
        assertTrue(((String) p.get("spike-rule")).contains("whatever its eigenvalue"));
    }

    /** Options that would make compare's two runs different problems are refused, and not listed in its help. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--signal-index 3          | --signal-index must be 1 for compare",
        "--m 20                    | --m must equal d = 16 for compare",
        "--samples-n 100           | --samples-n does not apply to compare",
        "--spectrum power-law      | --spectrum must be spiked for compare",
        "--momentum 0.5            | --momentum does not apply to compare",
        "--samples 10              | --samples does not apply to compare",
    })
    void compareRefusesWhatWouldChangeTheProblem(String args, String message, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        List<String> argv = new java.util.ArrayList<>(List.of("compare", "--algo", "gd", "--d", "16", "--steps", "5",
                "--out", out.toString()));
        argv.addAll(List.of(args.trim().split("\\s+")));
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.startsWith("specdyn compare: " + message.trim()), r.err);
        assertTrue(Files.notExists(out));
        String help = CliHarness.run("compare", "--help").out;
        String option = args.trim().split("\\s+")[0];
        assertTrue(!help.contains(option + "="), option + " is listed in compare --help");
    }

    @Test
    void benchPrintsMillisecondsPerStep() {
        CliHarness r = CliHarness.run("bench", "full", "--d", "32", "--algo", "specgd", "--steps", "3");
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("ms_per_step=[0-9]+\\.[0-9]{3}")), r.out);
    }

    /** Bad input to the full engine: exit 2, one line naming the option and its range, nothing written. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--m 0                                  | --m must be an integer >= 1 (got '0')",
        "--samples-n 0                          | --samples-n must be an integer >= 1 (got '0')",
        "--seed 12x                             | --seed must be an integer in [",
        "--spectrum power-law --alpha -1        | --alpha must be a finite number >= 0 (got '-1')",
        "--spectrum power-law --signal-index 0  | --signal-index must be an integer >= 1 (got '0')",
        "--d 10 --signal-index 11               | --signal-index must be an integer in [1, 10] (got 11)",
        "--spectrum gamma                       | --spectrum must be spiked, power-law or file:PATH (got 'gamma')",
        "--spectrum file:/nonexistent/eig.txt   | --spectrum file:/nonexistent/eig.txt: no such file",
        "--momentum 0.5                         | --momentum applies to muon only",
        "--sampling online                      | --sampling does not apply to the population loss (no --samples-n)",
        "--algo specgf                          | --algo must be gd, specgd or muon with --engine full (got 'specgf')",
        "--rtol 1e-9                            | --rtol applies to gf and specgf, not to gd",
    })
    void rejectsBadFullInput(String args, String message, @TempDir Path tmp) throws IOException {
        assertRejected(tmp, args, message);
    }

    /** Spectrum files that are empty, non-numeric, non-positive or of the wrong length. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty.txt    | '# nothing\\n'       | holds no eigenvalues",
        "words.txt    | '1 2 three 4\\n'     | line 1: 'three' is not a number",
        "negative.txt | '1 2\\n-3 4\\n'      | line 2: eigenvalues must be finite numbers > 0 (got -3)",
        "zero.txt     | '1 0 2\\n'           | line 1: eigenvalues must be finite numbers > 0 (got 0)",
        "short.txt    | '1 2 3 4\\n'         | holds 4 eigenvalues; it must hold d = 5",
    })
    void rejectsBadSpectrumFiles(String name, String content, String message, @TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("in"));
        Path file = Files.writeString(dir.resolve(name), content.replace("\\n", "\n"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        assertRejected(work, "--d 5 --spectrum file:" + file, "--spectrum file:" + file + (message.startsWith("line") ? " " : " ") + message);
    }

    private static void assertRejected(Path tmp, String args, String message) throws IOException {
        Path out = tmp.resolve("out");
        boolean hasAlgo = args.contains("--algo");
        String[] argv = Stream.of(Stream.of("run", "--engine", "full"), hasAlgo ? Stream.<String>empty() : Stream.of("--algo", "gd"),
                Stream.of(args.trim().split("\\s+")), Stream.of("--out", out.toString()))
                .flatMap(s -> s).toArray(String[]::new);
        CliHarness r = CliHarness.run(argv);
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn run: " + message.trim()), r.err);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("out")
                    || p.getFileName().toString().startsWith(".out")).count(), "nothing written");
        }
    }
}
