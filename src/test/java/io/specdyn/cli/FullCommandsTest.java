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

    /** A finite-sample run adds train_loss; a muon run states its conventions; run.json records --threads. */
    @Test
    void finiteSampleAndMuonRunsStateWhatTheyDid(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("muon");
        CliHarness r = CliHarness.run("run", "--engine", "full", "--algo", "muon", "--momentum", "0.9", "--d", "8",
                "--samples-n", "50", "--steps", "4", "--threads", "3", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        assertEquals("step,t,a,b,c,loss,alignment,offmanifold,train_loss",
                Files.readAllLines(out.resolve("trajectory.csv")).get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("run.json")));
        assertEquals(3.0, manifest.get("threads"));
        @SuppressWarnings("unchecked")
        Map<String, Object> muon = (Map<String, Object>) manifest.get("rule");
        assertEquals("muon", muon.get("name"));
        assertEquals(List.of(3.4445, -4.775, 2.0315), muon.get("ns-coefficients"));
        assertEquals(5.0, muon.get("ns-steps"));
        assertEquals(1e-7, muon.get("ns-eps"));
        assertEquals(0.9, muon.get("momentum"));
        assertEquals(true, muon.get("nesterov"));
        assertEquals("double", muon.get("ns-precision"));
    }

    @Test
    void spectrumFromAFile(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("eig.txt"), "# eigenvalues, one run a line\n1\n4\n0.5 2\n0.25\n");
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

    /**
     * What does not reduce, or would make compare's two runs different problems, is refused with one
     * line, exit 2 and nothing written; the options compare always refuses are not listed in its help.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--m 20                               | --m must equal d = 16 for compare",
        "--samples-n 100                      | --samples-n does not apply to compare",
        "--momentum 0.5                       | --momentum does not apply to gd (it applies to muon and momentum)",
        "--samples 10                         | --samples does not apply to compare",
        "--init gaussian                      | --init gaussian starts off the manifold; compare needs iso or a,b,c",
        "--spectrum power-law --m 20          | --m must equal d = 16 for compare",
        "--spectrum spikes:3,4 --samples-n 50 | --samples-n does not apply to compare",
        "--spectrum power-law --init 1,2,3    | --init a,b,c applies to the spiked spectrum",
        "--spectrum spikes:3,-2               | --spectrum must be spikes:K1,K2,... with each K a finite number > -1",
    })
    void compareRefusesWhatDoesNotReduce(String args, String message, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        List<String> argv = new java.util.ArrayList<>(List.of("compare", "--algo", "gd", "--d", "16", "--steps", "5",
                "--out", out.toString()));
        argv.addAll(List.of(args.trim().split("\\s+")));
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.startsWith("specdyn compare: " + message.trim()), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(Files.notExists(out));
        String help = CliHarness.run("compare", "--help").out;
        for (String option : args.trim().split("\\s+")) {
            if (CompareCommand.HideRefused.HIDDEN.contains(option)) {
                assertTrue(!help.contains(option + "="), option + " is listed in compare --help");
            }
        }
    }

    /**
     * compare reduces any diagonal spectrum: a power law (one group per direction), a list with its
     * signal inside a run of equal eigenvalues, several spikes. The two engines agree to rounding (the
     * 32 x 32 products, a few eps each; 1e-13 with room) in both stages, and compare.csv names the
     * columns compared: a, b, loss and alignment.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--spectrum power-law --alpha 1.5",
        "--spectrum file:LIST --signal-index 6",
        "--spectrum spikes:20,5,5 --signal-index 2",
    })
    void compareReducesAnyDiagonalSpectrum(String problem, @TempDir Path tmp) throws IOException {
        Path list = Files.writeString(tmp.resolve("eig.txt"), "3\n1 10\n0.5 20\n0.25\n");
        Path out = tmp.resolve("cmp");
        List<String> argv = new java.util.ArrayList<>(List.of("compare", "--algo", "gd", "--d", "32", "--lr", "0.01",
                "--steps", "600", "--out", out.toString()));
        argv.addAll(List.of(problem.replace("LIST", list.toString()).trim().split("\\s+")));
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(0, r.exitCode, r.err);
        assertEquals("step,t,a_red,b_red,loss_red,alignment_red,a_full,b_full,loss_full,alignment_full,max_abs_dev,"
                + "offmanifold", Files.readAllLines(out.resolve("compare.csv")).get(0));
        assertEquals(602, Files.readAllLines(out.resolve("compare.csv")).size());
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) ((Map<String, Object>) Json.parse(
                Files.readString(out.resolve("compare.json")))).get("summary");
        assertEquals(List.of("a", "b", "loss", "alignment"), summary.get("compared"));
        assertTrue((Double) summary.get("escaped_step") > 0, summary.toString());
        assertTrue((Double) summary.get("stage_I_max_rel_dev") < 1e-13, summary.toString());
        assertTrue((Double) summary.get("stage_II_max_rel_dev") < 1e-13, summary.toString());
        assertEquals(-1.0, summary.get("first_off_manifold_step"));
        assertTrue(r.out.startsWith("compared: a, b, loss, alignment"), r.out);
        String help = CliHarness.run("compare", "--help").out;
        for (String option : List.of("--spectrum=", "--alpha=", "--signal-index=")) {
            assertTrue(help.contains(option), option + " is accepted and listed in compare --help");
        }
    }

    @Test
    void benchPrintsMillisecondsPerStep() {
        CliHarness r = CliHarness.run("bench", "full", "--d", "32", "--algo", "specgd", "--steps", "3");
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("ms_per_step=[0-9]+\\.[0-9]{3}")), r.out);
    }

    /**
     * A full run too large for one matrix or for the heap is refused before anything is allocated or
     * written, naming the option and the limit (before: NegativeArraySizeException at d = 60000, and
     * minutes of silence at d = 16000). 16000 needs about 13 GiB of matrices, more than any heap a
     * test JVM gets here; the message gives the setting to raise.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --engine full --algo gd --d 60000                 | specdyn run: --d 60000 needs a 60000 x 60000 matrix",
        "run --engine full --algo gd --d 10 --m 2000000000     | specdyn run: --m 2000000000 (with --d 10) needs a 2000000000 x 10 matrix",
        "run --engine full --algo gd --d 100 --samples-n 3000000 | specdyn run: --samples-n 3000000 (with --d 100) needs a 3000000 x 100 matrix",
        "run --engine full --algo specgd --d 8000              | specdyn run: --d 8000 needs an SVD workspace of",
        "compare --algo gd --d 60000                           | specdyn compare: --d 60000 needs a 60000 x 60000 matrix",
        "sweep --engine full --d 16,20000 --kappa 0 --lr 0.1   | specdyn sweep: --d 20000 needs a 20000 x 20000 matrix",
        "run --engine full --algo gd --d 100 --threads 65      | specdyn run: --threads must be an integer in [1, 64] (got 65)",
        "run --algo gd --threads 2                             | specdyn run: --threads does not apply to --engine reduced",
        "sweep --threads 2 --kappa 0 --lr 0.1                  | specdyn sweep: --threads does not apply to --engine reduced",
        "sweep --engine full --threads 0 --kappa 0 --lr 0.1    | specdyn sweep: --threads must be an integer >= 1",
        "reproduce --only F1 --threads 65                      | specdyn reproduce: --threads must be an integer in [1, 64] (got 65)",
        "compare --algo gd --d 16 --threads 99                 | specdyn compare: --threads must be an integer in [1, 64] (got 99)",
    })
    void oversizedFullRunsAreRefusedBeforeAnythingIsWritten(String args, String message, @TempDir Path tmp)
            throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of(args.trim().split("\\s+")));
        argv.addAll(List.of("--out", tmp.resolve("out").toString()));
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith(message.trim()), r.err);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "nothing written");
        }
    }

    /**
     * A spectrum file of 100,000 eigenvalues sets d = 100,000, far beyond one matrix: refused naming the
     * file the user gave (before: OutOfMemoryError), with nothing written beside it.
     */
    @Test
    void aLongSpectrumFileIsRefusedNamingTheFile(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("eigenvalues.txt");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) {
            lines.append(1 + 1.0 / i).append('\n');
        }
        Files.writeString(file, lines);
        CliHarness r = CliHarness.run("run", "--engine", "full", "--algo", "gd", "--spectrum", "file:" + file, "--out",
                tmp.resolve("out").toString());
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn run: --spectrum file:" + file + " (d = 100000) needs a 100000 x 100000 matrix"),
                r.err);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(file), s.toList(), "nothing written");
        }
    }

    /** d = 16000 fits in one matrix per buffer but needs about 13 GiB in all: refused where the heap is smaller. */
    @Test
    void aRunLargerThanTheHeapIsRefusedWithTheSettingToRaise(@TempDir Path tmp) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(FullLimits.memoryLimit() < 12L << 30, "a heap of 12 GiB or more");
        CliHarness r = CliHarness.run("run", "--engine", "full", "--algo", "gd", "--d", "16000", "--out",
                tmp.resolve("out").toString());
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.matches("specdyn run: --d 16000 needs about 13\\.\\d GiB, the heap allows \\d+\\.\\d GiB; "
                + "raise it with SPECDYN_JAVA_OPTS=-Xmx17g\\s*"), r.err);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "nothing written");
        }
    }

    @Test
    void benchFullRefusesAnOversizedProblem() {
        CliHarness r = CliHarness.run("bench", "full", "--d", "60000");
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.startsWith("specdyn bench full: --d 60000 needs a 60000 x 60000 matrix"), r.err);
    }

    /** The plan's memory is that of the matrices the engine allocates; checked on a small problem by hand. */
    @Test
    void thePlanCountsTheEngineMatrices() {
        var problem = new io.specdyn.full.FullProblem(10, io.specdyn.full.CovarianceSpectrum.spiked(10, 5),
                io.specdyn.full.FullProblem.Basis.RANDOM, 0);
        var spec = new io.specdyn.full.FullRunSpec(problem, io.specdyn.full.FullInit.OnManifold.isotropic(1e-3),
                new io.specdyn.full.LossSpec.Population(), io.specdyn.model.Algorithm.GD, 0.01, 10, 1, 0.01);
        io.specdyn.full.FullPlan plan = io.specdyn.full.FullPlan.of(spec);
        // V, G, update, W^T W, K, the basis (native and heap): 6 native and 1 heap 10 x 10 matrices
        assertEquals(8 * 600, plan.nativeBytes());
        assertEquals(8 * 100, plan.heapBytes());
        assertEquals(3.0 * 1000, plan.stepFlops(), 0.0);
        assertEquals(8.0 * 1000 / 3, plan.setupFlops(), 1e-9);
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
        "--spectrum gamma                       | --spectrum must be spiked, power-law, spikes:K1,K2,... or file:PATH (got 'gamma')",
        "--spectrum file:/nonexistent/eig.txt   | --spectrum file:/nonexistent/eig.txt: no such file",
        "--momentum 0.5                         | --momentum does not apply to gd (it applies to muon and momentum)",
        "--algo muon --momentum 1               | --momentum must be a number in [0, 1) (got '1')",
        "--algo muon --nesterov yes             | --nesterov must be true or false (got 'yes')",
        "--algo muon --ns-steps 101             | --ns-steps must be an integer in [0, 100] (got '101')",
        "--algo muon --ns-eps -1                | --ns-eps must be a finite number >= 0 (got '-1')",
        "--algo muon --ns-precision half        | --ns-precision must be double or bf16 (got 'half')",
        "--algo adam --beta2 1                  | --beta2 must be a number in [0, 1) (got '1')",
        "--algo adam --adam-eps 0               | --adam-eps must be a finite number > 0 (got '0')",
        "--algo adam --ns-steps 3               | --ns-steps does not apply to adam (it applies to muon)",
        "--algo signgd --beta1 0.5              | --beta1 does not apply to signgd (it applies to adam)",
        "--sampling online                      | --sampling does not apply to the population loss (no --samples-n)",
        "--algo specgf                          | --algo must be a discrete rule with --engine full (got 'specgf'; the flows run on the reduced engine)",
        "--rtol 1e-9                            | --rtol applies to gf and specgf, not to gd",
    })
    void rejectsBadFullInput(String args, String message, @TempDir Path tmp) throws IOException {
        assertRejected(tmp, args, message);
    }

    /** Spectrum files that are empty, non-numeric, non-positive or of the wrong length. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty.txt    | '# nothing\\n'       | holds no eigenvalues",
        "words.txt    | '1\\nthree\\n4\\n'     | line 2: 'three' is not a number",
        "negative.txt | '1 2\\n-3 4\\n'      | line 2: eigenvalues must be finite numbers > 0 (got -3)",
        "zero.txt     | '1\\n0\\n2\\n'         | line 2: eigenvalues must be finite numbers > 0 (got 0)",
        "short.txt    | '1\\n2 3\\n'         | holds 4 directions; it must hold d = 5",
        "three.txt    | '1 2 3\\n'           | line 1: '1 2 3' holds 3 numbers; a line is 'eigenvalue' or 'eigenvalue multiplicity'",
        "half.txt     | '1\\n2 0.5\\n1 3\\n'   | line 2: the multiplicity must be an integer >= 1 (got 0.5)",
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
