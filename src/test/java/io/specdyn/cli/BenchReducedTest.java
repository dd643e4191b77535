package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bench reduced --groups}: its output lines and its refusals (exit 2, one line, nothing on standard output). */
class BenchReducedTest {

    @Test
    void groupsPrintsMillisecondsPerStep() {
        CliHarness r = CliHarness.run("bench", "reduced", "--groups", "12", "--steps", "7");
        assertEquals(0, r.exitCode, r.err);
        // 7 steps make blocks of 1 step (at least one), 5 of them timed
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("specdyn reduced groups=12 algo=gd steps=5 block=1 ")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("ms_per_step=[0-9]+\\.[0-9]{6}")), r.out);
        assertEquals("", r.err);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--groups 9                    | specdyn bench reduced: --groups must be an integer >= 10 (got '9')",
        "--groups 100000001            | specdyn bench reduced: --groups must be an integer in [10, 100000000] (got '100000001')",
        "--groups ten                  | specdyn bench reduced: --groups must be an integer >= 10 (got 'ten')",
        "--groups 10 --steps 0         | specdyn bench reduced: --steps must be an integer >= 1 (got '0')",
        "--groups 10 --threads 2       | specdyn bench reduced: --threads does not apply with --groups",
        "--groups 10 --repeats 3       | specdyn bench reduced: --repeats does not apply with --groups",
    })
    void badValuesExitTwoWithOneLine(String args, String start) {
        String[] argv = ("bench reduced " + args.trim()).split("\\s+");
        CliHarness r = CliHarness.run(argv);
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith(start.trim()), r.err);
        assertEquals("", r.out);
    }
}
