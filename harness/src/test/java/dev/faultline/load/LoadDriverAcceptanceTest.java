package dev.faultline.load;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Journal;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.RunClock;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.LoadSpec.LoadRequest;
import dev.faultline.scenario.LoadSpec.RateStep;
import dev.faultline.scenario.LoadSpec.Tenant;
import dev.faultline.scenario.Rate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The load driver against real servers on 127.0.0.1: what it sends, when, and how it records each outcome. */
@Isolated
class LoadDriverAcceptanceTest {
    private final Journal journal = Journal.withDefaultCapacity();
    private final RunClock clock = RunClock.startingNow();

    private static LoadRequest get(String path) {
        return new LoadRequest("GET", path, Map.of(), Optional.empty(), 1);
    }

    private static LoadSpec spec(double perSecond, Duration timeout, LoadRequest... requests) {
        return new LoadSpec(List.of(new RateStep(Duration.ZERO, new Rate(perSecond))), List.of(requests), List.of(), timeout);
    }

    /** Runs the load for {@code duration} and returns its results once every request has ended. */
    private List<LoadResult> run(LoadSpec spec, String url, Duration duration, Duration grace) {
        LoadDriver driver = LoadDriver.prepare(LoadPlan.of(spec, List.of(url), 7), clock, journal);
        driver.start(clock.nanos() + 50_000_000L, duration);
        driver.stop(grace);
        return journal.snapshot().stream().filter(LoadResult.class::isInstance).map(LoadResult.class::cast).toList();
    }

