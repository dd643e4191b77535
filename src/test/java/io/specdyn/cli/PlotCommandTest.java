package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {

    @Test
    void plotsRunAndCompareFolders(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, CliHarness.run("run", "--algo", "specgf", "--t-end", "2", "--out", run.toString()).exitCode);
        Path full = tmp.resolve("full");
        assertEquals(0, CliHarness.run("run", "--engine", "full", "--algo", "gd", "--d", "12", "--steps", "100", "--lr",
                "0.02", "--out", full.toString()).exitCode);
        Path cmp = tmp.resolve("cmp");
        assertEquals(0, CliHarness.run("compare", "--algo", "specgd", "--d", "12", "--lr", "0.01", "--steps", "200",
                "--out", cmp.toString()).exitCode);
        for (Path dir : new Path[] {run, full, cmp}) {
            CliHarness r = CliHarness.run("plot", dir.toString());
            assertEquals(0, r.exitCode, r.err);
            BufferedImage image = ImageIO.read(dir.resolve("plot.png").toFile());
            assertTrue(image.getWidth() >= 2000 && image.getHeight() >= 1000, dir.toString());
            assertTrue(Files.readString(dir.resolve("plot.svg")).contains("<svg"));
            assertTrue(Files.readString(dir.resolve("plot.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .startsWith("%PDF-"), dir + "/plot.pdf");
            assertEquals("panel,series,kind,x,y,dx,dy", Files.readAllLines(dir.resolve("plot.csv")).get(0));
        }
    }

    /**
     * A reduced run of another spectrum (a file of groups 1, 5 (x2), 0.5 (x3); a map and a flow) is
     * drawn with its bulk's root mean square where the spiked run has c: the series holds
     * trajectory.csv's t and bulk_rms, row by row; its portrait has no direction field.
     */
    @Test
    void plotsARunOfAnotherSpectrum(@TempDir Path tmp) throws IOException {
        Path spectrum = Files.writeString(tmp.resolve("s.txt"), "1\n5 2\n0.5 3\n");
        for (String algo : new String[] {"gd", "gf"}) {
            Path run = tmp.resolve(algo);
            // at most 3000 rows, all of which are plotted
            String[] length = algo.equals("gd") ? new String[] {"--steps", "1000"} : new String[] {"--samples", "1001"};
            assertEquals(0, CliHarness.run("run", "--algo", algo, "--spectrum", "file:" + spectrum, length[0], length[1],
                    "--out", run.toString()).exitCode);
            CliHarness r = CliHarness.run("plot", run.toString());
            assertEquals(0, r.exitCode, r.err);
            List<String> plotted = Files.readAllLines(run.resolve("plot.csv"));
            List<String> bulk = plotted.stream().filter(l -> l.startsWith("\"coefficients\",\"bulk rms\",line,")).toList();
            List<String> rows = Files.readAllLines(run.resolve("trajectory.csv"));
            assertEquals("step,t,a,loss,alignment,b,bulk_rms", rows.get(0));
            assertEquals(rows.size() - 1, bulk.size(), algo);
            for (int i = 1; i < rows.size(); i++) {
                String[] f = rows.get(i).split(",");
                String[] p = bulk.get(i - 1).split(",");
                assertEquals(Double.parseDouble(f[1]), Double.parseDouble(p[3]), algo + " t, row " + i);
                assertEquals(Math.abs(Double.parseDouble(f[6])), Double.parseDouble(p[4]), algo + " bulk_rms, row " + i);
            }
            assertFalse(plotted.stream().anyMatch(l -> l.contains("c (bulk)") || l.contains("direction")), algo);
        }
    }

    /** A run that starts next to the largest double (and diverges at once) is drawn: its axis stops at 1e300. */
    @Test
    void plotsARunThatStartsAtTheLargestDoubles(@TempDir Path tmp) {
        Path run = tmp.resolve("run");
        assertEquals(0, CliHarness.run("run", "--algo", "gd", "--init-scale", "1.7e308", "--steps", "5", "--out",
                run.toString()).exitCode);
        CliHarness r = CliHarness.run("plot", run.toString());
        assertEquals(0, r.exitCode, r.err);
        assertTrue(Files.exists(run.resolve("plot.png")));
    }

    @Test
    void refusesAFolderThatIsNotARun(@TempDir Path tmp) {
        CliHarness r = CliHarness.run("plot", tmp.toString());
        assertEquals(2, r.exitCode);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn plot: DIR must be a folder written by run or compare"), r.err);
    }

    /** One good reduced run and one good compare folder, copied and damaged by the tests below. */
    @TempDir
    static Path good;

    @BeforeAll
    static void writeGoodFolders() {
        assertEquals(0, CliHarness.run("run", "--algo", "specgd", "--steps", "300", "--out", good.resolve("run").toString()).exitCode);
        assertEquals(0, CliHarness.run("compare", "--algo", "gd", "--d", "8", "--lr", "0.01", "--steps", "50",
                "--out", good.resolve("cmp").toString()).exitCode);
    }

    private static Path copy(String name, Path tmp) throws IOException {
        Path from = good.resolve(name);
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    /** Exit code 2, one line on standard error containing {@code expected}, nothing written. */
    private static void assertRefused(Path dir, String expected) throws IOException {
        List<String> before = listing(dir);
        CliHarness r = CliHarness.run("plot", dir.toString());
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn plot: ") && r.err.contains(expected), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
        assertEquals(before, listing(dir));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** The earlier plot threw a NullPointerException (exit 1). */
    @Test
    void emptyManifest(@TempDir Path tmp) throws IOException {
        Path dir = copy("run", tmp);
        Files.writeString(dir.resolve("run.json"), "{}");
        assertRefused(dir, "run.json: 'outcome.status' is missing");
    }

    /** The earlier plot threw a ClassCastException (exit 1). */
    @Test
    void manifestOfTheWrongShape(@TempDir Path tmp) throws IOException {
        Path dir = copy("run", tmp);
        String text = Files.readString(dir.resolve("run.json"));
        Files.writeString(dir.resolve("run.json"), text.replaceFirst("\"d\": [0-9]+", "\"d\": \"eight\""));
        assertRefused(dir, "run.json: JSON: ");
        Files.writeString(dir.resolve("run.json"), text.replace("\"algo\": \"specgd\"", "\"algo\": \"sgd\""));
        assertRefused(dir, "unknown algorithm 'sgd'");
        Files.writeString(dir.resolve("run.json"), text.substring(0, text.length() / 2));
        assertRefused(dir, "run.json: JSON: ");
    }

    /** The earlier plot threw a NumberFormatException (exit 1). */
    @Test
    void eventThatIsNotANumber(@TempDir Path tmp) throws IOException {
        Path dir = copy("run", tmp);
        List<String> lines = Files.readAllLines(dir.resolve("events.csv"));
        assertTrue(lines.size() >= 2, "the good run has an event");
        String[] f = lines.get(1).split(",");
        f[2] = "x";
        Files.writeString(dir.resolve("events.csv"), lines.get(0) + "\n" + String.join(",", f) + "\n");
        assertRefused(dir, "events.csv line 2: not a number");
    }

    /** The earlier plot threw an IndexOutOfBoundsException (exit 1). */
    @Test
    void trajectoryWithAHeaderOnly(@TempDir Path tmp) throws IOException {
        Path dir = copy("run", tmp);
        String header = Files.readAllLines(dir.resolve("trajectory.csv")).get(0);
        Files.writeString(dir.resolve("trajectory.csv"), header + "\n");
        assertRefused(dir, "trajectory.csv has a header but no rows");
        Files.delete(dir.resolve("trajectory.csv"));
        assertRefused(dir, "has no trajectory.csv");
    }

    /** The earlier plot exited 1 with an I/O error. */
    @Test
    void compareFolderWithoutItsFullRun(@TempDir Path tmp) throws IOException {
        Path dir = copy("cmp", tmp);
        Files.delete(dir.resolve("full.csv"));
        assertRefused(dir, "has no full.csv");
    }

    /** A run whose status is failed: the earlier plot rendered whatever rows there were, or crashed. */
    @Test
    @SuppressWarnings("unchecked")
    void failedRun(@TempDir Path tmp) throws IOException {
        Path dir = copy("run", tmp);
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("run.json")));
        Map<String, Object> outcome = (Map<String, Object>) manifest.get("outcome");
        outcome.put("status", "failed");
        outcome.put("detail", "integrator stopped");
        Files.writeString(dir.resolve("run.json"), Json.write(manifest));
        assertRefused(dir, "holds a run that failed at step ");
    }

    /** The earlier plot rendered the figure, then failed to write it and exited 1. */
    @Test
    void readOnlyFolder(@TempDir Path tmp) throws IOException, InterruptedException {
        Path dir = copy("run", tmp);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (Files.isWritable(dir)) {
                // root ignores permissions; the immutable attribute holds for root as well
                immutable = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
                Assumptions.assumeTrue(immutable, "cannot make a folder read-only for this user");
            }
            assertRefused(dir, "cannot write into " + dir);
        } finally {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor();
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void plotFileThatIsAFolder(@TempDir Path tmp) throws IOException {
        Path dir = copy("run", tmp);
        Files.createDirectories(dir.resolve("plot.svg").resolve("x"));
        assertRefused(dir, "plot.svg: it is a folder");
    }
}
