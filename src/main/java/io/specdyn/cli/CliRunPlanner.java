package io.specdyn.cli;

import io.specdyn.explore.PlannedRun;
import io.specdyn.explore.Refusal;
import io.specdyn.explore.RunPlanner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line's own parsing and checks of {@code specdyn run}, for {@code explore}: a run the
 * page asks for is parsed exactly as the command parses it, and refused with the line the command
 * would print. Each call parses into a fresh command, so calls may run concurrently.
 */
final class CliRunPlanner implements RunPlanner {

    @Override
    public PlannedRun plan(List<String> argv) {
        refuseOut(argv);
        CommandLine root = quiet(runOnly());
        List<String> args = new ArrayList<>(argv.size() + 1);
        args.add("run");
        args.addAll(argv);
        CommandLine run;
        try {
            ParseResult parsed = root.parseArgs(args.toArray(String[]::new));
            run = parsed.subcommand().commandSpec().commandLine();
        } catch (ParameterException e) {
            throw new Refusal(400, ErrorHandlers.line(e));
        }
        if (run.isUsageHelpRequested() || run.isVersionHelpRequested()) {
            throw new Refusal(400, "explore: --help and --version are not runs");
        }
        try {
            // the command's own record of its arguments starts with "run": the page's starts after it
            return ((RunCommand) run.getCommand()).plan().withArgv(argv);
        } catch (RuntimeException e) {
            throw new Refusal(ErrorHandlers.exitCode(e) == ErrorHandlers.INVALID_INPUT ? 400 : 500,
                    ErrorHandlers.line(e, run));
        }
    }

    @Override
    public void write(List<String> argv, Path folder) {
        refuseOut(argv);
        StringWriter err = new StringWriter();
        CommandLine root = Main.commandLine();
        root.setOut(new PrintWriter(new StringWriter()));
        root.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(argv.size() + 3);
        args.add("run");
        args.addAll(argv);
        args.add("--out");
        args.add(folder.toString());
        int code = root.execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new Refusal(code == ErrorHandlers.INVALID_INPUT ? 400 : 500, err.toString().strip());
        }
    }

    /** The page never names a file: --out is the server's own. */
    private static void refuseOut(List<String> argv) {
        if (argv.stream().anyMatch(a -> a.equals("--out") || a.startsWith("--out="))) {
            throw new Refusal(400, "explore: --out is not an option of the page");
        }
    }

    /**
     * {@code specdyn} with its {@code run} command only, configured as {@link Main#commandLine()}: building every
     * command's model took a third of a page request's time, and parsing a run needs only run's.
     */
    private static CommandLine runOnly() {
        CommandLine root = new CommandLine(CommandLine.Model.CommandSpec.create().name("specdyn"));
        root.addSubcommand("run", new CommandLine(new RunCommand()));
        return Main.configure(root);
    }

    private static CommandLine quiet(CommandLine cmd) {
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(new StringWriter()));
        return cmd;
    }
}