    @Test
    void sendsExactlyTheScheduledRequestsAtTheirIntendedTimesAndRecordsEachOne() throws IOException {
        try (TestTarget target = TestTarget.start()) {
            List<LoadResult> results = run(spec(100, Duration.ofSeconds(2), get("/work")), target.url(), Duration.ofSeconds(2),
                    Duration.ofSeconds(2));

            assertThat(results).hasSize(200).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(CallOutcome.RESPONSE);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.sentNanos()).isGreaterThanOrEqualTo(r.atNanos());
                assertThat(r.endNanos()).isGreaterThan(r.sentNanos());
            });
            for (int i = 1; i < results.size(); i++) {
                assertThat(results.get(i).atNanos() - results.get(0).atNanos()).isEqualTo(i * 10_000_000L);
            }
            assertThat(target.seen()).hasSize(200);
        }
    }

    @Test
    void everyRequestCarriesAFreshRequestIdAndAMatchingTraceparent() throws IOException {
        LoadRequest post = new LoadRequest("POST", "/orders", Map.of("Content-Type", "application/json"), Optional.of("{\"n\":1}"), 1);
        try (TestTarget target = TestTarget.start()) {
            List<LoadResult> results = run(spec(50, Duration.ofSeconds(2), get("/items"), post), target.url(), Duration.ofSeconds(1),
                    Duration.ofSeconds(2));

            assertThat(target.seen()).hasSize(50).allSatisfy(seen -> {
                String id = seen.headers().get("x-request-id");
                assertThat(seen.headers().get("traceparent")).matches("00-" + id.replace("-", "") + "-[0-9a-f]{16}-01");
            });
            Set<String> ids = target.seen().stream().map(s -> s.headers().get("x-request-id")).collect(Collectors.toSet());
            assertThat(ids).hasSize(50).isEqualTo(results.stream().map(LoadResult::requestId).collect(Collectors.toSet()));
            assertThat(target.seen()).filteredOn(s -> s.method().equals("POST")).isNotEmpty().allSatisfy(s -> {
                assertThat(s.path()).isEqualTo("/orders");
                assertThat(s.body()).isEqualTo("{\"n\":1}");
                assertThat(s.headers().get("content-type")).startsWith("application/json");
            });
            assertThat(target.seen()).filteredOn(s -> s.method().equals("GET")).isNotEmpty();
        }
    }

    @Test
    void eachTenantSendsItsOwnStreamAtItsOwnRateWithItsHeaders() throws IOException {
        LoadSpec spec = new LoadSpec(List.of(), List.of(get("/work")), List.of(
                new Tenant("small", new Rate(10), Map.of("X-Api-Key", "small-key")),
                new Tenant("big", new Rate(30), Map.of("X-Api-Key", "big-key"))), Duration.ofSeconds(2));
        try (TestTarget target = TestTarget.start()) {
            List<LoadResult> results = run(spec, target.url(), Duration.ofSeconds(1), Duration.ofSeconds(2));

            assertThat(results.stream().collect(Collectors.groupingBy(LoadResult::tenant, Collectors.counting())))
                    .containsOnly(Map.entry("small", 10L), Map.entry("big", 30L));
            assertThat(target.seen().stream().collect(Collectors.groupingBy(s -> s.headers().get("x-api-key"), Collectors.counting())))
                    .containsOnly(Map.entry("small-key", 10L), Map.entry("big-key", 30L));
        }
    }

    @Test
    void aStalledTargetDoesNotSlowTheArrivalsAndShowsItsStallInTheLatency() throws IOException {
        try (TestTarget target = TestTarget.start().route("/slow", r -> new TestTarget.Answer(200, "text/plain", "late", 600))) {
            List<LoadResult> results = run(spec(20, Duration.ofSeconds(3), get("/slow")), target.url(), Duration.ofSeconds(1),
                    Duration.ofSeconds(3));

            // A closed loop would have sent one request per 600 ms; open-loop arrivals keep their 50 ms spacing.
            assertThat(results).hasSize(20).allSatisfy(r -> {
                assertThat(r.latencyNanos()).isGreaterThanOrEqualTo(600_000_000L);
                assertThat(r.lagNanos()).isLessThan(400_000_000L);
            });
        }
    }

    @Test
    void aResponseThatOutlivesTheTimeoutIsRecordedAsATimeoutAtAboutTheTimeout() throws IOException {
        try (TestTarget target = TestTarget.start().route("/hang", r -> new TestTarget.Answer(200, "text/plain", "", 3_000))) {
            List<LoadResult> results = run(spec(10, Duration.ofMillis(300), get("/hang")), target.url(), Duration.ofMillis(300),
                    Duration.ofSeconds(2));

            assertThat(results).hasSize(3).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(CallOutcome.TIMEOUT);
                assertThat(r.status()).isZero();
                assertThat(r.latencyNanos()).isBetween(300_000_000L, 2_000_000_000L);
                assertThat(r.error()).isNotBlank();
            });
        }
    }

    @Test
    void aPortNobodyListensOnRefusesTheConnection() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        List<LoadResult> results = run(spec(10, Duration.ofSeconds(1), get("/")), "http://127.0.0.1:" + port, Duration.ofMillis(300),
                Duration.ofSeconds(2));

        assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(CallOutcome.REFUSED));
    }

    @Test
    void aConnectionResetBeforeTheAnswerIsAReset() throws IOException {
        try (RawSocketTarget target = RawSocketTarget.resetting()) {
            List<LoadResult> results = run(spec(10, Duration.ofSeconds(1), get("/")), target.url(), Duration.ofMillis(300),
                    Duration.ofSeconds(2));

            assertThat(results).hasSize(3).allSatisfy(r -> {
                assertThat(r.outcome()).as(r.error()).isEqualTo(CallOutcome.RESET);
                assertThat(r.resent()).as("a fresh connection's reset is the target's").isFalse();
            });
        }
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsClosed() throws IOException {
        try (RawSocketTarget target = RawSocketTarget.closing()) {
            List<LoadResult> results = run(spec(10, Duration.ofSeconds(1), get("/")), target.url(), Duration.ofMillis(300),
                    Duration.ofSeconds(2));

            assertThat(results).hasSize(3).allSatisfy(r -> {
                assertThat(r.outcome()).as(r.error()).isEqualTo(CallOutcome.CLOSED);
                assertThat(r.resent()).as("a fresh connection's close is the target's").isFalse();
            });
        }
    }

    @Test
    void requestsStillInFlightAfterTheGraceAreCancelledNotCountedAsFailures() throws IOException {
        try (TestTarget target = TestTarget.start().route("/hang", r -> new TestTarget.Answer(200, "text/plain", "", 5_000))) {
            List<LoadResult> results = run(spec(10, Duration.ofSeconds(10), get("/hang")), target.url(), Duration.ofMillis(200),
                    Duration.ofMillis(100));

            assertThat(results).hasSize(2).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(CallOutcome.CANCELLED);
                assertThat(r.judged()).isFalse();
            });
        }
    }
}
