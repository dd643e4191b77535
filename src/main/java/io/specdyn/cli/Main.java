package io.specdyn.cli;

import picocli.CommandLine;

/** Entry point of the {@code specdyn} command. */
public final class Main {
    private Main() {
    }

    /** A configured command line, for {@link #main} and for tests that drive the CLI. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new SpecdynCommand()));
    }

    /** Sets {@code cmd} (and the subcommands it has) to report and parse as the specdyn command does. */
    static CommandLine configure(CommandLine cmd) {
        ErrorHandlers handlers = new ErrorHandlers();
        cmd.setParameterExceptionHandler(handlers);
        cmd.setExecutionExceptionHandler(handlers);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
