package io.specdyn.cli;

import io.specdyn.model.Algorithm;
import picocli.CommandLine.Model.CommandSpec;

/** Checks on which options the user gave. */
final class Options {
    private Options() {
    }

    /** Whether {@code option} appears on the command line of {@code command}. */
    static boolean given(CommandSpec command, String option) {
        return command.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Refuses options that were given but do not apply to {@code algorithm}. */
    static void refuse(CommandSpec command, Algorithm algorithm, String appliesTo, String... options) {
        for (String option : options) {
            if (given(command, option)) {
                throw new ErrorHandlers.UsageException(option + " applies to " + appliesTo + ", not to " + algorithm.label());
            }
        }
    }

    /** Refuses options that were given but do not apply in {@code context}. */
    static void refuse(CommandSpec command, String context, String... options) {
        for (String option : options) {
            if (given(command, option)) {
                throw new ErrorHandlers.UsageException(option + " does not apply to " + context);
            }
        }
    }
}
