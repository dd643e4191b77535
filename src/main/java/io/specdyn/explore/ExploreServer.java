package io.specdyn.explore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.specdyn.io.Json;
import io.specdyn.io.OutputDir;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The HTTP server behind {@code specdyn explore}: bound to 127.0.0.1 only, it serves the page from
 * the jar and answers the page's requests for runs, computed by the reduced (or, for a sweep's cell,
 * the full) engine in a fixed pool of threads.
 *
 * <p>Routes (GET or HEAD only):
 * <ul>
 *   <li>{@code /}, {@code /app.js}, {@code /app.css}: the page; nothing else is served from the jar
 *       and no file is read from the disk except the sweep folder's own files;</li>
 *   <li>{@code /api/run?PARAMS}: one or two runs ({@link ExploreRequest}) and their views, as JSON;</li>
 *   <li>{@code /api/download?PARAMS&rule=1|2} or {@code /api/download?cell=N}: the folder
 *       {@code specdyn run} writes for that run, as a zip;</li>
 *   <li>{@code /api/sweep}: the sweep given by {@code --sweep} ({@link SweepSource#describe});
 *       {@code /api/sweep/cell?cell=N}: that cell's run, recomputed, as {@code /api/run} gives it.</li>
 * </ul>
 *
 * <p>Safety: a request whose {@code Host} is not this server's address (127.0.0.1 or localhost with
 * its port), or whose {@code Origin}, when given, is not this server's, is refused with 403: a page
 * of another site that a rebinding DNS points here cannot read the answers. So is a request a
 * browser marks as sent by another site ({@code Sec-Fetch-Site} other than {@code same-origin} or
 * {@code none}), such as an image of another page, which carries no {@code Origin}: it cannot make
 * the server compute. Every value is checked
 * by the command line's own parsing ({@link RunPlanner}) and a bad one refused with 400 and the
 * command's one line. Work is bounded before it starts ({@link ExploreLimits}) and in time while it
 * runs. Requests wait for one of a fixed number of compute threads in a bounded queue; past it they
 * are answered 503 at once. Every answer that is not 200 is a JSON object with one member,
 * {@code error}: one line.
 */
public final class ExploreServer implements AutoCloseable {
    /** Threads that read requests and write answers; they wait on the compute pool, never compute. */
    private static final int IO_THREADS = 8;
    /** Requests that may wait for an I/O thread; past it the accepting thread answers them itself. */
    private static final int IO_QUEUE = 256;
    private static final Map<String, String[]> PAGE = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"app.css", "text/css; charset=utf-8"});
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final HttpServer http;
    private final ThreadPoolExecutor io;
    private final ThreadPoolExecutor compute;
    private final RunPlanner planner;
    private final SweepSource sweep;
    private final ExploreLimits limits;
    private final Set<String> hosts;
    private final Set<String> origins;
    private final URI uri;

    private ExploreServer(HttpServer http, RunPlanner planner, SweepSource sweep, ExploreLimits limits) {
        this.http = http;
        this.planner = planner;
        this.sweep = sweep;
        this.limits = limits;
        int port = http.getAddress().getPort();
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
        this.io = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(IO_QUEUE), threads("explore-http"), new ThreadPoolExecutor.CallerRunsPolicy());
        this.compute = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0, TimeUnit.SECONDS,
                limits.queue() == 0 ? new java.util.concurrent.SynchronousQueue<>()
                        : new ArrayBlockingQueue<>(limits.queue()),
                threads("explore-compute"), new ThreadPoolExecutor.AbortPolicy());
        http.setExecutor(io);
        http.createContext("/", this::handle);
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port    the port, or 0 for a free one
     * @param sweep   the sweep to show, or null
     * @throws IOException if the port cannot be bound (in use, or not allowed)
     */
    public static ExploreServer start(int port, RunPlanner planner, SweepSource sweep, ExploreLimits limits)
            throws IOException {
        InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        HttpServer http = HttpServer.create(new InetSocketAddress(loopback, port), 128);
        ExploreServer server = new ExploreServer(http, planner, sweep, limits);
        http.start();
        return server;
    }

    /** The page's address, {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return uri;
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** Stops listening and stops the runs in progress (a download's folder is removed as its run stops). */
    @Override
    public void close() {
        http.stop(0);
        compute.shutdownNow();
        io.shutdownNow();
        try {
            compute.awaitTermination(5, TimeUnit.SECONDS);
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (Refusal r) {
                answer = Answer.error(r.status(), r.getMessage());
            } catch (RuntimeException e) {
                answer = Answer.error(500, "explore: internal error: " + e);
            }
            send(exchange, answer);
        }
    }

    private Answer answer(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new Refusal(403, "explore: refused: Host '" + printable(host) + "' is not this server's (" + uri.getAuthority()
                    + "); open " + uri);
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            throw new Refusal(403, "explore: refused: Origin '" + printable(origin) + "' is not this server's");
        }
        String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            // an image or a link of another site, which a browser sends without Origin: nothing to compute for it
            throw new Refusal(403, "explore: refused: a request from another site (Sec-Fetch-Site: " + printable(site)
                    + ")");
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new Refusal(405, "explore: method " + printable(method) + " not allowed (GET only)");
        }
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String[] page = PAGE.get(path);
        if (page != null) {
            return new Answer(200, page[1], resource(page[0]), null);
        }
        return switch (path) {
            case "/api/run" -> {
                List<List<String>> argvs = ExploreRequest.argvs(ExploreRequest.parse(query, List.of()));
                yield json(computeOnPool(() -> runs(argvs, i -> "/api/download?" + (query == null ? "" : query)
                        + "&rule=" + (i + 1))));
            }
            case "/api/download" -> download(query);
            case "/api/sweep" -> json(requireSweep().describe());
            case "/api/sweep/cell" -> {
                int cell = cell(ExploreRequest.parse(query, List.of("cell")));
                List<String> argv = requireSweep().cellArgv(cell);
                yield json(computeOnPool(() -> runs(List.of(argv), i -> "/api/download?cell=" + cell)));
            }
            default -> throw new Refusal(404, "explore: no page " + printable(path));
        };
    }

    private SweepSource requireSweep() {
        if (sweep == null) {
            throw new Refusal(404, "explore: no sweep: start specdyn explore with --sweep DIR");
        }
        return sweep;
    }

    private static int cell(Map<String, String> params) {
        String text = params.get("cell");
        try {
            return Integer.parseInt(text == null ? "" : text);
        } catch (NumberFormatException e) {
            throw new Refusal(400, "explore: cell must be a cell number of the sweep (got '" + printable(text) + "')");
        }
    }

    /** Computes the runs and their views; {@code download} gives each run's download link. */
    private Map<String, Object> runs(List<List<String>> argvs, java.util.function.IntFunction<String> download) {
        long start = System.nanoTime();
        long deadline = start + limits.deadline().toNanos();
        List<PlannedRun> planned = new ArrayList<>();
        for (List<String> argv : argvs) {
            planned.add(bounded(argv));
        }
        List<ExploreViews.Shown> shown = new ArrayList<>();
        for (PlannedRun run : planned) {
            shown.add(new ExploreViews.Shown(run, compute(run, deadline)));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Map<String, Object>> summaries = ExploreViews.summaries(shown);
        for (int i = 0; i < summaries.size(); i++) {
            summaries.get(i).put("download", download.apply(i));
        }
        answer.put("runs", summaries);
        answer.put("views", ExploreViews.svg(shown));
        answer.put("millis", (System.nanoTime() - start) / 1e6);
        return answer;
    }

    /**
     * The run {@code argv} asks for, within the bounds: refused past the work bound, and with
     * {@code --every} raised so that it keeps at most {@link ExploreLimits#maxRows} rows.
     */
    PlannedRun bounded(List<String> argv) {
        PlannedRun run = planner.plan(argv);
        double bound = run.workUnit().equals("group-steps") ? limits.maxGroupSteps() : limits.maxFullWork();
        if (run.work() > bound) {
            // as many digits as it takes to tell the work from the bound (5.00000001e+07 is past 5.00e+07)
            int digits = 3;
            while (digits < 17 && String.format(Locale.ROOT, "%." + digits + "g", run.work())
                    .equals(String.format(Locale.ROOT, "%." + digits + "g", bound))) {
                digits++;
            }
            throw new Refusal(400, String.format(Locale.ROOT, "explore: %s asks for %." + digits + "g %s, more than the "
                    + "%.3g one request may compute (fewer --steps, a smaller --d; specdyn run has no such bound)",
                    run.label(), run.work(), run.workUnit(), bound));
        }
        if (run.rows() > limits.maxRows()) {
            if (!run.algorithm().isDiscrete()) {
                throw new Refusal(400, "explore: --samples asks for " + (long) run.rows() + " rows, more than the "
                        + limits.maxRows() + " a view keeps");
            }
            long every = (long) Math.ceil(run.rows() / (limits.maxRows() - 1));
            List<String> thinned = new ArrayList<>(argv);
            thinned.add("--every");
            thinned.add(Long.toString(every));
            run = planner.plan(thinned);
        }
        return run;
    }

    private static Trajectory compute(PlannedRun run, long deadline) {
        Trajectory.Builder builder = Trajectory.builder(run.columns());
        run.engine().accept(new Deadline(builder, deadline, run.label()));
        return builder.build();
    }

    private Answer download(String query) {
        Map<String, String> params = ExploreRequest.parse(query, List.of("rule", "cell"));
        List<String> argv;
        if (params.containsKey("cell")) {
            argv = requireSweep().cellArgv(cell(params));
        } else {
            String rule = params.remove("rule");
            List<List<String>> argvs = ExploreRequest.argvs(params);
            int index = "2".equals(rule) ? 1 : "1".equals(rule) || rule == null ? 0 : -1;
            if (index < 0 || index >= argvs.size()) {
                throw new Refusal(400, "explore: rule must be 1" + (argvs.size() > 1 ? " or 2" : "") + " (got '"
                        + printable(rule) + "')");
            }
            argv = argvs.get(index);
        }
        return computeOnPool(() -> {
            PlannedRun run = bounded(argv);
            String name = "specdyn-run-" + run.algorithm().label();
            // a folder of its own in the system's temporary folder, for as long as the zip takes
            Path folder = Files.createTempDirectory("specdyn-explore-");
            try {
                planner.write(run.argv(), folder.resolve(name));
                return new Answer(200, "application/zip", zip(folder.resolve(name), name),
                        "attachment; filename=\"" + name + ".zip\"");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteTree(folder);
            }
        });
    }

    /** The files of {@code folder}, in name order, as a zip whose entries sit in {@code name}/ and carry no dates. */
    private static byte[] zip(Path folder, String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                ZipEntry entry = new ZipEntry(name + "/" + file.getFileName());
                entry.setTime(315532800000L); // 1980-01-01, the zip format's first date: the same run, the same bytes
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Runs {@code work} on the compute pool and waits for it; 503 at once when the pool's queue is full. */
    private <T> T computeOnPool(Callable<T> work) {
        Future<T> future;
        try {
            future = compute.submit(work);
        } catch (RejectedExecutionException e) {
            throw new Refusal(503, "explore: busy: " + limits.threads() + " runs are computing and " + limits.queue()
                    + " waiting; try again in a moment");
        }
        try {
            return future.get(limits.deadline().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Refusal(503, "explore: the request waited longer than " + limits.deadline().toSeconds()
                    + " s for the machine; try again, or ask for fewer steps");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Refusal(503, "explore: the server is stopping");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Refusal r) {
                throw r;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Answer json(Object value) {
        return new Answer(200, "application/json; charset=utf-8", Json.write(value).getBytes(StandardCharsets.UTF_8),
                null);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ExploreServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the page " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", answer.type());
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", CSP);
        if (answer.disposition() != null) {
            headers.set("Content-Disposition", answer.disposition());
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private static String printable(String s) {
        return Refusal.quote(s, 60);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Removes a download's folder; one that cannot be removed stays in the system's temporary folder, which the system clears. */
    private static void deleteTree(Path root) {
        try {
            OutputDir.deleteTree(root);
        } catch (IOException e) {
            // left to the system, as above: the answer does not depend on it
        }
    }

    /** An answer: status, content type, body and, for a download, its Content-Disposition. */
    private record Answer(int status, String type, byte[] body, String disposition) {
        static Answer error(int status, String line) {
            return new Answer(status, "application/json; charset=utf-8",
                    Json.write(Map.of("error", line)).getBytes(StandardCharsets.UTF_8), null);
        }
    }

    /** A sink that stops a run past its deadline: the request is refused rather than left computing. */
    private record Deadline(Trajectory.Builder rows, long deadline, String label) implements TrajectorySink {
        @Override
        public TrajectorySink add(double... values) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                throw new Refusal(503, "explore: " + label + " was stopped at row " + rows.size()
                        + ": it took longer than the time one request may take; ask for fewer steps");
            }
            rows.add(values);
            return this;
        }

        @Override
        public TrajectorySink event(StageEvent event) {
            rows.event(event);
            return this;
        }

        @Override
        public TrajectorySink outcome(Outcome value) {
            rows.outcome(value);
            return this;
        }

        @Override
        public TrajectorySink diagnostic(String key, Object value) {
            rows.diagnostic(key, value);
            return this;
        }
    }
}
