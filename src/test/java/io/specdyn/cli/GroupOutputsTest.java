package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.io.Json;
import io.specdyn.io.OutputDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The folder of a reduced run over K eigenvalue groups: trajectory.csv, groups.csv, coefficients.csv,
 * events.csv and run.json, checked against the spectrum as given and against GD iterated here.
 */
class GroupOutputsTest {

    /** A CSV file: its header and its rows as numbers. */
    private record Csv(String header, List<double[]> rows, List<String> lines) {
        static Csv read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int j = 0; j < f.length; j++) {
                    v[j] = Double.parseDouble(f[j]);
                }
                rows.add(v);
            }
            return new Csv(lines.get(0), rows, lines.subList(1, lines.size()));
        }

        int column(String name) {
            int j = List.of(header.split(",")).indexOf(name);
            assertTrue(j >= 0, "no column " + name + " in " + header);
            return j;
        }
    }

    private static Map<?, ?> manifest(Path out) throws IOException {
        return (Map<?, ?>) Json.parse(Files.readString(out.resolve("run.json")));
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * GD over groups, iterated here from the formulas: T = sum n_k l_k (w_k^2 - t_k),
     * w_k <- w_k - lr w_k [l_k T + 2 l_k^2 (w_k^2 - t_k)], the signal first (target 1).
     *
     * @return the coefficients at steps 0..steps
     */
    private static double[][] gd(double[] lambda, double[] n, double w0, double lr, int steps) {
        int k = lambda.length;
        double[][] w = new double[steps + 1][k];
        java.util.Arrays.fill(w[0], w0);
        for (int s = 0; s < steps; s++) {
            double t = 0;
            for (int i = 0; i < k; i++) {
                t += n[i] * lambda[i] * (w[s][i] * w[s][i] - (i == 0 ? 1 : 0));
            }
            for (int i = 0; i < k; i++) {
                double x = w[s][i];
                w[s + 1][i] = x - lr * x * (lambda[i] * t + 2 * lambda[i] * lambda[i] * (x * x - (i == 0 ? 1 : 0)));
            }
        }
        return w;
    }

    /**
     * GD over rounding-different but equal formulas drifts by a few ulps a step; during the escape
     * the coefficients and their errors grow by the same factor, so the relative error stays near
     * steps x 1e-16. Measured: at most 3.6e-15 over these runs (relative to max(|value|, 1e-3));
     * 1e-12 leaves room and still catches a wrong group, eigenvalue or multiplicity, which change
     * the values by far more within the first steps.
     */
    private static final double ITERATION_TOLERANCE = 1e-12;

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= ITERATION_TOLERANCE * Math.max(Math.abs(expected), 1e-3),
                what + ": expected " + expected + ", got " + actual);
    }

    /**
     * A spectrum file with multiplicities, 1, 5 (x2), 0.5 (x3): d = 6, the signal first, the spike
     * the eigenvalue 5. Every file is there, with its header; groups.csv lists the file's groups;
     * coefficients.csv holds GD's coefficients (iterated here), agrees with trajectory.csv's a and b,
     * and its bulk groups give trajectory.csv's bulk_rms.
     */
    @Test
    void aFileSpectrumWritesItsGroupsAndEveryCoefficient(@TempDir Path tmp) throws IOException {
        Path spectrum = Files.writeString(tmp.resolve("s.txt"), "1\n5 2\n0.5 3\n");
        Path out = tmp.resolve("run");
        CliHarness r = CliHarness.run("run", "--algo", "gd", "--spectrum", "file:" + spectrum, "--lr", "0.01",
                "--steps", "400", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        assertEquals(List.of("coefficients.csv", "events.csv", "groups.csv", "run.json", "trajectory.csv"), entries(out));
        assertTrue(r.out.contains("(trajectory.csv, coefficients.csv, groups.csv, events.csv, run.json)"), r.out);
        assertTrue(r.out.contains(" bulk_rms=") && !r.out.contains(" c="), r.out);

        assertEquals(List.of("group,eigenvalue,multiplicity,target", "1,1,1,1", "2,5,2,0", "3,0.5,3,0"),
                Files.readAllLines(out.resolve("groups.csv")));
        assertEquals("name,t,step,a,b,bulk_rms", Files.readAllLines(out.resolve("events.csv")).get(0));

        Csv trajectory = Csv.read(out.resolve("trajectory.csv"));
        Csv coefficients = Csv.read(out.resolve("coefficients.csv"));
        assertEquals("step,t,a,loss,alignment,b,bulk_rms", trajectory.header());
        assertEquals("step,t,g1,g2,g3", coefficients.header());
        assertEquals(401, trajectory.rows().size());
        assertCoefficientsMatch(trajectory, coefficients, Csv.read(out.resolve("groups.csv")));

        double[][] w = gd(new double[] {1, 5, 0.5}, new double[] {1, 2, 3}, 1e-3, 0.01, 400);
        for (int s = 0; s <= 400; s++) {
            for (int k = 0; k < 3; k++) {
                assertClose(w[s][k], coefficients.rows().get(s)[2 + k], "g" + (k + 1) + " at step " + s);
            }
        }

        Map<?, ?> m = manifest(out);
        Map<?, ?> problem = (Map<?, ?>) m.get("problem");
        assertEquals(6.0, problem.get("d"));
        assertEquals(3.0, problem.get("groups"));
        assertEquals(5.0, problem.get("spike-eigenvalue"));
        assertEquals(Map.of("every-group", 1e-3), m.get("init"));
        assertEquals(1.0, ((Map<?, ?>) m.get("schedule")).get("every"));
        assertEquals(Map.of("option", "auto", "written", true), m.get("coefficients"));
        assertEquals(List.of("trajectory.csv", "coefficients.csv", "groups.csv", "events.csv", "run.json"), m.get("files"));
    }

    /**
     * Row by row, coefficients.csv has trajectory.csv's step and t, its g1 is a and g2 is b (the same
     * text), and the root mean square of g3..gK weighted by groups.csv's multiplicities is bulk_rms.
     */
    private static void assertCoefficientsMatch(Csv trajectory, Csv coefficients, Csv groups) {
        assertEquals(trajectory.rows().size(), coefficients.rows().size());
        int a = trajectory.column("a");
        int b = trajectory.column("b");
        int bulk = trajectory.column("bulk_rms");
        for (int i = 0; i < trajectory.rows().size(); i++) {
            String[] row = trajectory.lines().get(i).split(",");
            String[] g = coefficients.lines().get(i).split(",");
            assertEquals(row[0] + "," + row[1] + "," + row[a] + "," + row[b], g[0] + "," + g[1] + "," + g[2] + "," + g[3],
                    "row " + i);
            double sum = 0;
            double count = 0;
            for (int k = 2; k < groups.rows().size(); k++) {
                double n = groups.rows().get(k)[2];
                double x = coefficients.rows().get(i)[2 + k];
                sum += n * x * x;
                count += n;
            }
            // the same sum in the same order up to the engine's fused pass: a few ulps
            double expected = Math.sqrt(sum / count);
            assertEquals(expected, trajectory.rows().get(i)[bulk], 1e-14 * expected, "bulk_rms at row " + i);
        }
    }

    /**
     * A power law (eigenvalue i equal to (i/10)^-1, d = 20): groups.csv holds the signal (i = 10),
     * the spike (i = 1), then the rest by decreasing eigenvalue; a flow's coefficients.csv has a row
     * for each of its rows, event rows included.
     */
    @Test
    void aPowerLawListsItsGroupsInTheEnginesOrder(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("gf");
        CliHarness r = CliHarness.run("run", "--algo", "gf", "--spectrum", "power-law", "--alpha", "1", "--d", "20",
                "--t-end", "4", "--samples", "41", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        Csv groups = Csv.read(out.resolve("groups.csv"));
        assertEquals("group,eigenvalue,multiplicity,target", groups.header());
        List<Integer> order = new ArrayList<>(List.of(10, 1));
        for (int i = 2; i <= 20; i++) {
            if (i != 10) {
                order.add(i);
            }
        }
        assertEquals(20, groups.rows().size());
        for (int k = 0; k < 20; k++) {
            double[] row = groups.rows().get(k);
            assertEquals(k + 1, row[0]);
            assertEquals(Math.pow(order.get(k) / 10.0, -1), row[1], 1e-15 * row[1], "group " + (k + 1));
            assertEquals(1, row[2]);
            assertEquals(k == 0 ? 1 : 0, row[3]);
        }
        Csv trajectory = Csv.read(out.resolve("trajectory.csv"));
        Csv coefficients = Csv.read(out.resolve("coefficients.csv"));
        assertTrue(trajectory.rows().size() > 41, "event rows are added to the samples");
        assertEquals(String.join(",", Stream.concat(Stream.of("step", "t"),
                java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(k -> "g" + k)).toList()), coefficients.header());
        assertCoefficientsMatch(trajectory, coefficients, groups);
        Map<?, ?> m = manifest(out);
        Map<?, ?> spectrum = (Map<?, ?>) ((Map<?, ?>) m.get("problem")).get("spectrum");
        assertEquals("power-law", spectrum.get("kind"));
        assertEquals(1.0, spectrum.get("alpha"));
        assertFalse(((Map<?, ?>) m.get("schedule")).containsKey("every"), "flows have no --every");
    }

    /**
     * Same inputs, same bytes, in every file but run.json (its wall time); --out - streams the same
     * trajectory rows, and nothing else, for a spectrum whose coefficients a folder would hold.
     */
    @Test
    void isDeterministicAndStreamsOnlyTheTrajectory(@TempDir Path tmp) throws IOException {
        String[] args = {"run", "--algo", "specgd", "--spectrum", "power-law", "--d", "40", "--steps", "300"};
        assertEquals(0, CliHarness.run(concat(args, "--out", tmp.resolve("1").toString())).exitCode);
        assertEquals(0, CliHarness.run(concat(args, "--out", tmp.resolve("2").toString())).exitCode);
        for (String f : new String[] {"trajectory.csv", "coefficients.csv", "groups.csv", "events.csv"}) {
            assertEquals(Files.readString(tmp.resolve("1").resolve(f)), Files.readString(tmp.resolve("2").resolve(f)), f);
        }
        CliHarness streamed = CliHarness.run(concat(args, "--out", "-"));
        assertEquals(0, streamed.exitCode, streamed.err);
        assertEquals(Files.readString(tmp.resolve("1").resolve("trajectory.csv")), streamed.out);
    }

    /**
     * --every N writes steps 0, N, 2N, ... and the last, the same lines as the run that writes
     * every step, in trajectory.csv and coefficients.csv alike; events keep their exact step.
     */
    @Test
    void everyThinsTheRowsOfBothFiles(@TempDir Path tmp) throws IOException {
        Path spectrum = Files.writeString(tmp.resolve("s.txt"), "1\n5 2\n0.5 3\n");
        Path all = tmp.resolve("all");
        Path thin = tmp.resolve("thin");
        String[] args = {"run", "--algo", "specgd", "--spectrum", "file:" + spectrum, "--lr", "0.001", "--steps", "1000"};
        assertEquals(0, CliHarness.run(concat(args, "--out", all.toString())).exitCode);
        CliHarness r = CliHarness.run(concat(args, "--every", "7", "--out", thin.toString()));
        assertEquals(0, r.exitCode, r.err);
        for (String file : new String[] {"trajectory.csv", "coefficients.csv"}) {
            List<String> every = Files.readAllLines(all.resolve(file));
            List<String> expected = new ArrayList<>(List.of(every.get(0)));
            for (int step = 0; step <= 1000; step++) {
                if (step % 7 == 0 || step == 1000) {
                    expected.add(every.get(step + 1));
                }
            }
            assertEquals(expected, Files.readAllLines(thin.resolve(file)), file);
        }
        assertEquals(Files.readString(all.resolve("events.csv")), Files.readString(thin.resolve("events.csv")));
        assertEquals(7.0, ((Map<?, ?>) manifest(thin).get("schedule")).get("every"));
        assertEquals(144.0, manifest(thin).get("rows"), "0, the 142 multiples of 7 up to 994, and 1000");
    }

    private static String[] concat(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    /**
     * --coefficients: auto writes them for other spectra of at most 1000 groups, not for the
     * spiked one nor for 1001 groups; always and never override it. Spiked with always: g1, g2,
     * g3 are a, b, c.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--spectrum spiked                       | auto   | false",
        "--spectrum spiked                       | always | true",
        "--spectrum power-law --d 50             | never  | false",
        "--spectrum power-law --d 1000           | auto   | true",
        "--spectrum power-law --d 1001           | auto   | false",
        "--spectrum power-law --d 1001           | always | true",
    })
    void coefficientsAreWrittenAsAsked(String problem, String choice, boolean written, @TempDir Path tmp)
            throws IOException {
        Path out = tmp.resolve("run");
        List<String> argv = new ArrayList<>(List.of("run", "--algo", "gd", "--steps", "3", "--out", out.toString()));
        argv.addAll(List.of(problem.trim().split("\\s+")));
        if (!choice.equals("auto")) {
            argv.addAll(List.of("--coefficients", choice));
        }
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(0, r.exitCode, r.err);
        assertEquals(written, Files.exists(out.resolve("coefficients.csv")));
        assertEquals(Map.of("option", choice, "written", written), manifest(out).get("coefficients"));
        assertEquals(written, ((List<?>) manifest(out).get("files")).contains("coefficients.csv"));
        if (written && problem.contains("spiked")) {
            List<String> coefficients = Files.readAllLines(out.resolve("coefficients.csv"));
            List<String> trajectory = Files.readAllLines(out.resolve("trajectory.csv"));
            assertEquals("step,t,g1,g2,g3", coefficients.get(0));
            for (int i = 1; i < trajectory.size(); i++) {
                String[] row = trajectory.get(i).split(",");
                assertEquals(String.join(",", row[0], row[1], row[2], row[3], row[4]), coefficients.get(i));
            }
        }
    }

    /**
     * The spiked run keeps its outputs: trajectory.csv's header and the (a, b, c) map iterated here
     * from the paper's three-coefficient formulas (T = lt (a^2 - 1) + lu b^2 + (d - 2) lp c^2), the
     * loss and the alignment; events.csv keeps its c; groups.csv lists signal, spike and bulk.
     */
    @Test
    void theSpikedRunKeepsItsOutputs(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("spiked");
        CliHarness r = CliHarness.run("run", "--algo", "gd", "--lr", "0.02", "--steps", "300", "--kappa", "5",
                "--d", "100", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        assertEquals(List.of("events.csv", "groups.csv", "run.json", "trajectory.csv"), entries(out));
        assertEquals("name,t,step,a,b,c", Files.readAllLines(out.resolve("events.csv")).get(0));
        assertTrue(r.out.contains(" c=") && !r.out.contains("bulk_rms"), r.out);
        assertEquals(List.of("group,eigenvalue,multiplicity,target", "1,1,1,1", "2,6,1,0", "3,1,98,0"),
                Files.readAllLines(out.resolve("groups.csv")));
        Csv trajectory = Csv.read(out.resolve("trajectory.csv"));
        assertEquals("step,t,a,b,c,loss,alignment", trajectory.header());
        double lt = 1;
        double lu = 6;
        double lp = 1;
        double a = 1e-3;
        double b = 1e-3;
        double c = 1e-3;
        for (int s = 0; s <= 300; s++) {
            double t = lt * (a * a - 1) + lu * b * b + 98 * lp * c * c;
            double loss = 0.25 * (t * t + 2 * (sq(lt * (a * a - 1)) + sq(lu * b * b) + 98 * sq(lp * c * c)));
            double alignment = a * a / Math.sqrt(sq(a * a) + sq(b * b) + 98 * sq(c * c));
            double[] row = trajectory.rows().get(s);
            assertEquals(s, row[0]);
            assertEquals(s * 0.02, row[1], 1e-15 * s);
            assertClose(a, row[2], "a at step " + s);
            assertClose(b, row[3], "b at step " + s);
            assertClose(c, row[4], "c at step " + s);
            assertClose(loss, row[5], "loss at step " + s);
            assertClose(alignment, row[6], "alignment at step " + s);
            double na = a - 0.02 * a * (lt * t + 2 * lt * lt * (a * a - 1));
            double nb = b - 0.02 * b * (lu * t + 2 * lu * lu * b * b);
            double nc = c - 0.02 * c * (lp * t + 2 * lp * lp * c * c);
            a = na;
            b = nb;
            c = nc;
        }
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Refused with exit code 2 and one line naming the option, before anything is written. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--algo gd --coefficients always --out -       | --coefficients always writes coefficients.csv into a folder",
        "--algo gf --every 5                           | --every applies to the discrete rules, not to gf",
        "--algo specgf --every 5                       | --every applies to the discrete rules, not to specgf",
        "--algo gd --coefficients sometimes            | --coefficients expected one of [auto, always, never]",
        "--algo gd --every 0                           | --every must be an integer >= 1 (got '0')",
        "--engine full --algo gd --coefficients never  | --coefficients does not apply to --engine full",
    })
    void refusals(String args, String message, @TempDir Path tmp) throws IOException {
        List<String> argv = new ArrayList<>(List.of("run"));
        argv.addAll(List.of(args.trim().split("\\s+")));
        if (!argv.contains("--out")) {
            argv.addAll(List.of("--out", tmp.resolve("out").toString()));
        }
        CliHarness r = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn run: " + message.trim()), r.err);
        assertEquals("", r.out);
        assertEquals(List.of(), entries(tmp), "nothing written");
    }

    /**
     * The disk check counts coefficients.csv: a run whose trajectory alone would fit (at two bytes a
     * value) is refused before any work when its 1000 groups' coefficients are written too, and the
     * message names the options that write less.
     */
    @Test
    void theDiskCheckCountsTheCoefficients(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("deep/out");
        long free = OutputDir.usableSpace(tmp);
        // trajectory.csv: 7 values a row, at least 14 bytes; with coefficients.csv, 1002 more values
        long steps = free / 200;
        CliHarness r = CliHarness.run("run", "--algo", "gd", "--spectrum", "power-law", "--d", "1000", "--steps",
                Long.toString(steps), "--out", out.toString());
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn run: --steps asks for ") && r.err.contains(" rows of trajectory.csv and "
                + "coefficients.csv, ") && r.err.contains("at 2018 a row") && r.err.contains("--every N")
                && r.err.contains("--coefficients never") && r.err.contains("--out -"), r.err);
        assertEquals(List.of(), entries(tmp));
    }

    /**
     * Coefficients go to disk as rows come: 1000 groups over 1000 steps (1e6 coefficients, 8 MB
     * as doubles) are written from an 8 MB heap, in which keeping them would not fit.
     */
    @Test
    void coefficientsAreStreamedInConstantMemory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("long");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx8m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--algo", "gd", "--spectrum", "power-law", "--d", "1000", "--steps", "1000",
                "--lr", "1e-4", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), Files.readString(tmp.resolve("child.log")));
        try (Stream<String> lines = Files.lines(out.resolve("coefficients.csv"))) {
            assertEquals(1002, lines.count());
        }
    }

    /**
     * A spectrum whose groups would not fit in the heap is refused before it is built: a million
     * power-law groups, about 200 MB for the engine, from a 32 MB heap.
     */
    @Test
    void groupsBeyondTheHeapAreRefusedBeforeWork(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("big");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--algo", "gd", "--spectrum", "power-law", "--d", "1000000", "--out",
                out.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(tmp.resolve("child.log"));
        assertEquals(2, child.exitValue(), log);
        assertTrue(log.startsWith("specdyn run: --d 1000000 gives 1000000 eigenvalue groups") && log.contains("-Xmx"), log);
        assertEquals(List.of("child.log"), entries(tmp));
    }

    /**
     * convergence takes the same spectra: gd against gf over a power law's groups is written with its
     * problem and start; so is specgd against SpecGF, whose Filippov solver runs over the groups too.
     */
    @Test
    void convergenceRunsOverGroups(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("conv");
        CliHarness gd = CliHarness.run("convergence", "--algo", "gd", "--spectrum", "power-law", "--d", "12", "--lr",
                "1e-2,5e-3", "--t-end", "1", "--out", out.toString());
        assertEquals(0, gd.exitCode, gd.err);
        Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(out.resolve("convergence.json")));
        assertEquals(12.0, ((Map<?, ?>) m.get("problem")).get("groups"));
        assertEquals(Map.of("every-group", 1e-3), m.get("init"));
        Path flow = tmp.resolve("specgf");
        CliHarness specgd = CliHarness.run("convergence", "--algo", "specgd", "--spectrum", "power-law", "--d", "12",
                "--lr", "1e-3,5e-4", "--t-end", "2", "--out", flow.toString());
        assertEquals(0, specgd.exitCode, specgd.err);
        Map<?, ?> f = (Map<?, ?>) Json.parse(Files.readString(flow.resolve("convergence.json")));
        assertEquals(12.0, ((Map<?, ?>) f.get("problem")).get("groups"));
        assertEquals(List.of("conv", "specgf"), entries(tmp));
    }
}
