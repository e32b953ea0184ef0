package dev.faultline.load;

import dev.faultline.analysis.LoadStats;
import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Journal;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.RunClock;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.LoadSpec.LoadRequest;
import dev.faultline.scenario.LoadSpec.RateStep;
import dev.faultline.scenario.Rate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load driver against servers that close keep-alive connections (Python's http.server, nginx with a
 * short keepalive_timeout) and against a target that really cuts requests: the driver's own stale
 * connections are not blamed on the target, the target's own cuts still are.
 */
@Isolated
class StaleConnectionAcceptanceTest {
    @TempDir
    Path dir;

    private final Journal journal = Journal.withDefaultCapacity();
    private final RunClock clock = RunClock.startingNow();

    private List<LoadResult> run(String url, double perSecond, Duration duration, LoadRequest request) {
        LoadSpec spec = new LoadSpec(List.of(new RateStep(Duration.ZERO, new Rate(perSecond))), List.of(request), List.of(),
                Duration.ofSeconds(2));
        LoadDriver driver = LoadDriver.prepare(LoadPlan.of(spec, List.of(url), 7), clock, journal);
        driver.start(clock.nanos() + 50_000_000L, duration);
        driver.stop(Duration.ofSeconds(2));
        return journal.snapshot().stream().filter(LoadResult.class::isInstance).map(LoadResult.class::cast).toList();
    }

    private static LoadRequest request(String method) {
        return new LoadRequest(method, "/", Map.of(), method.equals("POST") ? Optional.of("{}") : Optional.empty(), 1);
    }

    @Test
    void pythonsHttpServerAnswersEveryRequestAt40PerSecondBecauseItsHttp10ConnectionsAreNeverReused() throws Exception {
        try (RealServer server = RealServer.pythonHttpServer(dir)) {
            List<LoadResult> results = run(server.url(), 40, Duration.ofSeconds(5), request("GET"));

            LoadStats stats = LoadStats.of("run", 5, results);
            assertThat(stats.requests()).isEqualTo(200);
            assertThat(stats.outcomes()).as("before the HTTP/1.0 rule and the resends: 200: 100, closed: 100")
                    .containsExactly(Map.entry("200", 200L));
            assertThat(stats.resent()).as("HTTP/1.0 without keep-alive: no connection is reused, so none goes stale").isZero();
        }
    }

    @Test
    void nginxClosingKeepAliveConnectionsIdleFor300msLosesNoRequestAt3PerSecondAndEveryResendIsCounted() throws Exception {
        try (RealServer server = RealServer.nginx(dir, "300ms")) {
            List<LoadResult> results = run(server.url(), 3, Duration.ofSeconds(5), request("GET"));

            LoadStats stats = LoadStats.of("run", 5, results);
            assertThat(stats.requests()).isEqualTo(15);
            assertThat(stats.outcomes()).as("before the resends: 200: 8, closed: 7").containsExactly(Map.entry("200", 15L));
            // A request finding a pooled connection meets one nginx closed 33 ms earlier; a resend's connection is not
            // pooled, so the request after it opens a fresh one: about every second request is resent (7 of 15 here).
            assertThat(stats.resent()).isGreaterThanOrEqualTo(3);
            assertThat(results).filteredOn(LoadResult::resent).allSatisfy(r -> {
                assertThat(r.resentAfter()).matches("(closed|reset): .+");
                assertThat(r.latencyNanos()).as("latency still counts from the intended send time").isEqualTo(r.endNanos() - r.atNanos());
            });
        }
    }

    @Test
    void aPostOnAStaleConnectionIsNotResentOnceWrittenSoItsFailuresStillCount() throws Exception {
        try (RealServer server = RealServer.nginx(dir, "300ms")) {
            List<LoadResult> results = run(server.url(), 3, Duration.ofSeconds(3), request("POST"));

            LoadStats stats = LoadStats.of("run", 3, results);
            assertThat(stats.resent()).isZero();
            assertThat(stats.requests() - stats.succeeded()).as("POST is not idempotent (RFC 9110 §9.2.2): " + stats.outcomes())
                    .isGreaterThan(0);
            assertThat(results).filteredOn(r -> !r.succeeded())
                    .allSatisfy(r -> assertThat(r.outcome()).isIn(CallOutcome.CLOSED, CallOutcome.RESET));
        }
    }

    @ParameterizedTest(name = "reset = {0}")
    @ValueSource(booleans = {true, false})
    void aTargetThatCutsReusedAndFreshConnectionsAlikeStillHasEveryCutCountedAsBefore(boolean reset) throws Exception {
        try (RawSocketTarget target = RawSocketTarget.answeringThenCutting(3, reset)) {
            List<LoadResult> results = run(target.url(), 10, Duration.ofSeconds(1), request("GET"));

            CallOutcome cut = reset ? CallOutcome.RESET : CallOutcome.CLOSED;
            assertThat(results).hasSize(10);
            assertThat(results).filteredOn(LoadResult::succeeded).hasSize(3);
            assertThat(results).filteredOn(r -> !r.succeeded()).hasSize(7)
                    .allSatisfy(r -> assertThat(r.outcome()).as(r.error()).isEqualTo(cut));
            assertThat(results).filteredOn(LoadResult::resent).as("the cut on the kept-alive connection is resent, once")
                    .isNotEmpty().allSatisfy(r -> {
                        assertThat(r.outcome()).isEqualTo(cut);
                        assertThat(r.error()).contains("; resent on a fresh connection: ");
                    });
        }
    }
}
