package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs the real command line with captured output. */
final class CliHarness {
    final int exitCode;
    final String out;
    final String err;

    private CliHarness(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliHarness run(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new CliHarness(code, out.toString(), err.toString());
    }

    /**
     * Runs {@code args} (a command line, words split at white space) with {@code --out tmp/out} and
     * asserts the refusal: exit 2, one line starting with the command's name and {@code message}, and
     * nothing written, neither the folder nor a temporary one beside it.
     */
    static void assertRejected(Path tmp, String args, String message) throws IOException {
        Path out = tmp.resolve("out");
        String[] argv = Stream.concat(Stream.of(args.trim().split("\\s+")), Stream.of("--out", out.toString()))
                .toArray(String[]::new);
        CliHarness r = run(argv);
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("specdyn " + argv[0] + ": " + message.trim()), r.err);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("out")
                    || p.getFileName().toString().startsWith(".out")).count(), "nothing written");
        }
    }
}
