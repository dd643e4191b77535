package io.specdyn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirTest {

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void nothingAppearsUntilCommitAndNothingRemainsWithoutIt(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("out");
        try (OutputDir dir = OutputDir.open(target)) {
            Files.writeString(dir.file("a.csv"), "x\n");
            assertFalse(Files.exists(target));
        }
        assertFalse(Files.exists(target));
        assertEquals(0, entries(tmp), "no staging folder left behind");
    }

    @Test
    void commitCreatesOrReplaces(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("deep/out");
        try (OutputDir dir = OutputDir.open(target)) {
            Files.writeString(dir.file("a.csv"), "first\n");
            dir.commit();
        }
        assertEquals("first\n", Files.readString(target.resolve("a.csv")));
        try (OutputDir dir = OutputDir.open(target)) {
            Files.writeString(dir.file("a.csv"), "second\n");
            dir.commit();
        }
        assertEquals("second\n", Files.readString(target.resolve("a.csv")));
        assertEquals(1, entries(tmp.resolve("deep")));
        assertTrue(Files.isReadable(target.resolve("a.csv")));
    }

    @Test
    void refusesAFileOrAPathUnderAFile(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "");
        assertThrows(IOException.class, () -> OutputDir.open(file));
        assertThrows(IOException.class, () -> OutputDir.open(file.resolve("sub")));
        assertEquals(1, entries(tmp));
    }

    @Test
    void atomicWriteLeavesNoTemporaryFile(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("x.json");
        AtomicFiles.writeString(target, "{}\n");
        AtomicFiles.writeString(target, "{\"a\": 1}\n");
        assertEquals("{\"a\": 1}\n", Files.readString(target));
        assertEquals(1, entries(tmp));
    }
}
