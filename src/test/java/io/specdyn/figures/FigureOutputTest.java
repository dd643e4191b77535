package io.specdyn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureOutputTest {
    private static final Map<String, Object> HEADER = Map.of("program", "specdyn");

    /** Every file of a folder (hidden ones included), name to content. */
    private static Map<String, byte[]> snapshot(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    private static List<?> figures(Path folder) throws IOException {
        Map<?, ?> manifest = (Map<?, ?>) Json.parse(Files.readString(folder.resolve(FigureOutput.MANIFEST)));
        return (List<?>) manifest.get("figures");
    }

    /** A figure comes out in PNG, SVG, PDF and CSV, and the manifest records each file's SHA-256. */
    @Test
    void writesEveryFormatAndRecordsTheirChecksums(@TempDir Path tmp) throws IOException {
        new FigureOutput(tmp, HEADER).write("T1", TestFigures.small("T1-small"), Map.of("n", 1.0), true);
        Map<?, ?> entry = (Map<?, ?>) figures(tmp).get(0);
        Map<?, ?> files = (Map<?, ?>) entry.get("files");
        Map<?, ?> sums = (Map<?, ?>) entry.get("sha256");
        assertEquals(List.of("png", "svg", "pdf", "csv"), new ArrayList<>(files.keySet()));
        for (Object extension : files.keySet()) {
            Path file = tmp.resolve((String) files.get(extension));
            assertEquals(sums.get(extension), FigureFiles.sha256(file), file.toString());
        }
        assertTrue(new String(Files.readAllBytes(tmp.resolve("T1-small.pdf")), 0, 5, "US-ASCII").equals("%PDF-"));
    }

    /**
     * A format that fails after others have rendered (here the PDF) leaves the earlier version of
     * the figure whole: its PNG, SVG, CSV, PDF and manifest entry are unchanged, and nothing is left
     * behind. Before, the PNG and SVG were replaced already and the manifest still described the
     * old figure.
     */
    @Test
    void aFailingFormatLeavesTheEarlierFigureWhole(@TempDir Path tmp) throws IOException {
        new FigureOutput(tmp, HEADER).write("T1", TestFigures.small("T1-small"), Map.of("n", 1.0), false);
        Map<String, byte[]> before = snapshot(tmp);
        FigureFormat failing = new FigureFormat("pdf", (figure, out) -> {
            throw new IOException("injected failure");
        });
        FigureOutput output = new FigureOutput(tmp, HEADER,
                List.of(FigureFormat.PNG, FigureFormat.SVG, failing, FigureFormat.CSV), w -> { });
        Figure changed = new Figure("T1-small", "another title", "another caption", 1,
                TestFigures.small("x").panels().subList(0, 1), 320, 200);
        IOException e = assertThrows(IOException.class, () -> output.write("T1", changed, Map.of("n", 2.0), false));
        assertEquals("injected failure", e.getMessage());
        assertSameFiles(before, snapshot(tmp));
    }

    /**
     * A rename that fails halfway (the CSV's name is taken by a folder) puts back the files already
     * replaced: the figure stays as it was. Before, its PNG and SVG were the new ones and its CSV
     * the old one.
     */
    @Test
    void aFailedRenameRestoresTheFilesAlreadyReplaced(@TempDir Path tmp) throws IOException {
        FigureOutput output = new FigureOutput(tmp, HEADER);
        output.write("T1", TestFigures.small("T1-small"), Map.of("n", 1.0), false);
        Files.delete(tmp.resolve("T1-small.csv"));
        Files.createDirectories(tmp.resolve("T1-small.csv").resolve("in-the-way"));
        Map<String, byte[]> before = snapshot(tmp);
        Figure changed = new Figure("T1-small", "another title", "another caption", 1,
                TestFigures.small("x").panels().subList(0, 1), 320, 200);
        assertThrows(IOException.class, () -> output.write("T1", changed, Map.of("n", 2.0), false));
        Map<String, byte[]> after = snapshot(tmp);
        before.remove(FigureOutput.MANIFEST);
        Map<String, byte[]> afterFiles = new TreeMap<>(after);
        afterFiles.remove(FigureOutput.MANIFEST);
        assertSameFiles(before, afterFiles);
        // the old entry no longer matches its files (its CSV is gone), so the manifest drops it
        assertEquals(List.of(), figures(tmp));
    }

    /**
     * A manifest damaged by a merge conflict is rebuilt with a warning, instead of blocking the
     * output; one whose figure files were changed behind its back drops that figure, with a warning.
     */
    @Test
    void rebuildsADamagedManifestAndDropsEntriesThatNoLongerMatch(@TempDir Path tmp) throws IOException {
        new FigureOutput(tmp, HEADER).write("T1", TestFigures.small("T1-small"), Map.of(), false);
        String good = Files.readString(tmp.resolve(FigureOutput.MANIFEST));
        Files.writeString(tmp.resolve(FigureOutput.MANIFEST), "<<<<<<< HEAD\n" + good + "=======\n" + good
                + ">>>>>>> other\n");
        List<String> warnings = new ArrayList<>();
        FigureOutput output = new FigureOutput(tmp, HEADER, FigureFormat.ALL, warnings::add);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("manifest.json cannot be read") && warnings.get(0).contains("rebuilding"),
                warnings.get(0));
        output.write("T2", TestFigures.small("T2-small"), Map.of(), false);
        assertEquals(List.of("T2"), figures(tmp).stream().map(f -> ((Map<?, ?>) f).get("id")).toList());

        Files.writeString(tmp.resolve("T2-small.csv"), "edited by hand\n");
        warnings.clear();
        new FigureOutput(tmp, HEADER, FigureFormat.ALL, warnings::add).write("T1", TestFigures.small("T1-small"),
                Map.of(), false);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("the files of T2 are not those it records"), warnings.get(0));
        assertEquals(List.of("T1"), figures(tmp).stream().map(f -> ((Map<?, ?>) f).get("id")).toList());
    }

    /**
     * The manifest is read into records: an entry whose checksums are not a map of strings makes the
     * manifest unreadable, so it is rebuilt with a warning rather than trusted.
     */
    @Test
    void aManifestWithAMemberOfTheWrongTypeIsRebuilt(@TempDir Path tmp) throws IOException {
        new FigureOutput(tmp, HEADER).write("T1", TestFigures.small("T1-small"), Map.of(), false);
        Path manifest = tmp.resolve(FigureOutput.MANIFEST);
        String good = Files.readString(manifest);
        String bad = good.replaceFirst("\"sha256\": \\{[^}]*\\}", "\"sha256\": [1, 2]");
        assertNotEquals(good, bad);
        Files.writeString(manifest, bad);
        List<String> warnings = new ArrayList<>();
        new FigureOutput(tmp, HEADER, FigureFormat.ALL, warnings::add).write("T2", TestFigures.small("T2-small"),
                Map.of(), false);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("cannot be read"), warnings.get(0));
        assertEquals(List.of("T2"), figures(tmp).stream().map(f -> ((Map<?, ?>) f).get("id")).toList());
    }

    /** A staging folder left by a process that no longer runs is removed; one of a live process stays. */
    @Test
    void removesStagingFoldersOfDeadProcesses(@TempDir Path tmp) throws IOException {
        long dead = deadPid();
        Path stale = Files.createDirectories(tmp.resolve(".F1-x.partial-" + dead + "-123"));
        Files.writeString(stale.resolve("F1-x.png"), "half");
        Path live = Files.createDirectories(tmp.resolve(".F1-x.partial-" + ProcessHandle.current().pid() + "-456"));
        new FigureOutput(tmp, HEADER);
        assertTrue(Files.notExists(stale));
        assertTrue(Files.isDirectory(live));
    }

    /** The id of a process that has ended (one this test started and waited for). */
    private static long deadPid() throws IOException {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
