package io.specdyn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code specdyn} launcher script, run by bash on a copy of the project made of a pom and one
 * source file, with stubs of {@code mvn} and {@code java} first on PATH. The {@code mvn} stub
 * fails, deleting the jar, when another build runs at the same time, as two Maven builds into one
 * {@code target/} do; the {@code java} stub prints the jar it was given.
 */
class LauncherTest {
    private static final String MVN = """
            #!/usr/bin/env bash
            set -e
            echo build >> "$STUB_LOG"
            mkdir -p target
            if ! mkdir target/.building 2>/dev/null; then rm -f target/specdyn.jar; exit 1; fi
            sleep 1
            echo jar > target/specdyn.jar
            rmdir target/.building
            """;
    private static final String JAVA = """
            #!/usr/bin/env bash
            for a in "$@"; do if [ "$prev" = "-jar" ]; then echo "jar=$a"; fi; prev="$a"; done
            """;

    private static Path project(Path tmp) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")));
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.copy(Path.of("specdyn").toAbsolutePath(), project.resolve("specdyn"));
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(project.resolve("src/main/java/A.java"), "class A {}\n");
        Path bin = Files.createDirectories(tmp.resolve("stubs"));
        executable(bin.resolve("mvn"), MVN);
        executable(bin.resolve("java"), JAVA);
        return project;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Process start(Path tmp, Path script) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--version");
        pb.environment().put("PATH", tmp.resolve("stubs") + ":" + System.getenv("PATH"));
        pb.environment().put("STUB_LOG", tmp.resolve("builds.log").toString());
        pb.directory(tmp.toFile());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static String finish(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /**
     * Two launchers started together on a project without a jar both run it, after one build.
     * Before, both built at once, and both failed with the jar deleted.
     */
    @Test
    void twoFirstLaunchesBuildOnceAndBothRun(@TempDir Path tmp) throws Exception {
        Path project = project(tmp);
        Process first = start(tmp, project.resolve("specdyn"));
        Process second = start(tmp, project.resolve("specdyn"));
        String jar = "jar=" + project.toRealPath().resolve("target/specdyn.jar");
        assertEquals(jar, lastLine(finish(first)));
        assertEquals(jar, lastLine(finish(second)));
        assertEquals(List.of("build"), Files.readAllLines(tmp.resolve("builds.log")));
    }

    /**
     * Called through a symlink in another folder (as from a bin folder on PATH), the launcher runs
     * the project's jar. Before, it looked for the project beside the link.
     */
    @Test
    void aSymlinkRunsTheProjectItPointsTo(@TempDir Path tmp) throws Exception {
        Path project = project(tmp);
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("bin")).resolve("specdyn"),
                project.resolve("specdyn"));
        String out = finish(start(tmp, link));
        assertEquals("jar=" + project.toRealPath().resolve("target/specdyn.jar"), lastLine(out));
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
