package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --teacher and --teacher-norm on the command line, and what run.json records of the teacher. */
class TeacherOptionsTest {

    /** Lengths and overlaps are computed in double over a few terms. */
    private static final double ROUND_OFF = 1e-15;

    /** Teacher files that are not d = 5 finite numbers, one a line, not all zero; and bad values. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "short.txt | '# theta\\n1\\n\\n2\\n'       | --teacher file:@ holds 2 components; it must hold d = 5",
        "long.txt  | '1\\n2\\n3\\n4\\n5\\n6\\n'      | --teacher file:@ line 6: more than d = 5 components",
        "word.txt  | '1\\nabc\\n1\\n1\\n1\\n'        | --teacher file:@ line 2: 'abc' is not a number",
        "nan.txt   | '1\\n2\\nNaN\\n1\\n1\\n'        | --teacher file:@ line 3: components must be finite numbers (got NaN)",
        "inf.txt   | '1\\n2\\n1\\n-Infinity\\n1\\n'  | --teacher file:@ line 4: components must be finite numbers (got -Infinity)",
        "two.txt   | '1 2\\n3\\n4\\n5\\n'           | --teacher file:@ line 1: '1 2' holds more than one number",
        "zero.txt  | '0\\n0 # none\\n0\\n0\\n0.0\\n' | --teacher file:@: every component is zero",
    })
    void badTeacherFilesAreRefusedNamingTheOptionTheFileAndTheLine(String name, String content, String message,
                                                                   @TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("in"));
        Path file = Files.writeString(dir.resolve(name), content.replace("\\n", "\n"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        CliHarness.assertRejected(work, "run --engine full --algo gd --d 5 --teacher file:" + file, message.replace("@", file.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --engine full --algo gd --teacher north           | --teacher must be eigen, random or file:PATH (got 'north')",
        "run --engine full --algo gd --teacher file:           | --teacher must be eigen, random or file:PATH (got 'file:')",
        "run --engine full --algo gd --teacher file:/no/such.txt | --teacher file:/no/such.txt: no such file",
        "run --engine full --algo gd --teacher-norm l2         | --teacher-norm ",
        "run --algo gd --teacher random                        | --teacher random does not apply to --engine reduced: the reduced model assumes the teacher is a covariance eigenvector of unit length",
        "run --algo specgd --teacher-norm sigma                | --teacher-norm sigma does not apply to --engine reduced: the reduced model assumes",
        "run --algo gf --teacher random                        | --teacher random does not apply to --engine reduced",
        "compare --algo gd --teacher random                    | --teacher random does not apply to compare: the reduced model assumes",
        "compare --algo gd --teacher-norm sigma                | --teacher-norm sigma does not apply to compare",
    })
    void badTeacherOptionsAndTeachersTheReductionCannotTakeAreRefused(String args, String message, @TempDir Path tmp)
            throws IOException {
        CliHarness.assertRejected(tmp, args, message);
    }

    /** A refused file teacher on the reduced engine is refused before the file is read. */
    @Test
    void theReducedEngineAndCompareRefuseAFileTeacher(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("theta.txt"), "1\n0\n0\n");
        Path work = Files.createDirectory(tmp.resolve("work"));
        CliHarness.assertRejected(work, "run --algo gd --d 3 --teacher file:" + file, "--teacher file does not apply to --engine reduced");
        CliHarness.assertRejected(work, "compare --algo gd --d 3 --teacher file:" + file, "--teacher file does not apply to compare");
    }

    @Test
    void aRandomTeacherIsRecordedReproducibleFromTheSeedAndOfUnitLength(@TempDir Path tmp) throws IOException {
        Map<String, Object> first = teacher(run(tmp, "a", "--teacher", "random", "--seed", "3"));
        Map<String, Object> again = teacher(run(tmp, "b", "--teacher", "random", "--seed", "3"));
        Map<String, Object> other = teacher(run(tmp, "c", "--teacher", "random", "--seed", "4"));
        assertEquals("random", first.get("kind"));
        assertEquals("unit", first.get("norm"));
        assertEquals(1.0, (Double) first.get("length"), ROUND_OFF);
        assertEquals(first, again);
        assertNotEquals(first.get("signal-overlap"), other.get("signal-overlap"));
        double overlap = (Double) first.get("signal-overlap");
        assertTrue(overlap > 0 && overlap < 1, "a random direction is no eigenvector: " + overlap);
    }

    /**
     * A file spectrum is used as given (eigenvalues 4, 9, 1, 1, 1: the signal's is 4, not 1), and a
     * file teacher (1, 1, 0, 0, 0) is normalised: to |theta| = 1, or under --teacher-norm sigma to
     * theta^T Sigma theta = 1, theta = (1, 1, 0, 0, 0) / sqrt(4 + 9), of length sqrt(2 / 13).
     */
    @Test
    void aFileTeacherIsNormalisedAgainstTheSpectrumAsGiven(@TempDir Path tmp) throws IOException {
        Path spectrum = Files.writeString(tmp.resolve("eig.txt"), "4 # the signal\n9\n1 3\n");
        Path theta = Files.writeString(tmp.resolve("theta.txt"), "# the teacher\n1\n1\n\n0\n0\n0 # last\n");
        Map<String, Object> unitRun = run(tmp, "unit", "--spectrum", "file:" + spectrum, "--teacher", "file:" + theta);
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = (Map<String, Object>) unitRun.get("problem");
        assertEquals(4.0, problem.get("signal-eigenvalue"));
        assertEquals(9.0, problem.get("spike-eigenvalue"));
        Map<String, Object> unit = teacher(unitRun);
        assertEquals("file", unit.get("kind"));
        assertEquals(theta.toString(), unit.get("file"));
        assertEquals(1.0, (Double) unit.get("length"), ROUND_OFF);
        assertEquals(13.0 / 2, (Double) unit.get("mean-label"), 8 * ROUND_OFF);
        assertEquals(Math.sqrt(0.5), (Double) unit.get("signal-overlap"), ROUND_OFF);
        assertEquals(Math.sqrt(0.5), (Double) unit.get("spike-overlap"), ROUND_OFF);

        Map<String, Object> sigma = teacher(run(tmp, "sigma", "--spectrum", "file:" + spectrum, "--teacher",
                "file:" + theta, "--teacher-norm", "sigma"));
        assertEquals("sigma", sigma.get("norm"));
        assertEquals(1.0, (Double) sigma.get("mean-label"), ROUND_OFF);
        assertEquals(Math.sqrt(2.0 / 13), (Double) sigma.get("length"), ROUND_OFF);
    }

    /** The default teacher is the signal's eigenvector; --teacher-norm sigma rescales it to 1 / sqrt(lambda_s). */
    @Test
    void theEigenTeacherIsRecordedAndScaledBySigma(@TempDir Path tmp) throws IOException {
        Map<String, Object> eigen = teacher(run(tmp, "eigen", "--d", "6", "--signal-index", "2"));
        assertEquals(Map.of("kind", "eigen", "norm", "unit", "length", 1.0, "mean-label", 1.0, "signal-overlap", 1.0,
                "spike-overlap", 0.0), eigen);
        // --lt 4 puts eigenvalue 4 on the signal: theta = e_s / 2
        Map<String, Object> sigma = teacher(run(tmp, "sigma", "--d", "6", "--lt", "4", "--teacher-norm", "sigma"));
        assertEquals(0.5, (Double) sigma.get("length"), ROUND_OFF);
        assertEquals(1.0, (Double) sigma.get("mean-label"), ROUND_OFF);
        assertEquals(1.0, (Double) sigma.get("signal-overlap"), ROUND_OFF);
    }

    /**
     * run.json and the printed summary give the largest and the last off-manifold residual, the same
     * as the trajectory's column when every step is recorded.
     */
    @Test
    void howFarARunStraysIsTheExtremeOfItsColumn(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("stray");
        CliHarness r = CliHarness.run("run", "--engine", "full", "--algo", "specgd", "--d", "6", "--m", "3",
                "--init", "gaussian", "--init-scale", "0.3", "--lr", "0.01", "--steps", "40", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        List<String> rows = Files.readAllLines(out.resolve("trajectory.csv"));
        int column = List.of(rows.get(0).split(",")).indexOf("offmanifold");
        double largest = Double.NEGATIVE_INFINITY;
        long largestStep = -1;
        List<Double> values = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            double x = Double.parseDouble(cells[column]);
            values.add(x);
            if (x > largest) {
                largest = x;
                largestStep = Long.parseLong(cells[0]);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> diagnostics = (Map<String, Object>) ((Map<String, Object>) Json.parse(
                Files.readString(out.resolve("run.json")))).get("diagnostics");
        assertEquals(largest, (Double) diagnostics.get("offmanifold_max"));
        assertEquals((double) largestStep, diagnostics.get("offmanifold_max_step"));
        assertEquals(values.get(values.size() - 1), (Double) diagnostics.get("offmanifold_final"));
        assertTrue(largest > 0.1, "a Gaussian start of 3 rows in d = 6 is off the manifold: " + largest);
        assertTrue(r.out.contains("offmanifold: largest " + RunCommand.shortNumber(largest) + " (step " + largestStep
                + "), final " + RunCommand.shortNumber(values.get(values.size() - 1))), r.out);
    }

    private static Map<String, Object> run(Path tmp, String name, String... options) throws IOException {
        Path out = tmp.resolve(name);
        String[] argv = Stream.concat(Stream.of("run", "--engine", "full", "--algo", "gd", "--steps", "2", "--out",
                out.toString()), Stream.of(options)).toArray(String[]::new);
        CliHarness r = CliHarness.run(argv);
        assertEquals(0, r.exitCode, r.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("run.json")));
        return manifest;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> teacher(Map<String, Object> manifest) {
        return (Map<String, Object>) manifest.get("teacher");
    }

}
