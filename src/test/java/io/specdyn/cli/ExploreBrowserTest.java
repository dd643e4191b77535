package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.specdyn.explore.ExploreLimits;
import io.specdyn.explore.ExploreServer;
import io.specdyn.explore.SweepSource;
import io.specdyn.explore.SweepView;
import io.specdyn.io.Json;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The page of {@code specdyn explore} in a real browser: headless Chromium driven through
 * chromedriver (the distribution's packages), against a server started here on a free port.
 *
 * <p>Where Chromium or chromedriver is missing the test is skipped with the reason, unless the
 * environment sets {@code SPECDYN_REQUIRE_BROWSER=1} (CI does): then it fails. The paths may be given
 * with {@code -Dspecdyn.chromium=PATH} and {@code -Dspecdyn.chromedriver=PATH}; Selenium is never
 * asked to find or download a driver.
 *
 * <p>With {@code -Dspecdyn.screenshot=PATH} the screenshot is also written to PATH (the README's);
 * with {@code -Dspecdyn.explore.sweep=DIR} the page shows that sweep's maps instead of a small one of the test's;
 * with {@code -Dspecdyn.explore.timing=N} a second test moves the learning rate N times and reports
 * the time from each change to the updated views (median and 95th percentile).
 */
class ExploreBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The window: wide enough for the controls beside two columns of views, as a README shows it. */
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1000;
    /** Selenium warns that it has no DevTools bindings for this Chromium; the test does not use them. */
    private static final java.util.logging.Logger DEVTOOLS_LOG = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.devtools");

    private static ExploreServer server;
    private static WebDriver driver;
    private static Path profile;
    private static SweepSource sweep;
    /** Why the tests are skipped (no browser here), or null. */
    private static String skipped;

    @BeforeAll
    static void start() throws IOException {
        DEVTOOLS_LOG.setLevel(java.util.logging.Level.SEVERE);
        Path chromium = program("specdyn.chromium", "/usr/bin/chromium", "chromium");
        Path chromedriver = program("specdyn.chromedriver", "/usr/bin/chromedriver", "chromedriver");
        if (chromium == null || chromedriver == null) {
            String missing = (chromium == null ? "chromium " : "") + (chromedriver == null ? "chromedriver " : "");
            String reason = "no " + missing.trim() + " on this machine (Debian: apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv("SPECDYN_REQUIRE_BROWSER"))) {
                fail("SPECDYN_REQUIRE_BROWSER=1 but " + reason);
            }
            skipped = "the browser test is skipped: " + reason;
            return;
        }
        // a small sweep of our own, or with -Dspecdyn.explore.sweep=DIR one that specdyn sweep wrote
        String folder = System.getProperty("specdyn.explore.sweep");
        sweep = folder == null || folder.isBlank() ? new GridSweep() : SweepView.open(Path.of(folder));
        server = ExploreServer.start(0, new CliRunPlanner(), sweep, ExploreLimits.defaults());
        // while Chromium starts (seconds), the server computes one run: its code is loaded and compiled
        // by the time the page asks, as on any visit after the first
        java.util.concurrent.CompletableFuture<byte[]> warm = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return get(server.uri().resolve("/api/run?algo=gd&lr=0.02&algo2=specgd&lr2=0.02&steps=2000").toString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        profile = Files.createTempDirectory("specdyn-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // the page's console: a script error or a request the page's security policy blocks shows there
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        // as root (CI containers) Chromium needs --no-sandbox; the networking flags keep it from calling
        // out (updates, sync, QUIC), which a closed network answers with refused connections
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            server.close();
            server = null;
            throw e;
        }
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        warm.join();
    }

    /** Reported for each test, so that the reason shows beside it (an assumption in BeforeAll hides it). */
    @BeforeEach
    void browser() {
        assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            deleteTree(profile);
        }
    }

    @Test
    void thePageShowsWhatRunComputesFollowsTheLearningRateAndShowsRefusals(@TempDir Path tmp) throws Exception {
        driver.get(server.uri().toString());
        until(() -> !"loading".equals(js("return document.body.dataset.state")));

        // GD alone at kappa 5, lr 0.02, d 100, 2000 steps from the default start 1e-3
        int shown = rendered();
        click("rule2-on", false);
        choose("algo-1", "gd");
        choose("spectrum", "spiked");
        type("kappa", "5");
        type("d", "100");
        type("steps", "2000");
        type("init-scale", "0.001");
        type("lr-1", "0.02");
        waitUntilSettled(shown);
        assertEquals("", text("error"), "no refusal for valid settings");
        String command = value("command-1");
        assertTrue(command.startsWith("specdyn run --algo gd --lr 0.02 "), command);

        long fromRun = alignedStepOfRun(tmp.resolve("run-0.02"), "--algo", "gd", "--lr", "0.02", "--kappa", "5",
                "--d", "100", "--steps", "2000", "--init-scale", "0.001");
        assertEquals(Long.toString(fromRun), text("aligned-1"), "steps to alignment: the page against specdyn run");
        assertTrue(text("words-1").contains("at step " + fromRun), "the words give the step: " + text("words-1"));

        // the command the page offers to copy computes the same run
        String[] words = command.substring("specdyn run ".length()).split(" ");
        assertEquals(fromRun, alignedStepOfRun(tmp.resolve("copied"), words), "the copied command's run");
        // and the download link gives the folder run writes, with the same events
        assertEquals(fromRun, alignedStepOfZip(get(driver.findElement(By.id("download-1")).getAttribute("href"))),
                "the downloaded folder's events");

        // move the learning-rate slider as a user does, with the keyboard: the views follow
        String before = views();
        String alignedBefore = text("aligned-1");
        shown = rendered();
        WebElement slider = driver.findElement(By.id("lr-range-1"));
        int position = Integer.parseInt(value("lr-range-1"));
        slider.sendKeys(Keys.ARROW_RIGHT.toString().repeat(20));
        // every key handled (the browser may take them after sendKeys returns), then the run they ask for
        until(() -> Integer.parseInt(value("lr-range-1")) == position + 20);
        waitUntilSettled(shown);
        String lr = value("lr-1");
        assertTrue(Double.parseDouble(lr) > 0.02, "the slider moved the rate up: " + lr);
        assertNotEquals(before, views(), "the views changed with the learning rate");
        assertNotEquals(alignedBefore, text("aligned-1"), "the steps to alignment changed");
        long moved = alignedStepOfRun(tmp.resolve("run-moved"), "--algo", "gd", "--lr", lr, "--kappa", "5",
                "--d", "100", "--steps", "2000", "--init-scale", "0.001");
        assertEquals(Long.toString(moved), text("aligned-1"), "steps to alignment at lr " + lr);

        // a bad value: the command's own one-line refusal shows on the page, the views stay
        String good = views();
        shown = rendered();
        type("lr-1", "-1");
        waitUntilSettled(shown);
        CliHarness refused = CliHarness.run("run", "--algo", "gd", "--lr", "-1", "--kappa", "5", "--d", "100",
                "--steps", "2000", "--init-scale", "0.001", "--out", tmp.resolve("refused").toString());
        assertEquals(2, refused.exitCode, refused.err);
        WebElement error = driver.findElement(By.id("error"));
        assertTrue(error.isDisplayed(), "the refusal is visible");
        assertEquals(refused.err.strip(), error.getText().strip(), "the page shows run's one line");
        assertEquals("alert", error.getAttribute("role"));
        assertEquals(good, views(), "the views keep the last good run");
        assertEquals(Long.toString(moved), text("aligned-1"));

        // a bad problem value too, and back to a good one: the message goes and the views follow again
        shown = rendered();
        type("lr-1", lr);
        type("kappa", "-5");
        waitUntilSettled(shown);
        assertTrue(text("error").contains("--kappa must be"), text("error"));
        // a good value clears it; choosing a rule brings its settings: muon its momentum, adam the only
        // basis it runs in, so that neither is refused
        shown = rendered();
        type("kappa", "20");
        choose("algo-1", "muon");
        click("rule2-on", true);
        choose("algo-2", "adam");
        waitUntilSettled(shown);
        assertEquals("", text("error"), "muon and adam run as the page sends them");
        assertFalse(driver.findElement(By.id("error")).isDisplayed());
        assertNotEquals(good, views(), "other views");
        assertTrue(driver.findElement(By.id("momentum-1")).isDisplayed());
        assertTrue(value("command-1").contains("--momentum 0.95"), value("command-1"));
        assertTrue(value("command-2").contains("--basis canonical"), value("command-2"));
        assertFalse(driver.findElement(By.id("momentum-2")).isDisplayed(), "adam takes no momentum");

        List<Double> timings = timings();
        assertFalse(timings.isEmpty(), "the page records the time from a change to its views");
        assertTrue(timings.stream().allMatch(t -> t > 0), timings.toString());
        assertCleanConsole();
    }

    /**
     * No script error and nothing blocked by the server's Content-Security-Policy in the page's
     * console; the refused requests (400) of the test are the only errors it may log.
     */
    private static void assertCleanConsole() {
        List<String> severe = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage())
                .filter(m -> !m.contains("the server responded with a status of 400"))
                .toList();
        assertEquals(List.of(), severe, "the page's console");
    }

    /**
     * The sweep's maps: a click on a cell recomputes that cell's run, shown in the views with its
     * command, whose steps to alignment are those specdyn run reports for it.
     */
    @Test
    void aClickOnASweepCellShowsThatCellsRun(@TempDir Path tmp) throws Exception {
        driver.get(server.uri().toString());
        until(() -> "idle".equals(js("return document.body.dataset.state")) && rendered() > 0);
        until(() -> driver.findElement(By.id("sweep")).isDisplayed());
        // the page as it opens (GD and SpecGD at lr 0.02, kappa 5, d 100, 2000 steps): the README's picture
        screenshot();

        Map<?, ?> described = (Map<?, ?>) Json.parse(new String(get(server.uri().resolve("/api/sweep").toString()),
                StandardCharsets.UTF_8));
        assertEquals(described.get("context"), text("sweep-context"));
        Map<?, ?> map = (Map<?, ?>) ((List<?>) described.get("maps")).get(0);
        List<Map<?, ?>> aligned = ((List<?>) map.get("cells")).stream().<Map<?, ?>>map(c -> (Map<?, ?>) c)
                .filter(c -> "aligned".equals(c.get("status"))).toList();
        assertTrue(aligned.size() >= 2, "the sweep has two aligned cells to click");
        WebElement svg = driver.findElement(By.cssSelector("#map-0 svg"));
        double width = ((Number) map.get("width")).doubleValue();
        double height = ((Number) map.get("height")).doubleValue();
        String before = views();
        for (Map<?, ?> cell : List.of(aligned.get(aligned.size() - 1), aligned.get(0))) {
            int index = ((Number) cell.get("cell")).intValue();
            int shown = rendered();
            // the cell's centre, in the map's units, as an offset from the centre of the drawn map
            double scale = svg.getRect().getWidth() / width;
            int dx = (int) Math.round((number(cell, "x") + number(cell, "w") / 2 - width / 2) * scale);
            int dy = (int) Math.round((number(cell, "y") + number(cell, "h") / 2 - height / 2) * scale);
            new Actions(driver).moveToElement(svg, dx, dy).click().perform();
            waitUntilSettled(shown);
            assertEquals("", text("error"));
            assertTrue(text("shown").startsWith("sweep cell " + index + ":"), text("shown"));
            List<String> argv = sweep.cellArgv(index);
            assertTrue(value("command-1").startsWith("specdyn run " + String.join(" ", argv)), value("command-1"));
            assertTrue(driver.findElement(By.id("run-2")).getAttribute("hidden") != null, "one run: the cell's");
            assertEquals(Long.toString(alignedStepOfRun(tmp.resolve("cell-" + index), argv.toArray(String[]::new))),
                    text("aligned-1"), "steps to alignment of cell " + index);
            assertEquals(1L, js("return document.querySelectorAll('#map-0 rect.picked').length"), "the cell is marked");
            assertNotEquals(before, views(), "the views show the cell's run");
            before = views();
        }
        assertCleanConsole();
    }

    private static double number(Map<?, ?> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    /**
     * The time from a change of the learning rate (one step of its slider, from the keyboard) to the
     * new views in the DOM, over {@code specdyn.explore.timing} changes; the page as it opens (GD and
     * SpecGD side by side, d 100, 2000 steps). Prints the median and the 95th percentile and writes them
     * to target/explore-timing.txt. Not part of the suite: a measurement, not a check.
     */
    @Test
    @EnabledIfSystemProperty(named = "specdyn.explore.timing", matches = "[0-9]+")
    void timeFromAChangeToTheViews() throws Exception {
        int changes = Integer.parseInt(System.getProperty("specdyn.explore.timing"));
        driver.get(server.uri().toString());
        waitUntilSettled(0);
        // warm up: the server's first runs include class loading and compilation, as a fresh server's would
        WebElement slider = driver.findElement(By.id("lr-range-1"));
        for (int i = 0; i < 5; i++) {
            int shown = rendered();
            slider.sendKeys(i % 2 == 0 ? Keys.ARROW_RIGHT : Keys.ARROW_LEFT);
            waitUntilSettled(shown);
        }
        int before = timings().size();
        int paintsBefore = ((Number) js("return window.specdynPaintTimings.length")).intValue();
        for (int i = 0; i < changes; i++) {
            int shown = rendered();
            // up ten steps, down ten, ...: the rate stays within a factor 1.13 of 0.02
            slider.sendKeys((i / 10) % 2 == 0 ? Keys.ARROW_RIGHT : Keys.ARROW_LEFT);
            waitUntilSettled(shown);
        }
        until(() -> ((Number) js("return window.specdynPaintTimings.length")).intValue() >= paintsBefore + changes);
        List<Double> dom = timings().subList(before, before + changes);
        @SuppressWarnings("unchecked")
        List<Double> computing = ((List<Number>) js("return window.specdynServerMillis")).subList(before, before + changes)
                .stream().map(Number::doubleValue).toList();
        @SuppressWarnings("unchecked")
        List<Number> paints = (List<Number>) js("return window.specdynPaintTimings");
        List<Double> painted = paints.subList(paintsBefore, paintsBefore + changes).stream()
                .map(Number::doubleValue).toList();
        String report = String.format(Locale.ROOT, "explore: %d learning-rate changes, time to the views in the DOM: "
                + "median %.0f ms, 95th percentile %.0f ms (min %.0f, max %.0f); to the next painted frame: median "
                + "%.0f ms, 95th percentile %.0f ms; of which the server computing and drawing: median %.0f ms, 95th "
                + "percentile %.0f ms; %d processors%n", changes, quantile(dom, 0.5), quantile(dom, 0.95),
                quantile(dom, 0), quantile(dom, 1), quantile(painted, 0.5), quantile(painted, 0.95),
                quantile(computing, 0.5), quantile(computing, 0.95), Runtime.getRuntime().availableProcessors());
        System.out.print(report);
        Files.writeString(Path.of("target", "explore-timing.txt"), report + "dom_ms " + dom + "\npaint_ms " + painted
                + "\nserver_ms " + computing + "\n");
        assertEquals(changes, dom.size());
    }

    /** The nearest-rank quantile q of {@code values}. */
    private static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The page as a PNG: the window is made as tall as the part shown, then restored. */
    private static void screenshot() throws IOException {
        Dimension window = driver.manage().window().getSize();
        long chrome = ((Number) js("return window.outerHeight - window.innerHeight")).longValue();
        // the runs and their views: the page down to the sweep's maps, which the README shows apart
        long page = ((Number) js("var s = document.getElementById('sweep');"
                + " return s.hidden ? document.documentElement.scrollHeight"
                + " : Math.ceil(s.getBoundingClientRect().top + window.scrollY)")).longValue();
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) (page + chrome)));
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        driver.manage().window().setSize(window);
        Path target = Path.of("target", "explore.png");
        Files.createDirectories(target.getParent());
        Files.write(target, png);
        String extra = System.getProperty("specdyn.screenshot");
        if (extra != null && !extra.isBlank()) {
            Path path = Path.of(extra);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.write(path, png);
        }
    }

    /** Sets a text box as typing would end, and fires the input event the page listens to. */
    private static void type(String id, String value) {
        js("var e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true}));", id, value);
    }

    /** Waits until the page has answered the last change: a new run shown, or a refusal. */
    private static void waitUntilSettled(int renderedBefore) {
        until(() -> {
            String state = (String) js("return document.body.dataset.state");
            return "error".equals(state) || ("idle".equals(state) && rendered() > renderedBefore);
        });
    }

    /** Polls {@code condition} until it holds; fails after {@link #WAIT}. */
    private static void until(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("the page did not settle within " + WAIT.toSeconds() + " s; its state: "
                        + js("return document.body.dataset.state + ': ' + document.getElementById('status').textContent"
                        + " + ' ' + document.getElementById('error').textContent"));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Clicks a checkbox and waits until the browser has toggled it: the click may be handled after
     * the command returns, and the page's input event comes with the toggle.
     */
    private static void click(String id, boolean checked) {
        driver.findElement(By.id(id)).click();
        until(() -> driver.findElement(By.id(id)).isSelected() == checked);
    }

    /** Chooses an option of a select as a user does: its value changes, then input and change fire. */
    private static void choose(String id, String value) {
        js("var e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true}));"
                + " e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
    }

    private static int rendered() {
        Object n = js("return window.specdynRendered || 0");
        return ((Number) n).intValue();
    }

    private static List<Double> timings() {
        @SuppressWarnings("unchecked")
        List<Number> list = (List<Number>) js("return window.specdynTimings");
        return list.stream().map(Number::doubleValue).toList();
    }

    /** The four views' SVG text. */
    private static String views() {
        return (String) js("return Array.from(document.querySelectorAll('.view .svg'))"
                + ".map(function (e) { return e.innerHTML; }).join('\\n')");
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getAttribute("textContent").strip();
    }

    private static String value(String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs {@code specdyn run ARGS --out folder} and reads the aligned step from its events.csv. */
    private static long alignedStepOfRun(Path folder, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("run"));
        argv.addAll(Arrays.asList(args));
        argv.addAll(List.of("--out", folder.toString()));
        CliHarness run = CliHarness.run(argv.toArray(String[]::new));
        assertEquals(0, run.exitCode, run.err);
        return alignedStep(Files.readString(folder.resolve("events.csv")));
    }

    private static long alignedStepOfZip(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith("/events.csv")) {
                    return alignedStep(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        throw new AssertionError("no events.csv in the downloaded zip");
    }

    /** The step of the {@code aligned} row of an events.csv (name,t,step,...). */
    private static long alignedStep(String csv) {
        List<String> lines = csv.lines().toList();
        int step = List.of(lines.get(0).split(",")).indexOf("step");
        return lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[0].equals("aligned"))
                .mapToLong(f -> Long.parseLong(f[step])).findFirst()
                .orElseThrow(() -> new AssertionError("no aligned event in " + csv));
    }

    private static byte[] get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    /** The program at the property's path, else at {@code usual}, else on the PATH; null where there is none. */
    private static Path program(String property, String usual, String name) {
        String given = System.getProperty(property);
        if (given != null && !given.isBlank()) {
            return Files.isExecutable(Path.of(given)) ? Path.of(given) : null;
        }
        if (Files.isExecutable(Path.of(usual))) {
            return Path.of(usual);
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void deleteTree(Path root) {
        try {
            io.specdyn.io.OutputDir.deleteTree(root);
        } catch (IOException e) {
            // Chromium may still be writing its profile as it exits; the system's temporary folder is cleared
        }
    }

    /**
     * A two-by-two sweep of GD (lr 0.01, 0.02 by kappa 5, 20) with a plain map, shaped as the server's
     * sweep view describes one: the page's part (the maps, a click on a cell) is tested apart from the
     * reading of a sweep folder.
     */
    static final class GridSweep implements SweepSource {
        private static final int WIDTH = 400;
        private static final int HEIGHT = 300;
        private static final String CONTEXT = "a test grid: GD, d = 100, 2000 steps";
        private static final String[] LR = {"0.01", "0.02"};
        private static final String[] KAPPA = {"5", "20"};

        /** Cell i: lr LR[i % 2], kappa KAPPA[i / 2]; its rectangle x, y, w, h in the map's units. */
        private static double[] rect(int cell) {
            return new double[] {50 + 150 * (cell % 2), 200 - 150 * (cell / 2), 150, 100};
        }

        private static List<String> argv(int cell) {
            return List.of("--algo", "gd", "--lr", LR[cell % 2], "--kappa", KAPPA[cell / 2], "--d", "100",
                    "--steps", "2000");
        }

        @Override
        public Map<String, Object> describe() {
            StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                    + "\" height=\"" + HEIGHT + "\"><defs><clipPath id=\"clipPath1\"><rect width=\"10\" height=\"10\"/>"
                    + "</clipPath></defs>");
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double[] r = rect(i);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                        + "style=\"fill:rgb(%d,120,160)\"/>", r[0], r[1], r[2], r[3], 40 + 50 * i));
                cells.add(new java.util.LinkedHashMap<>(Map.of("cell", i, "lr", Double.parseDouble(LR[i % 2]),
                        "shape", Double.parseDouble(KAPPA[i / 2]), "status", "aligned", "steps", 100,
                        "x", r[0], "y", r[1], "w", r[2], "h", r[3])));
            }
            svg.append("</svg>");
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            map.put("title", "GD, d = 100");
            map.put("algo", "gd");
            map.put("variant", "GD");
            map.put("d", 100);
            map.put("svg", svg.toString());
            map.put("width", WIDTH);
            map.put("height", HEIGHT);
            map.put("lr", List.of(0.01, 0.02));
            map.put("shape_values", List.of(5, 20));
            map.put("cells", cells);
            Map<String, Object> grid = new java.util.LinkedHashMap<>();
            grid.put("context", CONTEXT);
            grid.put("spectrum", "spiked");
            grid.put("shape", "kappa");
            grid.put("cells", 4);
            grid.put("seeds", 1);
            grid.put("maps", List.of(map));
            return grid;
        }

        @Override
        public List<String> cellArgv(int index) {
            if (index < 0 || index >= 4) {
                throw new io.specdyn.explore.Refusal(400, "explore: cell must be in [0, 3] (got " + index + ")");
            }
            return argv(index);
        }
    }
}
