package io.specdyn.cli;

import io.specdyn.model.InvalidSpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on standard error and an exit code: 2 for invalid input
 * (including an output folder that cannot be written and a run too large for its disk), 1 for a
 * failure of the run itself (an integrator that gave up, an I/O error, an internal error). No
 * stack traces.
 */
final class ErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int INVALID_INPUT = 2;
    static final int RUN_FAILED = 1;

    private static final Pattern INVALID_VALUE = Pattern.compile("Invalid value for option '([^']+)'(?: \\([^)]*\\))?: (.*)", Pattern.DOTALL);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        print(ex.getCommandLine(), line(ex));
        return INVALID_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        print(cmd, line(ex, cmd));
        return exitCode(ex);
    }

    /** The one line a command-line error is reported by. */
    static String line(ParameterException ex) {
        String message = ex.getMessage();
        Matcher m = INVALID_VALUE.matcher(message);
        if (m.matches()) {
            message = m.group(1) + " " + m.group(2);
        }
        String name = ex.getCommandLine().getCommandSpec().qualifiedName();
        return oneLine(name + ": " + message + " (see " + name + " --help)");
    }

    /** The one line a failure of {@code cmd}'s work is reported by. */
    static String line(Exception ex, CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName();
        if (ex instanceof InvalidSpecException invalid) {
            return oneLine(name + ": " + option(invalid.parameter()) + " " + invalid.detail());
        }
        if (ex instanceof UsageException || ex instanceof RunFailure) {
            return oneLine(name + ": " + ex.getMessage());
        }
        if (ex instanceof OutputException oe) {
            return oneLine(name + ": cannot write " + oe.getMessage());
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            Throwable io = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            return oneLine(name + ": I/O error: " + io.getMessage());
        }
        return oneLine(name + ": internal error: " + ex);
    }

    /** The exit code of a failure: {@link #INVALID_INPUT} for what the user can change, else {@link #RUN_FAILED}. */
    static int exitCode(Exception ex) {
        return ex instanceof InvalidSpecException || ex instanceof UsageException || ex instanceof OutputException
                ? INVALID_INPUT : RUN_FAILED;
    }

    /**
     * The option of a model parameter. Model-layer code names parameters by keys that are, by
     * convention, the option names without dashes ({@code lu}, {@code t-end}, {@code samples-n});
     * this is the one place that spells them as options.
     */
    static String option(String parameter) {
        return "--" + parameter;
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static void print(CommandLine cmd, String line) {
        PrintWriter err = cmd.getErr();
        err.println(line);
        err.flush();
    }

    /** Options that contradict each other or do not apply; exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The run itself failed (an integrator gave up, an SVD did not converge); exit code 1, nothing written. */
    static final class RunFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunFailure(String message) {
            super(message);
        }
    }

    /** The output location cannot be written; exit code 2. */
    static final class OutputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
