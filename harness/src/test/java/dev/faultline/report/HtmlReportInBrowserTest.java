package dev.faultline.report;

import dev.faultline.journal.Event;
import dev.faultline.journal.ProbeResult;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real run's {@code report.html} in a real browser: Debian's Chromium, headless, driven by Selenium
 * through {@code /usr/bin/chromedriver}. The run is the graceful-shutdown scenario (load, a readiness
 * probe, two phases, a TERM in the second) with a latency limit added, so every kind of chart content
 * is there to find.
 */
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class HtmlReportInBrowserTest {
    private static final Path SHUTDOWN = Faultline.REPO.resolve("scenarios/shutdown");
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    private Path report;
    private double firstProbeSeconds;
    private ChromeDriver browser;

    @BeforeAll
    @Timeout(120)
    void runTheScenarioAndOpenABrowser(@TempDir Path dir) throws Exception {
        Files.copy(SHUTDOWN.resolve("GracefulService.java"), dir.resolve("GracefulService.java"), StandardCopyOption.REPLACE_EXISTING);
        String scenario = Files.readString(SHUTDOWN.resolve("graceful.yaml")) + "  latency:\n    p99: 1500ms\n";
        Files.writeString(dir.resolve("graceful.yaml"), scenario);
        report = dir.resolve("report");

        Faultline.Result run = Faultline.run(dir, "run", "graceful.yaml", "--report-dir", report.toString());

        // Held, or inconclusive when this shared machine lagged: either way the report is complete.
        assertThat(run.exitCode()).as(run.toString()).isIn(0, 4);
        List<Event> journal = Faultline.journal(report);
        firstProbeSeconds = journal.stream().filter(e -> e instanceof ProbeResult).mapToLong(e -> ((ProbeResult) e).endNanos())
                .min().orElseThrow() / 1e9;
        browser = chromium();
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Chromium from Debian, and its driver named outright so Selenium Manager never looks for (or downloads) one. */
    private static ChromeDriver chromium() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return driver;
    }

    private void open(int width) {
        browser.manage().window().setSize(new Dimension(width, 1000));
        browser.get(report.resolve("report.html").toUri().toString());
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private List<LogEntry> severe() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().equals(Level.SEVERE)).toList();
    }

    @Test
    void theReportLoadsWithoutAConsoleError() {
        severe();
        open(1280);

        assertThat(severe()).isEmpty();
        assertThat(browser.findElement(By.cssSelector("header.banner")).isDisplayed()).isTrue();
    }

    @Test
    void theConsoleCheckWouldSeeABrokenChart() {
        severe();
        // A polyline with a bad coordinate is what a broken chart looks like to the browser.
        browser.get("data:text/html,<svg><polyline points='1,2 x,4'/></svg>");

        assertThat(severe()).as("chromium reports a bad SVG attribute as a console error").isNotEmpty();
    }

    @Test
    void eachChartHasItsSeries() {
        open(1280);

        assertThat(seriesOf("load (target)", "g.series.stacked")).contains("load: 2xx");
        assertThat(seriesOf("load latency", "svg.scale-linear g.series")).containsExactly("load: p99 latency");
        assertThat(seriesOf("probes", "g.series")).containsExactly("readiness: passing");
        assertThat(seriesOf("inventory", "g.series")).containsExactly("inventory: requests/s", "inventory: failed/s");
        for (WebElement band : figure("load (target)").findElements(By.cssSelector("g.series.stacked polygon"))) {
            assertThat(band.isDisplayed()).isTrue();
        }
    }

    @Test
    void theLogScaleToggleSwapsTheLatencyAxis() {
        open(1280);
        WebElement latency = figure("load latency");
        WebElement linear = latency.findElement(By.cssSelector("svg.scale-linear"));
        WebElement log = latency.findElement(By.cssSelector("svg.scale-log"));
        assertThat(linear.isDisplayed()).isTrue();
        assertThat(log.isDisplayed()).isFalse();

        latency.findElement(By.cssSelector("label.log-toggle-label")).click();

        assertThat(linear.isDisplayed()).isFalse();
        assertThat(log.isDisplayed()).isTrue();
        List<String> ticks = log.findElements(By.cssSelector("g.axis text[text-anchor='end']")).stream().map(WebElement::getText).toList();
        assertThat(ticks).as("powers of ten").allMatch(t -> t.matches("(1|2|5)(0*|k|0k|00k)|0\\.0*[125]"));
    }

    @Test
    void theLatencyLimitIsALineOnTheLatencyChart() {
        open(1280);

        WebElement limit = figure("load latency").findElement(By.cssSelector("svg.scale-linear g.limit"));
        assertThat(limit.getAttribute("data-check")).isEqualTo("latency.p99");
        assertThat(limit.findElement(By.tagName("text")).getText()).isEqualTo("latency.p99 ≤ 1500 ms");
        assertThat(limit.isDisplayed()).isTrue();
    }

    @Test
    void thePhaseChangeAndTheSignalAreMarkedOnEveryChart() {
        open(1280);

        List<WebElement> charts = browser.findElements(By.cssSelector("figure.chart svg[role='img']"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(4);
        for (WebElement chart : charts) {
            List<WebElement> phases = chart.findElements(By.cssSelector(".marker.phase-change"));
            assertThat(phases).extracting(m -> m.getAttribute("data-label")).containsExactly("warm-up", "drain");
            double drain = Double.parseDouble(phases.get(1).getAttribute("data-at"));
            List<WebElement> signals = chart.findElements(By.cssSelector("g.marker.signal"));
            assertThat(signals).extracting(s -> s.getAttribute("data-label")).first().isEqualTo("TERM to replica 0");
            double at = Double.parseDouble(signals.get(0).getAttribute("data-at"));
            assertThat(at - drain).as("TERM is sent 1.5 s into drain").isBetween(1.4, 1.8);
            assertThat(signals.get(0).isDisplayed()).as("shown wherever its chart is").isEqualTo(chart.isDisplayed());
        }
    }

    @Test
    void noProbePointIsDrawnBeforeTheFirstProbeAnswered() {
        open(1280);

        WebElement chart = figure("probes").findElement(By.cssSelector("svg"));
        double[] time = numbers(chart.getAttribute("data-time"));
        double[] plot = numbers(chart.getAttribute("data-plot-x"));
        double leftmost = Double.POSITIVE_INFINITY;
        for (WebElement line : chart.findElements(By.cssSelector("g.series polyline"))) {
            for (String point : line.getAttribute("points").split(" ")) {
                leftmost = Math.min(leftmost, Double.parseDouble(point.split(",")[0]));
            }
        }
        double seconds = time[0] + (leftmost - plot[0]) / (plot[1] - plot[0]) * (time[1] - time[0]);
        // Points start at the 0.5 s bin that holds the first answer, and not before.
        assertThat(seconds).isGreaterThanOrEqualTo(Math.floor(firstProbeSeconds / 0.5) * 0.5 - 0.01);
        assertThat(firstProbeSeconds).as("the target starts before it is probed, so there is a gap to test").isGreaterThan(0.5);
    }

    @Test
    void at600PixelsWideNothingScrollsSideways() throws Exception {
        open(600);

        long inner = ((Number) js("return window.innerWidth")).longValue();
        long scroll = ((Number) js("return document.scrollingElement.scrollWidth")).longValue();
        assertThat(inner).isLessThanOrEqualTo(600);
        assertThat(scroll).isLessThanOrEqualTo(inner);
        // Kept for a person to look at: the page as rendered, and the report it came from.
        Path shot = Path.of("target", "browser-report-600px.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        Files.copy(report.resolve("report.html"), Path.of("target", "browser-report.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    private WebElement figure(String group) {
        return browser.findElements(By.cssSelector("figure.chart")).stream()
                .filter(f -> group.equals(f.getAttribute("data-group"))).findFirst()
                .orElseThrow(() -> new AssertionError("no chart for " + group));
    }

    private List<String> seriesOf(String group, String css) {
        return figure(group).findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute("data-series")).toList();
    }

    private static double[] numbers(String text) {
        return Arrays.stream(text.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
}
