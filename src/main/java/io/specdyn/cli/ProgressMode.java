package io.specdyn.cli;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How a long command shows its progress on standard error: {@code bar}, a line redrawn in place
 * with {@code \r} and an erase-line sequence, for a terminal; {@code lines}, plain lines that a log
 * file or CI keeps readable; {@code none}; or {@code auto}, a bar when standard error is a terminal
 * and lines otherwise.
 */
enum ProgressMode {
    AUTO, BAR, LINES, NONE;

    /** This mode with {@code auto} decided by {@link #standardErrorIsTerminal()}. */
    ProgressMode resolve() {
        return this != AUTO ? this : standardErrorIsTerminal() ? BAR : LINES;
    }

    /**
     * Whether file descriptor 2 is a terminal. {@code System.console()} cannot say: it answers for
     * standard input and output, so {@code 2> log} from a terminal would fill the log with escape
     * sequences. On Linux {@code /proc/self/fd/2} is a link to what descriptor 2 is open on, and a
     * terminal is {@code /dev/pts/N}, {@code /dev/ttyX} or {@code /dev/console}; elsewhere the answer
     * comes from {@code test -t 2} (isatty) run with this process's standard error inherited. A
     * {@code TERM} of {@code dumb} is no terminal for redrawing. When nothing can tell, it is not one.
     */
    static boolean standardErrorIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                return isTerminalDevice(Files.readSymbolicLink(fd).toString());
            }
        } catch (IOException | SecurityException e) {
            // fall through to isatty
        }
        try {
            Process test = new ProcessBuilder("test", "-t", "2").redirectInput(Redirect.DISCARD)
                    .redirectOutput(Redirect.DISCARD).redirectError(Redirect.INHERIT).start();
            return test.waitFor(5, TimeUnit.SECONDS) && test.exitValue() == 0;
        } catch (IOException | SecurityException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether a device path names a terminal: {@code /dev/pts/N}, {@code /dev/ttyX}, {@code /dev/console}. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    /** Parses {@code --progress}, case-insensitive. */
    static final class Converter implements ITypeConverter<ProgressMode> {
        @Override
        public ProgressMode convert(String value) {
            try {
                return ProgressMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be auto, bar, lines or none (got '" + value + "')");
            }
        }
    }
}
