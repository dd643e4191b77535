package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.explore.ExploreLimits;
import io.specdyn.explore.ExploreServer;
import io.specdyn.io.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explore server as a client on this machine sees it: where it listens, what it refuses and why,
 * its bounds, and a load of concurrent requests. Requests are written by hand on a socket, so that
 * the Host and Origin headers are exactly those under test.
 */
class ExploreServerTest {
    private static final String GD_KAPPA_5 = "algo=gd&lr=0.02&kappa=5&steps=2000";

    @TempDir
    Path tmp;

    private ExploreServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ExploreServer start(ExploreLimits limits) throws IOException {
        server = ExploreServer.start(0, new CliRunPlanner(), null, limits);
        return server;
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        start(ExploreLimits.defaults());
        InetSocketAddress address = server.address();
        assertEquals(InetAddress.getByName("127.0.0.1"), address.getAddress());
        assertEquals("http://127.0.0.1:" + address.getPort() + "/", server.uri().toString());
        assertEquals(200, get("/", host()).status);
        // every other address of this machine is refused at the socket: nothing listens there
        for (InetAddress other : otherAddresses()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(other, address.getPort()), 2000);
                throw new AssertionError("the server answers on " + other);
            } catch (ConnectException expected) {
                // refused: the port is bound on 127.0.0.1 alone
            }
        }
    }

    @Test
    void refusesAnotherHostOrOriginAgainstDnsRebinding() throws IOException {
        start(ExploreLimits.defaults());
        int port = server.address().getPort();
        // a rebinding DNS name that resolves to 127.0.0.1 still carries its own name in Host
        Reply rebound = get("/api/run?" + GD_KAPPA_5, "attacker.example:" + port);
        assertEquals(403, rebound.status);
        assertTrue(rebound.error().startsWith("explore: refused: Host 'attacker.example:" + port + "'"), rebound.body);
        assertEquals(403, get("/", "127.0.0.1:" + (port + 1)).status, "another port is another origin");
        assertEquals(403, get("/", null).status, "no Host at all");
        assertEquals(403, get("/api/run?" + GD_KAPPA_5, host(), "Origin: http://attacker.example").status);
        assertEquals(403, get("/api/run?" + GD_KAPPA_5, host(), "Origin: null").status);
        // an <img> of another site's page: Host and no Origin look local, the browser's Sec-Fetch-Site does not
        assertEquals(403, get("/api/run?" + GD_KAPPA_5, host(), "Sec-Fetch-Site: cross-site").status);
        assertEquals(403, get("/api/run?" + GD_KAPPA_5, host(), "Sec-Fetch-Site: same-site").status);
        assertEquals(200, get("/api/run?" + GD_KAPPA_5, host(), "Sec-Fetch-Site: same-origin").status);
        assertEquals(200, get("/", host(), "Sec-Fetch-Site: none").status, "an address typed by the reader");
        assertEquals(200, get("/api/run?" + GD_KAPPA_5, "localhost:" + port).status);
        assertEquals(200, get("/api/run?" + GD_KAPPA_5, host(), "Origin: http://127.0.0.1:" + port).status);
    }

    @Test
    void servesThePageAndNothingElse() throws IOException {
        start(ExploreLimits.defaults());
        Reply page = get("/", host());
        assertEquals(200, page.status);
        assertTrue(page.headers.get("content-type").startsWith("text/html"));
        assertTrue(page.headers.get("content-security-policy").contains("default-src 'none'"));
        assertEquals(200, get("/app.js", host()).status);
        assertEquals(200, get("/app.css", host()).status);
        for (String path : List.of("/pom.xml", "/../pom.xml", "/%2e%2e/pom.xml", "/app.js/../../pom.xml",
                "/io/specdyn/explore/app.js", "/etc/passwd", "/api", "/api/runs")) {
            assertEquals(404, get(path, host()).status, path);
        }
        assertEquals(405, request("POST", "/api/run?" + GD_KAPPA_5, host()).status);
    }

    @Test
    void badValuesGetTheCommandLinesOwnLine() throws IOException {
        start(ExploreLimits.defaults());
        // each page request against the line `specdyn run` prints for the same arguments
        Map<String, List<String>> cases = Map.of(
                "algo=gd&lr=-1", List.of("--algo", "gd", "--lr", "-1"),
                "algo=gd&lr=0.02&kappa=-5", List.of("--algo", "gd", "--lr", "0.02", "--kappa", "-5"),
                "algo=gd&lr=abc", List.of("--algo", "gd", "--lr", "abc"),
                "algo=sgd&lr=0.02", List.of("--algo", "sgd", "--lr", "0.02"),
                "algo=adam&lr=0.01", List.of("--algo", "adam", "--lr", "0.01"),
                "algo=gd&lr=0.02&momentum=0.9", List.of("--algo", "gd", "--lr", "0.02", "--momentum", "0.9"),
                "algo=gd&lr=0.02&algo2=muon&lr2=0.01&d=2", List.of("--algo", "gd", "--lr", "0.02", "--d", "2"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            Reply reply = get("/api/run?" + c.getKey(), host());
            List<String> argv = new ArrayList<>(List.of("run"));
            argv.addAll(c.getValue());
            argv.addAll(List.of("--out", tmp.resolve("never").toString()));
            CliHarness cli = CliHarness.run(argv.toArray(String[]::new));
            assertEquals(2, cli.exitCode, cli.err);
            assertEquals(400, reply.status, c.getKey());
            assertEquals(cli.err.strip(), reply.error(), c.getKey());
        }
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    @Test
    void refusesWhatThePageCannotAskFor() throws IOException {
        start(ExploreLimits.defaults());
        Reply unknown = get("/api/run?algo=gd&out=/tmp/x", host());
        assertEquals(400, unknown.status);
        assertTrue(unknown.error().startsWith("explore: unknown parameter 'out'"), unknown.body);
        Reply file = get("/api/run?algo=gd&spectrum=" + enc("file:/etc/passwd"), host());
        assertEquals(400, file.status);
        assertTrue(file.error().startsWith("explore: spectrum must be spiked or power-law"), file.body);
        assertEquals(400, get("/api/run?algo=gd&lr=0.1&lr=0.2", host()).status, "a repeated name");
        assertEquals(400, get("/api/run?algo=gd&lr=" + "1".repeat(100), host()).status, "an overlong value");
        assertEquals(404, get("/api/sweep", host()).status, "no --sweep given");
    }

    @Test
    void workPastTheBoundsIsRefusedWithTheReason() throws IOException {
        start(ExploreLimits.defaults());
        // 3 groups x 2e7 steps = 6e7 group-steps > 5e7
        Reply steps = get("/api/run?algo=gd&lr=0.02&steps=20000000", host());
        assertEquals(400, steps.status);
        assertEquals("explore: GD, lr 0.02 asks for 6.00e+07 group-steps, more than the 5.00e+07 one request may "
                + "compute (fewer --steps, a smaller --d; specdyn run has no such bound)", steps.error());
        // a power law of d = 1e6 has 1e6 groups: 100 steps are 1e8 group-steps
        Reply wide = get("/api/run?algo=gd&lr=0.02&spectrum=power-law&d=1000000&steps=100", host());
        assertEquals(400, wide.status);
        assertTrue(wide.error().contains("asks for 1.00e+08 group-steps"), wide.body);
        // one step past the bound: 3 x 16666667 = 50000001 group-steps, told apart from 5.00e+07
        Reply edge = get("/api/run?algo=gd&lr=0.02&steps=16666667", host());
        assertEquals(400, edge.status);
        assertTrue(edge.error().contains("asks for 50000001 group-steps, more than the 5.00e+07"), edge.body);
        assertEquals(200, get("/api/run?algo=gd&lr=0.02&steps=16666666", host()).status, "50000000 is within");
        // within the bound, but more rows than a view keeps: --every thins them, and the command says so
        Reply thinned = get("/api/run?algo=gd&lr=0.02&steps=100000", host());
        assertEquals(200, thinned.status);
        Map<?, ?> run = thinned.runs().get(0);
        assertTrue(((Number) run.get("rows")).intValue() <= ExploreLimits.defaults().maxRows(), run.toString());
        assertTrue(((String) run.get("command")).endsWith("--steps 100000 --every 51"), (String) run.get("command"));
    }

    @Test
    void aRunPastTheDeadlineIsStoppedAndRefused() throws IOException {
        start(ExploreLimits.defaults().withDeadline(Duration.ofNanos(1)));
        Reply late = get("/api/run?" + GD_KAPPA_5, host());
        assertEquals(503, late.status);
        assertTrue(late.error().startsWith("explore: GD, lr 0.02 was stopped at row 0"), late.body);
    }

    @Test
    void theStepsToAlignmentAreThoseOfRun() throws IOException {
        start(ExploreLimits.defaults());
        Reply reply = get("/api/run?" + GD_KAPPA_5 + "&algo2=specgd&lr2=0.01", host());
        assertEquals(200, reply.status, reply.body);
        List<Map<?, ?>> runs = reply.runs();
        assertEquals(2, runs.size());
        for (Map<?, ?> run : runs) {
            String command = (String) run.get("command");
            List<String> argv = new ArrayList<>(List.of(command.split(" ")).subList(1, command.split(" ").length));
            Path out = tmp.resolve(run.get("algo").toString());
            argv.addAll(List.of("--out", out.toString()));
            CliHarness cli = CliHarness.run(argv.toArray(String[]::new));
            assertEquals(0, cli.exitCode, cli.err);
            long aligned = Files.readAllLines(out.resolve("events.csv")).stream()
                    .filter(l -> l.startsWith("aligned,")).mapToLong(l -> Long.parseLong(l.split(",")[2]))
                    .findFirst().orElseThrow();
            assertEquals(aligned, ((Number) run.get("aligned_step")).longValue(), command);
        }
        Map<?, ?> views = (Map<?, ?>) reply.json().get("views");
        assertEquals(List.of("coefficients", "alignment", "stage1", "stage2"), new ArrayList<>(views.keySet()));
    }

    @Test
    void theDownloadIsTheFolderRunWrites() throws IOException {
        start(ExploreLimits.defaults());
        // the command the page shows (its --every thins 2000 steps to the rows a view keeps) writes the folder
        String command = (String) get("/api/run?" + GD_KAPPA_5, host()).runs().get(0).get("command");
        assertEquals("specdyn run --algo gd --lr 0.02 --kappa 5 --steps 2000 --every 2", command);
        Reply zip = get("/api/download?" + GD_KAPPA_5 + "&rule=1", host());
        assertEquals(200, zip.status);
        assertEquals("application/zip", zip.headers.get("content-type"));
        assertEquals("attachment; filename=\"specdyn-run-gd.zip\"", zip.headers.get("content-disposition"));
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.raw))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        Path out = tmp.resolve("cli");
        CliHarness cli = CliHarness.run("run", "--algo", "gd", "--lr", "0.02", "--kappa", "5", "--steps", "2000",
                "--every", "2", "--out", out.toString());
        assertEquals(0, cli.exitCode, cli.err);
        List<String> files;
        try (var list = Files.list(out)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(files.stream().map(f -> "specdyn-run-gd/" + f).sorted().toList(),
                entries.keySet().stream().sorted().toList());
        for (String f : files) {
            if (!f.equals("run.json")) { // run.json holds the wall time
                assertArrayEquals(Files.readAllBytes(out.resolve(f)), entries.get("specdyn-run-gd/" + f), f);
            }
        }
        Map<?, ?> manifest = (Map<?, ?>) Json.parse(new String(entries.get("specdyn-run-gd/run.json"),
                StandardCharsets.UTF_8));
        assertTrue(manifest.toString().contains("--lr, 0.02"), manifest.toString());
        assertEquals(400, get("/api/download?" + GD_KAPPA_5 + "&rule=2", host()).status, "there is one rule");
    }

    @Test
    void fiftyConcurrentRequestsAreEachAnsweredOnAFixedPool() throws Exception {
        // two compute threads and room for all: every request is computed, none lost
        start(ExploreLimits.defaults().withPool(2, 64));
        List<Reply> all = concurrently(50);
        for (Reply r : all) {
            assertEquals(200, r.status, r.body);
        }
        int peak = computeThreads();
        assertTrue(peak <= 2, "compute threads: " + peak);
        server.close();
        server = null;
        // two threads and a queue of 4: past 6 in flight, requests are refused at once, and still each answered
        start(ExploreLimits.defaults().withPool(2, 4));
        List<Reply> some = concurrently(50);
        int ok = 0;
        int busy = 0;
        for (Reply r : some) {
            if (r.status == 200) {
                ok++;
            } else {
                assertEquals(503, r.status, r.body);
                assertTrue(r.error().startsWith("explore: busy: 2 runs are computing and 4 waiting"), r.body);
                busy++;
            }
        }
        assertEquals(50, ok + busy);
        assertTrue(ok >= 1 && busy >= 1, ok + " answered, " + busy + " refused");
        assertTrue(computeThreads() <= 2);
    }

    @Test
    void aDownloadLeavesNoFolderBehind() throws IOException {
        start(ExploreLimits.defaults());
        List<Path> before = scratchFolders();
        assertEquals(200, get("/api/download?" + GD_KAPPA_5, host()).status);
        assertEquals(400, get("/api/download?algo=gd&lr=-1", host()).status);
        assertEquals(before, scratchFolders());
    }

    @Test
    void theCommandRefusesABadPortBeforeServing() throws IOException {
        CliHarness high = CliHarness.run("explore", "--port", "70000");
        assertEquals(2, high.exitCode);
        assertTrue(high.err.startsWith("specdyn explore: --port must be"), high.err);
        try (var taken = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliHarness used = CliHarness.run("explore", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, used.exitCode);
            assertTrue(used.err.startsWith("specdyn explore: --port " + taken.getLocalPort() + " cannot be used"),
                    used.err);
        }
    }

    @Test
    void theCommandServesUntilStoppedAndThenStopsListening() throws Exception {
        // the real command in a JVM of its own; destroy() sends SIGTERM, which runs the same shutdown as Ctrl-C
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "explore", "--threads", "1").redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("specdyn explore: serving http://127\\.0\\.0\\.1:(\\d+)/ \\(Ctrl-C stops\\)").matcher(line);
            assertTrue(m.matches(), line);
            int port = Integer.parseInt(m.group(1));
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
            try (Socket s = new Socket()) {
                s.connect(at, 5000);
                s.getOutputStream().write(("GET /api/run?" + GD_KAPPA_5 + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(200, Reply.read(s.getInputStream()).status);
            }
            p.destroy();
            assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "stopped");
            assertEquals(143, p.exitValue(), "128 + SIGTERM, after the shutdown ran");
            try (Socket s = new Socket()) {
                s.connect(at, 2000);
                throw new AssertionError("still listening on " + port);
            } catch (ConnectException expected) {
                // nothing listens any more
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static List<Path> scratchFolders() throws IOException {
        try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith("specdyn-explore-")).toList();
        }
    }

    // ---- a client that writes its own headers

    private String host() {
        return "127.0.0.1:" + server.address().getPort();
    }

    private Reply get(String path, String host, String... headers) throws IOException {
        return request("GET", path, host, headers);
    }

    private Reply request(String method, String path, String host, String... headers) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server.address(), 5000);
            s.setSoTimeout(60_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (host != null) {
                req.append("Host: ").append(host).append("\r\n");
            }
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return Reply.read(s.getInputStream());
        }
    }

    private List<Reply> concurrently(int n) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // distinct rates, so no answer could be a copy of another's
                String query = "algo=gd&kappa=5&steps=300&lr=" + (0.01 + 1e-4 * i);
                futures.add(clients.submit(() -> {
                    go.await();
                    return get("/api/run?" + query, host());
                }));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            clients.shutdownNow();
        }
    }

    private static int computeThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("explore-compute-") && t.isAlive()).count();
    }

    private static List<InetAddress> otherAddresses() throws SocketException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    found.add(a);
                }
            }
        }
        return found;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** An HTTP/1.1 answer: status, headers (lower-case names), body. */
    private record Reply(int status, Map<String, String> headers, byte[] raw, String body) {
        static Reply read(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String head = new String(all, 0, split, StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, split + 4, all.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Reply(status, headers, body, new String(body, StandardCharsets.UTF_8));
        }

        Map<?, ?> json() {
            return (Map<?, ?>) Json.parse(body);
        }

        String error() {
            Object e = json().get("error");
            assertNotEquals(null, e, body);
            return (String) e;
        }

        @SuppressWarnings("unchecked")
        List<Map<?, ?>> runs() {
            return (List<Map<?, ?>>) json().get("runs");
        }

        private static byte[] unchunk(byte[] chunked) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int i = 0;
            while (true) {
                int eol = indexOf(java.util.Arrays.copyOfRange(chunked, i, chunked.length),
                        "\r\n".getBytes(StandardCharsets.ISO_8859_1)) + i;
                int size = Integer.parseInt(new String(chunked, i, eol - i, StandardCharsets.ISO_8859_1).trim(), 16);
                if (size == 0) {
                    return out.toByteArray();
                }
                out.write(chunked, eol + 2, size);
                i = eol + 2 + size + 2;
            }
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= data.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new IllegalStateException("no end of headers");
        }
    }
}
