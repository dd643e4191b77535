package io.specdyn.cli;

import io.specdyn.explore.ExploreLimits;
import io.specdyn.explore.ExploreServer;
import io.specdyn.explore.SweepSource;
import io.specdyn.explore.SweepView;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specdyn explore}: a local page where the dynamics follow the controls as they move. */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serves a page on this machine (127.0.0.1 only) where a reader moves the problem (kappa, alpha, d), "
                + "the start scale and one or two update rules (learning rate, schedule, momentum, steps), and "
                + "watches the coefficients, alignment and loss, and the stage I and stage II phase portraits "
                + "follow, with the stage events and the steps to alignment in words. Runs use the reduced engine.",
            "",
            "Every value is checked as `specdyn run` checks it; the page shows the command line that computes the "
                + "same run, and downloads the folder that command writes. With --sweep, the page also shows that "
                + "sweep's regime maps; clicking a cell recomputes its run.",
            "",
            "Requests from other sites are refused (Host and Origin must be this server's); one request may "
                + "compute at most " + ExploreLimits.DEFAULT_GROUP_STEPS + " group-steps (steps times eigenvalue "
                + "groups) for at most " + ExploreLimits.DEFAULT_DEADLINE_SECONDS + " s, and keeps at most " + ExploreLimits.DEFAULT_ROWS + " rows "
                + "of a run (--every is raised to thin longer runs; the command line shown says so). Ctrl-C stops "
                + "the server.",
            "",
            "Exit codes: 130 (128 + SIGINT) after Ctrl-C, and 143 after SIGTERM, once the server has stopped; "
                + "2 invalid input (a port in use, an unreadable sweep folder), before anything is served."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  specdyn explore --open",
            "  specdyn explore --port 8765 --sweep sweeps/lr-kappa"})
final class ExploreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "0", converter = PortConverter.class, paramLabel = "PORT",
            description = "Port on 127.0.0.1, 1..65535; 0 (the default) takes a free one.")
    int port;

    @Option(names = "--open", description = "Open the page in the desktop's browser, where there is one.")
    boolean open;

    @Option(names = "--sweep", paramLabel = "DIR",
            description = "A finished sweep's folder (as specdyn sweep or sweep-merge wrote it): the page shows its "
                    + "regime maps, and recomputes a cell's run when it is clicked. Only its sweep.json and sweep.csv "
                    + "are read, once, before the server starts; nothing is written to it.")
    Path sweep;

    @Option(names = "--threads", converter = ThreadCount.class, paramLabel = "N",
            description = "Threads that compute runs, at most 64 (default: the number of processors).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        ExploreLimits limits = ExploreLimits.defaults();
        if (threads != null) {
            limits = limits.withPool(threads, limits.queue());
        }
        // read (and refused) before anything is served: a bad folder exits 2 with one line
        SweepSource source = sweep == null ? null : SweepView.open(sweep);
        ExploreServer server;
        try {
            server = ExploreServer.start(port, new CliRunPlanner(), source, limits);
        } catch (BindException e) {
            throw new ErrorHandlers.UsageException("--port " + port + " cannot be used on 127.0.0.1 (" + e.getMessage()
                    + "); give another port, or 0 for a free one");
        } catch (IOException e) {
            throw new ErrorHandlers.UsageException("--port " + port + ": cannot listen on 127.0.0.1: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "explore-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("specdyn explore: serving " + server.uri() + (sweep != null ? " with the sweep " + sweep : "")
                + " (Ctrl-C stops)");
        out.flush();
        if (open) {
            openBrowser(server.uri(), out);
        }
        stopped.await();
        return 0;
    }

    private static void openBrowser(java.net.URI uri, PrintWriter out) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(uri);
                return;
            }
            for (String opener : new String[] {"xdg-open", "open"}) {
                if (onPath(opener)) {
                    new ProcessBuilder(opener, uri.toString()).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            out.println("specdyn explore: could not open a browser (" + e.getMessage() + "); open " + uri);
            out.flush();
            return;
        }
        out.println("specdyn explore: no desktop browser here; open " + uri);
        out.flush();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Threads of the compute pool: 1..64. */
    static final class ThreadCount implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) Converters.parseLong(value, 1, 64);
        }
    }

    /** A port: 0 (a free one) or 1..65535. */
    static final class PortConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) Converters.parseLong(value, 0, 65535);
        }
    }
}
