package io.specdyn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.analysis.SweepSpec;
import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepStoreTest {

    private static SweepSpec spec(double maxKappa) {
        return new SweepSpec("reduced", List.of(Algorithm.GD, Algorithm.SPECGD), new int[] {20},
                new double[] {0, maxKappa}, new double[] {1e-3, 0.05, 2}, 1, 2000, 20, 0.01, 0, "iso", 1e-3, 0);
    }

    /** Runs {@code spec} whole into {@code dir}, to the finished folder. */
    private static void runWhole(Path dir, SweepSpec spec) throws IOException {
        try (SweepStore s = SweepStore.open(dir, spec, SweepStore.Shard.WHOLE)) {
            computeAll(s);
            s.finish();
        }
    }

    private static void computeAll(SweepStore store) throws IOException {
        for (SweepSpec.Cell c : store.pending()) {
            store.record(new SweepSpec.CellResult(c, store.spec().compute(c)));
        }
    }

    /** Shares i/N partition the cells: each cell in exactly one, sizes as the arithmetic says. */
    @Test
    void shardsPartitionTheCells() {
        for (int total : new int[] {1, 7, 12, 13}) {
            for (int n = 1; n <= 5; n++) {
                int sum = 0;
                for (int cell = 0; cell < total; cell++) {
                    int owners = 0;
                    for (int i = 1; i <= n; i++) {
                        owners += new SweepStore.Shard(i, n).contains(cell) ? 1 : 0;
                    }
                    assertEquals(1, owners);
                }
                for (int i = 1; i <= n; i++) {
                    int size = new SweepStore.Shard(i, n).size(total);
                    int count = 0;
                    for (int cell = 0; cell < total; cell++) {
                        count += new SweepStore.Shard(i, n).contains(cell) ? 1 : 0;
                    }
                    assertEquals(count, size);
                    sum += size;
                }
                assertEquals(total, sum);
            }
        }
        for (String bad : new String[] {"0/3", "4/3", "1/0", "x", "1/3/2", "-1/3", "", "1 / "}) {
            assertEquals("shard", assertThrows(InvalidSpecException.class, () -> SweepStore.Shard.parse(bad)).parameter(),
                    bad);
        }
        assertEquals(new SweepStore.Shard(2, 8), SweepStore.Shard.parse(" 2/8 "));
    }

    /**
     * A journal cut anywhere (a torn last line, a line whose checksum fails) resumes to the same
     * sweep.csv as a run without interruption: the damaged lines are dropped and their cells recomputed.
     */
    @Test
    void aDamagedJournalResumesToTheSameTable(@TempDir Path tmp) throws IOException {
        SweepSpec spec = spec(10);
        Path whole = tmp.resolve("whole");
        runWhole(whole, spec);
        byte[] expected = Files.readAllBytes(whole.resolve(SweepStore.CSV_FILE));
        assertFalse(Files.exists(whole.resolve(SweepStore.JOURNAL_FILE)), "the journal is gone once the table is written");

        Path cut = tmp.resolve("cut");
        try (SweepStore s = SweepStore.open(cut, spec, SweepStore.Shard.WHOLE)) {
            List<SweepSpec.Cell> pending = s.pending();
            for (SweepSpec.Cell c : pending.subList(0, 7)) {
                s.record(new SweepSpec.CellResult(c, spec.compute(c)));
            }
        }
        Path journal = cut.resolve(SweepStore.JOURNAL_FILE);
        List<String> lines = Files.readAllLines(journal);
        assertEquals(7, lines.size());
        // corrupt line 3 (a digit changed, checksum kept) and tear the last one
        String third = lines.get(2);
        lines.set(2, third.replaceFirst(",2000,", ",2001,"));
        String text = String.join("\n", lines.subList(0, 6)) + "\n" + lines.get(6).substring(0, 25);
        Files.writeString(journal, text);
        try (SweepStore s = SweepStore.open(cut, spec, SweepStore.Shard.WHOLE)) {
            assertEquals(5, s.done(), "two damaged lines dropped");
            assertEquals(spec.cellCount() - 5, s.pending().size());
            assertEquals(5, Files.readAllLines(journal).size(), "the journal is rewritten without them");
            computeAll(s);
            s.finish();
        }
        assertArrayEquals(expected, Files.readAllBytes(cut.resolve(SweepStore.CSV_FILE)));
    }

    /** A folder holding another sweep, or other files, is refused, and nothing in it changes. */
    @Test
    void anotherSweepsFolderIsRefusedAndLeftAlone(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a");
        runWhole(dir, spec(10));
        List<byte[]> before = contents(dir);
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SweepStore.open(dir, spec(20), SweepStore.Shard.WHOLE));
        assertEquals("out", e.parameter());
        assertTrue(e.getMessage().contains("differs in kappa"), e.getMessage());
        e = assertThrows(InvalidSpecException.class, () -> SweepStore.open(dir, spec(10), new SweepStore.Shard(1, 2)));
        assertTrue(e.getMessage().contains("shard"), e.getMessage());
        assertEquals(before.size(), contents(dir).size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), contents(dir).get(i));
        }

        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");
        e = assertThrows(InvalidSpecException.class, () -> SweepStore.open(other, spec(10), SweepStore.Shard.WHOLE));
        assertTrue(e.getMessage().contains("holds no sweep"), e.getMessage());
        assertEquals(List.of(other.resolve("notes.txt")), Files.list(other).toList());
    }

    /**
     * sweep.json is read into a record: a member of the wrong type (a string where the spec has a
     * number) makes the folder not a sweep's, for resuming and for merging alike, and nothing in it changes.
     */
    @Test
    void aSweepJsonWithAMemberOfTheWrongTypeIsNotASweep(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a");
        runWhole(dir, spec(10));
        Path json = dir.resolve(SweepStore.SPEC_FILE);
        Files.writeString(json, Files.readString(json).replace("\"hold\": 20", "\"hold\": \"20\""));
        List<byte[]> before = contents(dir);
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SweepStore.open(dir, spec(10), SweepStore.Shard.WHOLE));
        assertTrue(e.getMessage().contains("is not a specdyn sweep description"), e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> SweepStore.readShard(dir));
        assertTrue(m.getMessage().contains("is not a specdyn sweep description"), m.getMessage());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), contents(dir).get(i));
        }
    }

    /** A finished folder reopens complete, with nothing to compute, and gives back the same results. */
    @Test
    void aFinishedSweepReopensComplete(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        List<SweepSpec.CellResult> first;
        try (SweepStore s = SweepStore.open(dir, spec(10), SweepStore.Shard.WHOLE)) {
            computeAll(s);
            s.finish();
            first = s.results();
        }
        try (SweepStore s = SweepStore.open(dir, spec(10), SweepStore.Shard.WHOLE)) {
            assertTrue(s.complete());
            assertTrue(s.pending().isEmpty());
            assertEquals(first, s.results());
        }
        List<String> rows = Files.readAllLines(dir.resolve(SweepStore.CSV_FILE), StandardCharsets.UTF_8);
        assertEquals(SweepCsv.HEADER, rows.get(0));
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).startsWith((i - 1) + ","), "rows in cell order");
        }
    }

    private static List<byte[]> contents(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                out.add(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** A second store on a folder already open is refused at once, naming the lock; closing frees it. */
    @Test
    void aFolderIsOpenedByOneStoreAtATime(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        try (SweepStore first = SweepStore.open(dir, spec(10), SweepStore.Shard.WHOLE)) {
            InvalidSpecException e = assertThrows(InvalidSpecException.class,
                    () -> SweepStore.open(dir, spec(10), SweepStore.Shard.WHOLE));
            assertEquals("out", e.parameter());
            assertTrue(e.getMessage().contains("is in use by another specdyn process"), e.getMessage());
            computeAll(first);
            first.finish();
        }
        try (SweepStore again = SweepStore.open(dir, spec(10), SweepStore.Shard.WHOLE)) {
            assertTrue(again.complete());
        }
    }

    /**
     * sweep.csv is trusted only with the SHA-256 that sweep.json records: a value edited by hand, or
     * rows cut off, are noticed; the cells are computed again and the table comes back byte for byte.
     * A merge refuses such a folder.
     */
    @Test
    void anEditedOrTruncatedTableIsNoticedAndRecomputed(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        runWhole(dir, spec(10));
        Path csv = dir.resolve(SweepStore.CSV_FILE);
        byte[] expected = Files.readAllBytes(csv);
        String sha = HexFormat.of().formatHex(sha256(expected));
        assertEquals(sha, ((java.util.Map<?, ?>) Json.parse(Files.readString(dir.resolve(SweepStore.SPEC_FILE))))
                .get("csv_sha256"));
        List<String> lines = Files.readAllLines(csv);
        int aligned = -1;
        for (int i = 1; i < lines.size() && aligned < 0; i++) {
            aligned = lines.get(i).contains(",aligned,") ? i : -1;
        }
        assertTrue(aligned > 0, "some cell aligned");
        String[] f = lines.get(aligned).split(",", -1);
        f[8] = Long.toString(Long.parseLong(f[8]) + 1);
        List<String> edited = new ArrayList<>(lines);
        edited.set(aligned, String.join(",", f));
        List<List<String>> damaged = List.of(edited, lines.subList(0, lines.size() - 3));
        for (List<String> bad : damaged) {
            Files.write(csv, bad);
            IllegalArgumentException merge = assertThrows(IllegalArgumentException.class, () -> SweepStore.readShard(dir));
            assertTrue(merge.getMessage().contains("does not match the SHA-256"), merge.getMessage());
            try (SweepStore s = SweepStore.open(dir, spec(10), SweepStore.Shard.WHOLE)) {
                assertTrue(s.damage() != null && s.damage().contains("edited, truncated or damaged"), s.damage());
                assertEquals(0, s.done());
                assertEquals(s.size(), s.pending().size());
                computeAll(s);
                s.finish();
            }
            assertArrayEquals(expected, Files.readAllBytes(csv));
            assertEquals(lines.size() - 1, SweepStore.readShard(dir).rows().size());
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
