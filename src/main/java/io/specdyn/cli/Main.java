package io.specdyn.cli;

import picocli.CommandLine;

/** Entry point of the {@code specdyn} command. */
public final class Main {
    private Main() {
    }

    /** A configured command line, for {@link #main} and for tests that drive the CLI. */
    public static CommandLine commandLine() {
        ErrorHandlers handlers = new ErrorHandlers();
        CommandLine cmd = new CommandLine(new SpecdynCommand());
        cmd.setParameterExceptionHandler(handlers);
        cmd.setExecutionExceptionHandler(handlers);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
