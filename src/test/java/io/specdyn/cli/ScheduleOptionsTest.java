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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** --schedule, --warmup and --lr-min on the command line. */
class ScheduleOptionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --algo specgd --schedule step --out TMP/r           | specdyn run: --schedule must be constant, cosine, linear, exp:GAMMA with GAMMA in (0, 1], or inverse-sqrt (got 'step')",
        "run --algo specgd --schedule exp:0 --out TMP/r          | specdyn run: --schedule must be constant",
        "run --algo specgd --schedule exp:1.5 --out TMP/r        | specdyn run: --schedule must be constant",
        "run --algo specgd --schedule exp --out TMP/r            | specdyn run: --schedule must be constant",
        "run --algo specgd --warmup 0 --out TMP/r                | specdyn run: --warmup must be an integer >= 1 (got '0')",
        "run --algo specgd --schedule cosine --lr-min -1 --out TMP/r | specdyn run: --lr-min must be a finite number >= 0 (got '-1')",
        "run --algo specgd --schedule cosine --lr-min 0.01 --out TMP/r | specdyn run: --lr-min must be a finite number in [0, --lr] (got 0.01 with --lr 0.001)",
        "run --algo gd --lr-min 1e-4 --out TMP/r                 | specdyn run: --lr-min applies to --schedule cosine, linear, exp:GAMMA and inverse-sqrt, not to constant",
        "run --algo specgf --schedule cosine --out TMP/r         | specdyn run: --schedule applies to the discrete rules, not to specgf",
        "run --algo gf --warmup 10 --out TMP/r                   | specdyn run: --warmup applies to the discrete rules, not to gf",
        "run --algo gd --schedule cosine --t-end 2 --out TMP/r   | specdyn run: --t-end sets the steps of a constant learning rate",
        "run --engine full --algo muon --d 8 --schedule linear --lr-min 1 --out TMP/r | specdyn run: --lr-min must be a finite number in [0, --lr]",
        "compare --algo gd --d 8 --schedule cos --out TMP/c      | specdyn compare: --schedule must be constant",
        "convergence --algo gd --schedule cosine --out TMP/v     | specdyn convergence: --schedule does not apply to convergence",
        "convergence --algo specgd --warmup 5 --out TMP/v        | specdyn convergence: --warmup does not apply to convergence",
    })
    void badValuesExitTwoWithOneLineNamingTheOption(String args, String start, @TempDir Path tmp) throws IOException {
        String[] argv = Stream.of(args.trim().split("\\s+")).map(a -> a.replace("TMP", tmp.toString())).toArray(String[]::new);
        CliHarness r = CliHarness.run(argv);
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith(start.trim()), r.err);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList(), "nothing written");
        }
    }

    /**
     * {@code --schedule constant}, with or without {@code --warmup 1} (a one-step warm-up multiplies
     * by min(1, 1) = 1), writes the rows of a run without the options, byte for byte, in both engines.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reduced", "full"})
    void constantScheduleWritesTheSameRows(String engine, @TempDir Path tmp) throws IOException {
        List<String> base = List.of("run", "--engine", engine, "--algo", "specgd", "--d", "12", "--lr", "0.003",
                "--steps", "700");
        byte[] plain = rows(tmp.resolve("plain"), base);
        byte[] constant = rows(tmp.resolve("constant"), concat(base, "--schedule", "constant"));
        byte[] warm = rows(tmp.resolve("warm"), concat(base, "--schedule", "constant", "--warmup", "1"));
        assertArrayEquals(plain, constant);
        assertArrayEquals(plain, warm);
        // and its t column is step * lr exactly, as the decimal writes it
        List<String> lines = Files.readAllLines(tmp.resolve("plain").resolve("trajectory.csv"));
        for (int k = 1; k < lines.size(); k++) {
            String[] cells = lines.get(k).split(",", 3);
            assertEquals((k - 1) * 0.003, Double.parseDouble(cells[1]), 0.0, lines.get(k));
        }
    }

    /** run.json records the schedule's kind, its rates and warm-up, and gamma for exp. */
    @Test
    void manifestRecordsTheSchedule(@TempDir Path tmp) throws IOException {
        Map<String, Object> reduced = schedule(tmp.resolve("r"), "run", "--algo", "gd", "--lr", "0.02", "--steps", "50",
                "--schedule", "exp:0.99", "--lr-min", "0.001", "--warmup", "5");
        assertEquals(Map.of("lr", 0.02, "steps", 50.0, "kind", "exp", "lr-min", 0.001, "warmup", 5.0, "gamma", 0.99,
                "every", 1.0), reduced);
        Map<String, Object> full = schedule(tmp.resolve("f"), "run", "--engine", "full", "--algo", "specgd", "--d", "8",
                "--lr", "0.01", "--steps", "20", "--schedule", "cosine");
        assertEquals(Map.of("lr", 0.01, "steps", 20.0, "kind", "cosine", "lr-min", 0.0, "warmup", 0.0, "every", 1.0), full);
        Map<String, Object> constant = schedule(tmp.resolve("c"), "run", "--algo", "gd", "--steps", "5");
        assertEquals("constant", constant.get("kind"));
    }

    /**
     * compare runs both engines with the same schedule: the rows share one t column, the sum of the
     * cosine's rates (the last is N lr_min + (lr - lr_min)(N + 1)/2 by LearningRateTest's closed form),
     * and the engines agree to round-off (a full run at a constant rate would be 1e-1 away by then).
     */
    @Test
    void compareRunsBothEnginesWithTheSchedule(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("cmp");
        CliHarness r = CliHarness.run("compare", "--algo", "gd", "--d", "16", "--lr", "0.02", "--steps", "200",
                "--schedule", "cosine", "--lr-min", "0.002", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("compare.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) manifest.get("summary");
        assertTrue((Double) summary.get("stage_I_max_rel_dev") < 1e-9, summary.toString());
        assertTrue((Double) summary.get("stage_II_max_rel_dev") < 1e-9, summary.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> schedule = (Map<String, Object>) manifest.get("schedule");
        assertEquals("cosine", schedule.get("kind"));
        List<String> rows = Files.readAllLines(out.resolve("compare.csv"));
        String[] last = rows.get(rows.size() - 1).split(",");
        assertEquals("200", last[0]);
        double expected = 200 * 0.002 + (0.02 - 0.002) * 201 / 2.0;
        assertEquals(expected, Double.parseDouble(last[1]), 1e-14 * expected);
    }

    private static byte[] rows(Path out, List<String> argv) throws IOException {
        CliHarness r = CliHarness.run(concat(argv, "--out", out.toString()).toArray(String[]::new));
        assertEquals(0, r.exitCode, r.err);
        return Files.readAllBytes(out.resolve("trajectory.csv"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schedule(Path out, String... argv) throws IOException {
        CliHarness r = CliHarness.run(concat(List.of(argv), "--out", out.toString()).toArray(String[]::new));
        assertEquals(0, r.exitCode, r.err);
        return (Map<String, Object>) ((Map<String, Object>) Json.parse(Files.readString(out.resolve("run.json"))))
                .get("schedule");
    }

    private static List<String> concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toList();
    }
}
