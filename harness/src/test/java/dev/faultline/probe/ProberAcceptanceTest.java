package dev.faultline.probe;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Journal;
import dev.faultline.journal.ProbeResult;
import dev.faultline.journal.RunClock;
import dev.faultline.load.TestTarget;
import dev.faultline.load.TestTarget.Answer;
import dev.faultline.scenario.ProbesSpec;
import dev.faultline.scenario.ProbesSpec.Probe;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The prober against real servers on 127.0.0.1. */
class ProberAcceptanceTest {
    private static final Answer PASS = new Answer(200, "application/health+json", "{\"status\":\"pass\"}", 0);
    private static final Answer FAIL = new Answer(503, "application/health+json", "{\"status\":\"fail\"}", 0);

    private final Journal journal = Journal.withDefaultCapacity();
    private final RunClock clock = RunClock.startingNow();

    private static Optional<Probe> probe(String path, long everyMillis, long timeoutMillis) {
        return Optional.of(new Probe(path, Duration.ofMillis(everyMillis), Duration.ofMillis(timeoutMillis)));
    }

    private List<ProbeResult> results(String probe) {
        return journal.snapshot().stream().filter(ProbeResult.class::isInstance).map(ProbeResult.class::cast)
                .filter(p -> p.probe().equals(probe)).toList();
    }

    @Test
    void eachProbeIsPolledAtItsPeriodAndItsHealthStatusIsRead() throws IOException {
        try (TestTarget target = TestTarget.start().route("/live", r -> PASS).route("/ready", r -> FAIL)) {
            Prober prober = Prober.prepare(new ProbesSpec(probe("/live", 100, 1_000), probe("/ready", 200, 1_000), Optional.empty()),
                    List.of(target.url()), clock, journal);
            prober.start(clock.nanos());

            await().atMost(Duration.ofSeconds(10)).until(() -> results("readiness").size() >= 5);
            prober.stop(Duration.ofSeconds(1));

            List<ProbeResult> live = results("liveness");
            List<ProbeResult> ready = results("readiness");
            assertThat(live).allSatisfy(p -> {
                assertThat(p.ok()).isTrue();
                assertThat(p.healthStatus()).isEqualTo("pass");
                assertThat(p.path()).isEqualTo("/live");
            });
            assertThat(ready).allSatisfy(p -> {
                assertThat(p.ok()).isFalse();
                assertThat(p.status()).isEqualTo(503);
                assertThat(p.healthStatus()).isEqualTo("fail");
                assertThat(p.contradicts()).isFalse();
            });
            // Due every 100 ms and every 200 ms from the same origin: twice as many liveness answers, give or take one.
            assertThat(live.size()).isBetween(2 * ready.size() - 2, 2 * ready.size() + 2);
            assertThat(ready.get(1).atNanos() - ready.get(0).atNanos()).isEqualTo(200_000_000L);
            assertThat(target.seen()).allSatisfy(s -> assertThat(s.headers().get("connection")).isEqualTo("close"));
        }
    }

    @Test
    void aHangingEndpointTimesOutAndIsNotProbedAgainWhileItsProbeIsInFlight() throws IOException {
        try (TestTarget target = TestTarget.start().route("/ready", r -> new Answer(200, "text/plain", "late", 3_000))) {
            Prober prober = Prober.prepare(new ProbesSpec(Optional.empty(), probe("/ready", 50, 300), Optional.empty()),
                    List.of(target.url()), clock, journal);
            prober.start(clock.nanos());

            await().atMost(Duration.ofSeconds(10)).until(() -> results("readiness").size() >= 3);
            prober.stop(Duration.ZERO);

            List<ProbeResult> ready = results("readiness").stream().filter(ProbeResult::judged).toList();
            assertThat(ready).hasSizeGreaterThanOrEqualTo(3).allSatisfy(p -> {
                assertThat(p.outcome()).isEqualTo(CallOutcome.TIMEOUT);
                assertThat(p.latencyNanos()).isBetween(300_000_000L, 2_000_000_000L);
            });
            // One probe at a time: a tick every 50 ms, but each probe waits 300 ms for its answer.
            long elapsedMillis = (ready.get(ready.size() - 1).endNanos() - ready.get(0).sentNanos()) / 1_000_000;
            assertThat(target.seen().size()).isLessThanOrEqualTo((int) (elapsedMillis / 300) + 2);
        }
    }

    @Test
    void livenessAndReadinessWaitUntilTheStartupProbeFirstPassesAndStartupThenStops() throws IOException {
        AtomicLong startedAfter = new AtomicLong(Long.MAX_VALUE);
        try (TestTarget target = TestTarget.start().route("/live", r -> PASS).route("/ready", r -> PASS)
                .route("/started", r -> r.atNanos() >= startedAfter.get() ? PASS : FAIL)) {
            Prober prober = Prober.prepare(new ProbesSpec(probe("/live", 100, 1_000), probe("/ready", 100, 1_000),
                    probe("/started", 100, 1_000)), List.of(target.url()), clock, journal);
            startedAfter.set(System.nanoTime() + 500_000_000L);
            prober.start(clock.nanos());

            await().atMost(Duration.ofSeconds(10)).until(() -> results("liveness").size() >= 3);
            prober.stop(Duration.ofSeconds(1));

            List<ProbeResult> startup = results("startup");
            ProbeResult firstPass = startup.stream().filter(ProbeResult::ok).findFirst().orElseThrow();
            assertThat(startup.get(startup.size() - 1)).as("startup stops once it has passed").isEqualTo(firstPass);
            assertThat(startup.size()).isGreaterThan(1);
            assertThat(results("liveness")).allSatisfy(p -> assertThat(p.sentNanos()).isGreaterThan(firstPass.endNanos()));
            assertThat(results("readiness")).allSatisfy(p -> assertThat(p.sentNanos()).isGreaterThan(firstPass.endNanos()));
        }
    }
}
