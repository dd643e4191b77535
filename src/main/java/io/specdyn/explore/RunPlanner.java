package io.specdyn.explore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns the arguments of {@code specdyn run} into a validated run, through the command line's own
 * parsing and checks, so that the page refuses exactly what the command refuses, with the same line.
 * Implemented by the command line; the server only sees this interface.
 */
public interface RunPlanner {

    /**
     * @param argv the arguments after {@code run}; never {@code --out}
     * @throws Refusal (400) with the command's one-line message when it would exit with code 2
     */
    PlannedRun plan(List<String> argv);

    /**
     * Runs {@code specdyn run argv --out folder}: the folder is written exactly as the command writes it.
     *
     * @throws Refusal with the command's one-line message when it does not exit with code 0
     */
    void write(List<String> argv, Path folder) throws IOException;
}
