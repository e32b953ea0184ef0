package dev.faultline.load;

import dev.faultline.analysis.LoadStats;
import dev.faultline.journal.Journal;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.RunClock;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.LoadSpec.LoadRequest;
import dev.faultline.scenario.LoadSpec.RateStep;
import dev.faultline.scenario.Rate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-loop engine ({@link NioLoadEngine}) against nginx, whose access log says what really arrived on
 * which connection: chunked (gzip) responses, keep-alive reuse, {@code Connection: close} after nginx's
 * {@code keepalive_requests}, the stale-connection resend, and nothing left open after the driver stops.
 */
@Isolated
class EventLoopEngineAcceptanceTest {
    /** connection serial, request number on it, method, uri, X-Request-Id, traceparent, Content-Length, response framing. */
    private static final String LOG = """
            log_format load '$connection $connection_requests $request_method $request_uri $http_x_request_id $http_traceparent $content_length $sent_http_transfer_encoding';
            access_log access.log load;
            """;

    @TempDir
    Path dir;

    private final Journal journal = Journal.withDefaultCapacity();
    private final RunClock clock = RunClock.startingNow();

    private record Logged(String connection, int onConnection, String method, String uri, String requestId, String traceparent,
                          String contentLength, String framing) {
        static Logged of(String line) {
            String[] f = line.split(" ");
            return new Logged(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4], f[5], f[6], f[7]);
        }
    }

    private List<Logged> log() throws IOException {
        return Files.readAllLines(dir.resolve("access.log")).stream().map(Logged::of).toList();
    }

    private LoadDriver driver(String url, double perSecond, LoadRequest... requests) {
        LoadSpec spec = new LoadSpec(List.of(new RateStep(Duration.ZERO, new Rate(perSecond))), List.of(requests), List.of(),
                Duration.ofSeconds(2));
        return LoadDriver.prepare(LoadPlan.of(spec, List.of(url), 7), clock, journal);
    }

    private List<LoadResult> run(String url, double perSecond, Duration duration, LoadRequest... requests) {
        LoadDriver driver = driver(url, perSecond, requests);
        driver.start(clock.nanos() + 50_000_000L, duration);
        driver.stop(Duration.ofSeconds(2));
        return journal.snapshot().stream().filter(LoadResult.class::isInstance).map(LoadResult.class::cast).toList();
    }

    private static LoadRequest get(String path) {
        return new LoadRequest("GET", path, Map.of(), Optional.empty(), 1);
    }

    @Test
    void cleartextTargetsGetTheEventLoopAndHttpsOrTheOptOutGetOkHttp() {
        assertThat(LoadDriver.engineFor(List.of("http://127.0.0.1:8080", "HTTP://localhost:8081"))).isEqualTo(LoadDriver.Engine.EVENT_LOOP);
        assertThat(LoadDriver.engineFor(List.of("http://127.0.0.1:8080", "https://127.0.0.1:8443"))).isEqualTo(LoadDriver.Engine.OKHTTP);
        System.setProperty(LoadDriver.ENGINE_PROPERTY, "okhttp");
        try {
            assertThat(LoadDriver.engineFor(List.of("http://127.0.0.1:8080"))).isEqualTo(LoadDriver.Engine.OKHTTP);
        } finally {
            System.clearProperty(LoadDriver.ENGINE_PROPERTY);
        }
    }

    @Test
    void chunkedGzipResponsesOnKeptAliveConnectionsAreReadWholeAndEveryRequestArrivesOnceWithItsIds() throws Exception {
        LoadRequest post = new LoadRequest("POST", "/orders?x=1", Map.of("Content-Type", "application/json"), Optional.of("{\"n\":12}"), 1);
        try (RealServer nginx = RealServer.nginxWith(dir, LOG + "gzip on; gzip_types text/plain application/json; gzip_min_length 0;",
                "location / { default_type text/plain; return 200 \"hello from nginx, compressed and chunked\\n\"; }")) {
            List<LoadResult> results = run(nginx.url(), 200, Duration.ofSeconds(1), get("/items"), post);

            assertThat(results).hasSize(200).allSatisfy(r -> {
                assertThat(r.succeeded()).as(r.error()).isTrue();
                assertThat(r.protocol()).isEqualTo("http/1.1");
                assertThat(r.resent()).isFalse();
            });
            List<Logged> log = log();
            Map<String, Logged> byId = log.stream().collect(Collectors.toMap(Logged::requestId, Function.identity()));
            assertThat(byId).as("each request reached nginx exactly once").hasSize(200)
                    .containsOnlyKeys(results.stream().map(LoadResult::requestId).toList());
            assertThat(log).allSatisfy(l -> {
                assertThat(l.framing()).as("nginx chunks its gzip responses").isEqualTo("chunked");
                assertThat(l.traceparent()).isEqualTo("00-" + l.requestId().replace("-", "") + "-" + l.traceparent().substring(36));
            });
            assertThat(log).filteredOn(l -> l.method().equals("POST")).isNotEmpty().allSatisfy(l -> {
                assertThat(l.uri()).isEqualTo("/orders?x=1");
                assertThat(l.contentLength()).isEqualTo("8");
            });
            long connections = log.stream().map(Logged::connection).distinct().count();
            assertThat(connections).as("keep-alive connections are reused").isLessThanOrEqualTo(20);
        }
    }

    @Test
    void aConnectionClosedByTheServersConnectionCloseIsNeverReusedSoNoRequestMeetsIt() throws Exception {
        try (RealServer nginx = RealServer.nginxWith(dir, LOG + "keepalive_requests 3;",
                "location / { return 200 \"ok\\n\"; }")) {
            List<LoadResult> results = run(nginx.url(), 60, Duration.ofSeconds(1), get("/"));

            assertThat(results).hasSize(60).allSatisfy(r -> assertThat(r.succeeded()).as(r.error()).isTrue());
            assertThat(results).filteredOn(LoadResult::resent).as("the third answer says Connection: close, and is believed").isEmpty();
            assertThat(log()).hasSize(60).allSatisfy(l -> assertThat(l.onConnection()).isBetween(1, 3));
        }
    }

    @Test
    void aRequestMeetingAKeptAliveConnectionNginxHadClosedIsResentAndReachesNginxOnce() throws Exception {
        try (RealServer nginx = RealServer.nginxWith(dir, LOG + "keepalive_timeout 250ms;", "location / { return 200 \"ok\\n\"; }")) {
            List<LoadResult> results = run(nginx.url(), 3, Duration.ofSeconds(2), get("/"));

            LoadStats stats = LoadStats.of("run", 2, results);
            assertThat(stats.outcomes()).containsExactly(Map.entry("200", 6L));
            assertThat(stats.resent()).as("the pooled connection, idle 333 ms, was closed at 250 ms").isGreaterThanOrEqualTo(1);
            List<Logged> log = log();
            assertThat(log).as("the stale connection carried nothing nginx saw: one arrival per request").hasSize(6);
            assertThat(log.stream().map(Logged::requestId).collect(Collectors.toSet()))
                    .isEqualTo(results.stream().map(LoadResult::requestId).collect(Collectors.toSet()));
            assertThat(results).filteredOn(LoadResult::resent).allSatisfy(r -> {
                assertThat(r.resentAfter()).matches("(closed|reset): .+");
                Logged arrival = log.stream().filter(l -> l.requestId().equals(r.requestId())).findFirst().orElseThrow();
                assertThat(arrival.onConnection()).as("the resend went out on a fresh connection").isEqualTo(1);
            });
        }
    }

    @Test
    void stoppingMidRunLeavesNoConnectionOpenAndNoThreadRunning() throws Exception {
        try (RealServer nginx = RealServer.nginxWith(dir, "access_log off;",
                "location /status { stub_status; } location / { return 200 \"ok\\n\"; }")) {
            LoadDriver driver = driver(nginx.url(), 200, get("/"));
            driver.start(clock.nanos() + 20_000_000L, Duration.ofSeconds(10));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> driver.sent() >= 20);
            assertThat(activeConnections(nginx)).as("kept-alive connections are open while it runs").isGreaterThanOrEqualTo(2);

            driver.close();

            assertThat(driver.sent()).isLessThan(1000);
            Awaitility.await("nginx sees only the status request's own connection").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50)).until(() -> activeConnections(nginx) == 1);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("faultline-load-loop"));
        }
    }

    // nginx's stub_status "Active connections: N", counting curl's own (closed when curl exits).
    private static int activeConnections(RealServer nginx) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-s", "--max-time", "5", nginx.url() + "/status").redirectErrorStream(true).start();
        String body = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        curl.waitFor();
        return Integer.parseInt(Arrays.stream(body.split("\n")).filter(l -> l.startsWith("Active connections:")).findFirst()
                .orElseThrow().replaceAll("\\D", ""));
    }
}
