package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code bench full --m}: a one-row student at a dimension whose d x d matrix could not be held. */
class BenchFullWidthTest {

    /** d = 60000 is refused at m = d (a 26.8 GiB matrix); at m = 1 the engine holds no d x d matrix. */
    @Test
    void oneRowRunsWhereTheSquareCannot() {
        CliHarness r = CliHarness.run("bench", "full", "--m", "1", "--d", "60000", "--steps", "2");
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.out.startsWith("specdyn d=60000 m=1 algo=gd"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("ms_per_step=[0-9]+\\.[0-9]{3}")), r.out);
    }

    @Test
    void aWidthBelowOneIsRefused() {
        CliHarness r = CliHarness.run("bench", "full", "--m", "0", "--d", "32");
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.contains("--m"), r.err);
        assertEquals("", r.out);
    }
}
