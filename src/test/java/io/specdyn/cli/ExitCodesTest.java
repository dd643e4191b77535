package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's promise for every command: invalid input exits with 2, one line on standard error
 * naming what is wrong, nothing on standard output and nothing written. {@code TMP} stands for a
 * fresh temporary folder, which must stay empty.
 */
class ExitCodesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "reproduce --only F99 --out TMP/figures                   | specdyn reproduce: --only",
        "plot TMP/missing                                         | specdyn plot: ",
        "run --algo gd --d 2 --out TMP/run                        | specdyn run: --d ",
        "compare --algo gd --d 2 --out TMP/compare                | specdyn compare: --d ",
        "bench full --d 2                                         | specdyn bench full: --d ",
        "bench reduced --steps 0                                  | specdyn bench reduced: --steps ",
        "sweep --lr 0 --out TMP/sweep                             | specdyn sweep: --lr ",
        "sweep-merge --out TMP/merged TMP/missing                 | specdyn sweep-merge: ",
        "convergence --algo gd --lr 0 --out TMP/convergence       | specdyn convergence: --lr must be a finite number > 0 (got '0')",
        "convergence --algo gd --lr 1e-10 --out TMP/convergence   | specdyn convergence: --lr must leave at most 2147483646 steps",
        "convergence --algo gd --out ''                           | specdyn convergence: cannot write --out ''",
        "compare --algo gd --steps 10 --out ''                    | specdyn compare: cannot write --out ''",
        "nosuch                                                   | specdyn: ",
    })
    void invalidInputExitsTwoWithOneLineAndWritesNothing(String args, String start, @TempDir Path tmp) throws IOException {
        String[] argv = Stream.of(args.trim().split("\\s+"))
                .map(a -> a.equals("''") ? "" : a.replace("TMP", tmp.toString())).toArray(String[]::new);
        CliHarness r = CliHarness.run(argv);
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith(start.trim()), r.err);
        assertEquals("", r.out);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList(), "nothing written");
        }
    }
}
