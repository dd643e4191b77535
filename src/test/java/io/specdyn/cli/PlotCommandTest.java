package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
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

    @Test
    void refusesAFolderThatIsNotARun(@TempDir Path tmp) {
        CliHarness r = CliHarness.run("plot", tmp.toString());
        assertEquals(2, r.exitCode);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn plot: DIR must be a folder written by run or compare"), r.err);
    }
}
