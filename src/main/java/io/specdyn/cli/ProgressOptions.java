package io.specdyn.cli;

import picocli.CommandLine.Option;

/** The {@code --progress} option of long commands. */
final class ProgressOptions {

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE", converter = ProgressMode.Converter.class,
            description = "Progress on standard error: bar (redrawn in place), lines (plain, for logs), none, or auto: "
                    + "bar when standard error is a terminal, lines otherwise (default: ${DEFAULT-VALUE}).")
    ProgressMode mode = ProgressMode.AUTO;

    /** The mode to use, {@code auto} decided. */
    ProgressMode resolved() {
        return mode.resolve();
    }
}
