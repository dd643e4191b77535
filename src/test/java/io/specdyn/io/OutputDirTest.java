package io.specdyn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirTest {
    private static final String MARKER = "m.json";

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void write(Path target, String... files) throws IOException {
        try (OutputDir dir = OutputDir.open(target, MARKER)) {
            for (String name : files) {
                Files.writeString(dir.file(name), name + " of this output\n");
            }
            dir.commit();
        }
    }

    @Test
    void nothingAppearsUntilCommitAndNothingRemainsWithoutIt(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("out");
        try (OutputDir dir = OutputDir.open(target, MARKER)) {
            Files.writeString(dir.file("a.csv"), "x\n");
            assertFalse(Files.exists(target));
        }
        assertFalse(Files.exists(target));
        assertEquals(List.of(), entries(tmp), "no work folder left behind");
    }

    /** An earlier output of the same command is replaced whole: nothing of it stays beside the new one. */
    @Test
    void anEarlierOutputIsReplacedWhole(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("deep/out");
        write(target, "a.csv", MARKER);
        Files.writeString(target.resolve("plot.png"), "a figure of the first output");
        write(target, "b.csv", MARKER);
        assertEquals(List.of("b.csv", MARKER), entries(target));
        assertEquals("b.csv of this output\n", Files.readString(target.resolve("b.csv")));
        assertEquals(List.of("out"), entries(tmp.resolve("deep")), "no work folder left behind");
    }

    @Test
    void anEmptyFolderIsFilled(@TempDir Path tmp) throws IOException {
        Path target = Files.createDirectory(tmp.resolve("out"));
        write(target, MARKER);
        assertEquals(List.of(MARKER), entries(target));
    }

    /** A non-empty folder that is not an earlier output of this command is refused and left as it was. */
    @Test
    void aForeignFolderIsRefusedAndLeftAlone(@TempDir Path tmp) throws IOException {
        Path target = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(target.resolve("notes.txt"), "mine");
        Files.writeString(target.resolve("other.json"), "{}");
        OutputDir.Unusable e = assertThrows(OutputDir.Unusable.class, () -> OutputDir.open(target, MARKER));
        assertTrue(e.getMessage().contains("not an earlier output") && e.getMessage().contains(MARKER), e.getMessage());
        assertEquals(List.of("notes.txt", "other.json"), entries(target));
        assertEquals(List.of("out"), entries(tmp));
    }

    @Test
    void unusablePathsAreRefusedBeforeAnythingIsCreated(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "");
        Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("missing"));
        Files.createSymbolicLink(tmp.resolve("loop1"), tmp.resolve("loop2"));
        Files.createSymbolicLink(tmp.resolve("loop2"), tmp.resolve("loop1"));
        List<String> before = entries(tmp);
        String[][] cases = {
            {"f", "exists and is not a folder"},
            {"f/sub/out", "is a file, not a folder"},
            {"dangling", "which does not exist"},
            {"dangling/out", "which does not exist"},
            {"loop1", "cannot be followed"},
            {"loop1/out", "cannot be followed"},
        };
        for (String[] c : cases) {
            OutputDir.Unusable e = assertThrows(OutputDir.Unusable.class, () -> OutputDir.open(tmp.resolve(c[0]), MARKER), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
        assertThrows(OutputDir.Unusable.class, () -> OutputDir.open(Path.of(""), MARKER));
        assertEquals(before, entries(tmp));
        assertEquals("", Files.readString(file));
    }

    /**
     * A read-only folder is refused, as the parent of a new output and as an output. Checked with
     * {@link Files#isWritable} (access(2)): for root a folder without write permission is still
     * writable, and is written, so the refusal can only be seen by another user.
     */
    @Test
    void aReadOnlyFolderIsRefused(@TempDir Path tmp) throws IOException {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root, for whom a folder without write permission is writable");
            OutputDir.Unusable e = assertThrows(OutputDir.Unusable.class, () -> OutputDir.open(ro.resolve("out"), MARKER));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            assertThrows(OutputDir.Unusable.class, () -> OutputDir.open(ro, MARKER));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Through a symbolic link to a folder, the output replaces the folder and the link stays. */
    @Test
    void aLinkToAFolderIsFollowed(@TempDir Path tmp) throws IOException {
        Path real = tmp.resolve("real");
        write(real, MARKER, "a.csv");
        Path link = Files.createSymbolicLink(tmp.resolve("latest"), real);
        write(link, MARKER);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of(MARKER), entries(real));
    }

    private static Path workFolder(Path parent, String target, OutputDir.Owner owner) throws IOException {
        Path work = Files.createDirectory(parent.resolve("." + target + OutputDir.WORK_INFIX + "test"));
        Files.writeString(work.resolve(OutputDir.OWNER_FILE), owner.text());
        Files.createDirectory(work.resolve("out"));
        Files.writeString(work.resolve("out/trajectory.csv"), "step,t\n0,0\n");
        return work;
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    /**
     * Work folders of a process that no longer runs are removed by the next output into the same
     * parent, and an earlier output that a kill caught half-replaced is put back; folders of live
     * processes and of other hosts are left alone.
     */
    @Test
    void staleWorkFoldersAreRemovedAndHalfReplacedOutputsPutBack(@TempDir Path tmp) throws Exception {
        OutputDir.Owner self = OutputDir.Owner.current();
        long dead = deadPid();
        assumeFalse(ProcessHandle.of(dead).isPresent(), "the pid was reused at once");
        workFolder(tmp, "killed", new OutputDir.Owner(dead, self.host(), self.startMillis()));
        Path halfReplaced = workFolder(tmp, "kept", new OutputDir.Owner(dead, self.host(), 0));
        Files.createDirectories(halfReplaced.resolve("old"));
        Files.writeString(halfReplaced.resolve("old/" + MARKER), "the earlier output");
        Path reused = workFolder(tmp, "reused", new OutputDir.Owner(self.pid(), self.host(), self.startMillis() - 1000));
        Path live = workFolder(tmp, "live", self);
        Path elsewhere = workFolder(tmp, "elsewhere", new OutputDir.Owner(dead, self.host() + "-other", 0));

        write(tmp.resolve("new"), MARKER);

        assertEquals(List.of("." + "elsewhere" + OutputDir.WORK_INFIX + "test", "." + "live" + OutputDir.WORK_INFIX + "test",
                "kept", "new"), entries(tmp));
        assertEquals("the earlier output", Files.readString(tmp.resolve("kept/" + MARKER)));
        assertFalse(Files.exists(reused), "a reused pid with another start time is not the owner");
        assertTrue(Files.exists(live) && Files.exists(elsewhere));
    }

    /**
     * An output that a live process is writing (its work folder with its owner file) is refused, and
     * nothing is created; once that process is gone, its folder is stale and the output proceeds.
     */
    @Test
    void anOutputBeingWrittenByAnotherProcessIsRefused(@TempDir Path tmp) throws Exception {
        OutputDir.Owner self = OutputDir.Owner.current();
        Path live = workFolder(tmp, "busy", self);
        OutputDir.Unusable e = assertThrows(OutputDir.Unusable.class, () -> OutputDir.open(tmp.resolve("busy"), MARKER));
        assertTrue(e.getMessage().contains("is being written by process " + self.pid()), e.getMessage());
        assertEquals(List.of(live.getFileName().toString()), entries(tmp));

        long dead = deadPid();
        assumeFalse(ProcessHandle.of(dead).isPresent(), "the pid was reused at once");
        Files.writeString(live.resolve(OutputDir.OWNER_FILE), new OutputDir.Owner(dead, self.host(), 0).text());
        write(tmp.resolve("busy"), MARKER);
        assertEquals(List.of("busy"), entries(tmp));
    }

    @Test
    void atomicWriteLeavesNoTemporaryFile(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("x.json");
        AtomicFiles.writeString(target, "{}\n");
        AtomicFiles.writeString(target, "{\"a\": 1}\n");
        assertEquals("{\"a\": 1}\n", Files.readString(target));
        assertEquals(List.of("x.json"), entries(tmp));
    }
}
