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

/** {@code --init orthogonal} on the command line: the start's measured state, and what is refused. */
class InitOrthogonalTest {

    /** Sums of d products of numbers of order one, written as shortest round-trip decimals. */
    private static final double ROUND_OFF = 1e-13;

    /**
     * For m >= d the start W0 = s O has W0^T W0 = s^2 I: every coefficient is s and the residual zero,
     * whatever the teacher.
     */
    @ParameterizedTest(name = "m={0} {1}")
    @CsvSource({"8, eigen", "13, eigen", "13, random"})
    void aTallOrSquareStartIsOnTheManifold(int m, String teacher, @TempDir Path tmp) throws IOException {
        double s = 0.25;
        double[] row = firstRow(tmp, "--d", "8", "--m", Integer.toString(m), "--init-scale", Double.toString(s),
                "--teacher", teacher);
        for (String c : List.of("a", "b", "c")) {
            assertEquals(s, row[column(c)], ROUND_OFF, c);
        }
        assertEquals(0.0, row[column("offmanifold")], ROUND_OFF);
    }

    /**
     * For m < d, M = W0^T W0 = s^2 P with P a projector of rank m: tr M = a^2 + b^2 + (d - 2) c^2 = m s^2,
     * |M|_F^2 = m s^4, and for a random teacher t the residual from alpha t t^T + beta (I - t t^T) is
     * sqrt(1 - (p^2 + (m - p)^2 / (d - 1)) / m) with p = t^T P t = a^2 / s^2 (theory-notes/full-simulator.md).
     */
    @Test
    void aWideStartIsAProjectorOffTheManifold(@TempDir Path tmp) throws IOException {
        int d = 12;
        int m = 5;
        double s = 2;
        double[] row = firstRow(tmp, "--d", Integer.toString(d), "--m", Integer.toString(m), "--init-scale",
                Double.toString(s), "--teacher", "random");
        double a = row[column("a")];
        double b = row[column("b")];
        double c = row[column("c")];
        assertEquals(m * s * s, a * a + b * b + (d - 2) * c * c, ROUND_OFF * m * s * s);
        double p = a * a / (s * s);
        double expected = Math.sqrt(1 - (p * p + (m - p) * (m - p) / (d - 1)) / m);
        assertEquals(expected, row[column("offmanifold")], ROUND_OFF);
        assertTrue(expected > 0.5, "five rows in twelve dimensions are far from the manifold: " + expected);
    }

    @Test
    void runJsonRecordsTheStart(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        CliHarness r = CliHarness.run("run", "--engine", "full", "--algo", "specgd", "--d", "6", "--m", "2", "--init",
                "orthogonal", "--init-scale", "0.5", "--steps", "3", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("run.json")));
        assertEquals(Map.of("kind", "orthogonal", "init-scale", 0.5), manifest.get("init"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --algo gd --init orthogonal                      | --init orthogonal applies to --engine full",
        "compare --algo gd --init orthogonal                  | --init orthogonal is a random matrix; compare needs iso or a,b,c",
        "run --engine full --algo gd --init orthogonal --init-scale 0 | --init-scale must be a finite number > 0",
        "run --engine full --algo gd --init orthogonals       | --init must be iso, gaussian, orthogonal or three finite numbers a,b,c",
    })
    void refusesWhatDoesNotApply(String args, String message, @TempDir Path tmp) throws IOException {
        CliHarness.assertRejected(tmp, args, message);
    }

    private static final List<String> HEADER = List.of("step", "t", "a", "b", "c", "loss", "alignment", "offmanifold");

    private static int column(String name) {
        return HEADER.indexOf(name);
    }

    /** The measured start (row of step 0) of a one-step GD run from an orthogonal start. */
    private static double[] firstRow(Path tmp, String... options) throws IOException {
        Path out = tmp.resolve("run");
        String[] argv = Stream.concat(Stream.of("run", "--engine", "full", "--algo", "gd", "--init", "orthogonal",
                "--steps", "1", "--out", out.toString()), Stream.of(options)).toArray(String[]::new);
        CliHarness r = CliHarness.run(argv);
        assertEquals(0, r.exitCode, r.err);
        List<String> rows = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals(String.join(",", HEADER), rows.get(0));
        return Stream.of(rows.get(1).split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
