package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CellProgressTest {

    private static List<String> progressLines(StringWriter text) {
        synchronized (text) {
            return text.toString().lines().filter(l -> l.contains(" elapsed")).toList();
        }
    }

    /**
     * Each tick prints the state, whether or not a cell finished since: with no cell done in 20 s
     * there are still two lines, with the elapsed time of the injected clock.
     */
    @Test
    void ticksPrintEvenWhenNoCellFinishes() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong(5_000_000_000L);
        try (CellProgress p = new CellProgress(new PrintWriter(text), ProgressMode.LINES, now::get, 10, 2, 8, 1, "")) {
            now.addAndGet(CellProgress.LINE_NANOS);
            p.tick();
            now.addAndGet(CellProgress.LINE_NANOS);
            p.tick();
            p.cellDone();
            now.addAndGet(CellProgress.LINE_NANOS);
            p.finish();
            p.tick();
        }
        assertEquals(List.of("sweep: 10 cells, 2 already done, 8 to compute on 1 worker",
                "sweep: 2/10 cells (20%), 10.0 s elapsed, ETA ?",
                "sweep: 2/10 cells (20%), 20.0 s elapsed, ETA ?",
                "sweep: 3/10 cells (30%), 30.0 s elapsed"), text.toString().lines().toList(),
                "nothing after finish");
    }

    /**
     * The timer prints on its own while no cell finishes (before, a line came only when a cell
     * finished, so slow cells silenced the progress). A short period stands in for ten seconds.
     */
    @Test
    void theTimerPrintsWhileCellsRun() throws InterruptedException {
        StringWriter text = new StringWriter();
        PrintWriter err = new PrintWriter(text);
        try (CellProgress p = new CellProgress(err, ProgressMode.LINES, System::nanoTime, 4, 0, 4, 1, "")) {
            p.startTimer(TimeUnit.MILLISECONDS.toNanos(20));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (progressLines(text).size() < 3) {
                assertTrue(System.nanoTime() < deadline, "no line from the timer: " + text);
                Thread.sleep(5);
            }
        }
        for (String line : progressLines(text)) {
            assertTrue(line.startsWith("sweep: 0/4 cells (0%), "), line);
        }
    }

    /** A bar redraws in place; lines and none never write the terminal's control characters. */
    @Test
    void onlyTheBarWritesControlCharacters() {
        for (ProgressMode mode : new ProgressMode[] {ProgressMode.BAR, ProgressMode.LINES, ProgressMode.NONE}) {
            StringWriter text = new StringWriter();
            try (CellProgress p = new CellProgress(new PrintWriter(text), mode, () -> 0L, 2, 0, 2, 1, "")) {
                p.tick();
                p.cellDone();
                p.tick();
            }
            String out = text.toString();
            boolean control = out.contains("\r") || out.contains("\033");
            assertEquals(mode == ProgressMode.BAR, control, mode + ": " + out);
            if (mode == ProgressMode.BAR) {
                assertTrue(out.contains("\r\033[K[###############...............] 1/2 cells (50%)"), out);
                assertTrue(out.endsWith("\n"), "close ends the bar's line");
            }
            if (mode == ProgressMode.NONE) {
                assertEquals("", out);
            }
        }
    }

    @Test
    void terminalDevicesAreToldFromFilesAndPipes() {
        assertTrue(ProgressMode.isTerminalDevice("/dev/pts/3"));
        assertTrue(ProgressMode.isTerminalDevice("/dev/tty1"));
        assertTrue(ProgressMode.isTerminalDevice("/dev/console"));
        assertFalse(ProgressMode.isTerminalDevice("pipe:[81723]"));
        assertFalse(ProgressMode.isTerminalDevice("/dev/null"));
        assertFalse(ProgressMode.isTerminalDevice("/home/me/sweep.log"));
        assertEquals(ProgressMode.LINES, ProgressMode.LINES.resolve());
        assertEquals(ProgressMode.NONE, ProgressMode.NONE.resolve());
    }

    /** reproduce's progress: one plain line per figure with lines, redrawn in place with bar, nothing with none. */
    @Test
    void reproduceProgressFollowsItsMode() {
        for (ProgressMode mode : new ProgressMode[] {ProgressMode.BAR, ProgressMode.LINES, ProgressMode.NONE}) {
            StringWriter text = new StringWriter();
            Progress p = new Progress(new PrintWriter(text), mode, 2);
            p.begin(1, "F1 overview");
            p.done(1, "F1 overview", 1.5);
            p.begin(2, "F2 portrait");
            p.done(2, "F2 portrait", 0.5);
            String out = text.toString();
            switch (mode) {
                case LINES -> {
                    assertEquals(2, out.lines().count(), out);
                    assertTrue(out.startsWith("[1/2] F1 overview done in 1.5 s"), out);
                    assertFalse(out.contains("\r") || out.contains("\033"), out);
                }
                case BAR -> assertTrue(out.startsWith("\r\033[K[1/2] F1 overview ...") && out.endsWith("\n"), out);
                default -> assertEquals("", out);
            }
        }
        CliHarness r = CliHarness.run("reproduce", "--progress", "loud", "--only", "F2", "--out", "unused");
        assertEquals(2, r.exitCode, r.err);
        assertTrue(r.err.startsWith("specdyn reproduce: --progress must be auto, bar, lines or none (got 'loud')"), r.err);
    }
}
