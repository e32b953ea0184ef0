package dev.faultline.analysis.drift;

import dev.faultline.analysis.WallClock;
import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.ResponseDrift;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * expect.drift judged on synthetic journals: the success drop against the baseline, the phase-boundary
 * rule (requests placed by the faults they met, or left out), the mutation named, calls after sunset.
 */
class DriftJudgeTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private Scenario scenario(String expect) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: t
                upstreams:
                  orders:
                    routes:
                      - {match: {path: /v1/orders}, respond: {status: 200}}
                target: {url: 'http://127.0.0.1:1'}
                load: {rate: 10/s, requests: [{path: /order}]}
                phases:
                  - {name: steady, duration: 2s}
                  - name: drift
                    duration: 2s
                    faults:
                      orders:
                        - drift: [add-field: '$']
                  - name: sunset
                    duration: 2s
                    faults:
                      orders:
                        - deprecate: {sunset: 2025-01-01}
                expect:
                """ + expect);
        LoadOutcome outcome = new ScenarioLoader().load(file);
        assertThat(outcome).isInstanceOf(LoadOutcome.Loaded.class);
        return ((LoadOutcome.Loaded) outcome).scenario();
    }

    /** A journal: three phases of 2 s; the load sends every 100 ms; the target forwards the request id if asked. */
    private static final class Run {
        final List<Event> events = new ArrayList<>();
        long connection;

        Run() {
            events.add(new PhaseStarted(0, 0, "steady"));
            events.add(new PhaseStarted(2 * S, 1, "drift"));
            events.add(new PhaseStarted(4 * S, 2, "sunset"));
        }

        /** A load request sent at {@code sentMs}, ending {@code tookMs} later, whose upstream call arrives at {@code upstreamMs}. */
        Run request(long sentMs, long tookMs, long upstreamMs, int status, boolean forwardsId, String rule, String effect) {
            String id = "00000000-0000-4000-8000-" + String.format("%012d", sentMs);
            long at = upstreamMs * MS;
            long conn = ++connection;
            events.add(new UpstreamRequest(at, at + MS, "orders", 0, conn, "GET", "/v1/orders", forwardsId ? id : null,
                    null, null, rule, effect, effect.equals("deprecate") ? 200 : 200, 10, -1, -1, null, UpstreamRequest.Outcome.COMPLETED));
            if (effect.equals("drift")) {
                events.add(new ResponseDrift(at, "orders", 0, conn, "GET", "/v1/orders", forwardsId ? id : null, rule, "application/json",
                        List.of("add-field $: 1 changed, name \"tier_0001\" = 1"), null));
            }
            events.add(new LoadResult(sentMs * MS, sentMs * MS, (sentMs + tookMs) * MS, 0, null, "GET", "/order", id,
                    status, CallOutcome.RESPONSE, null));
            return this;
        }

        /** The steady phase: 19 requests that succeed, all well inside the phase. */
        Run steady(boolean forwardsId) {
            for (long t = 0; t < 1900; t += 100) {
                request(t, 20, t + 5, 200, forwardsId, null, "route");
            }
            return this;
        }

        List<Event> end() {
            events.add(new RunEnded(6 * S, false));
            events.sort(java.util.Comparator.comparingLong(Event::atNanos));
            return events;
        }
    }

    private static ExpectationResult check(List<ExpectationResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aRequestSentAtTheEndOfTheBaselineThatMetTheDriftIsChargedToTheDriftNotTheBaseline() throws IOException {
        Run run = new Run().steady(true);
        // Sent 10 ms before the drift began, it reached the upstream 30 ms into it and failed on add-field.
        run.request(1990, 60, 2030, 502, true, "drift/orders[0]", "drift");
        for (long t = 2100; t < 4000; t += 100) {
            run.request(t, 20, t + 5, 502, true, "drift/orders[0]", "drift");
        }
        List<ExpectationResult> results = DriftJudge.judge(scenario("  drift: {during: drift, max-success-drop: 0.1}\n"),
                run.end(), Optional.empty());

        ExpectationResult drop = check(results, "drift.max-success-drop");
        assertThat(drop.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(drop.measured()).isEqualTo(1.0);
        assertThat(drop.explanation()).startsWith("success 100 % (19 of 19) in steady (baseline), 0 % (0 of 20) in drift")
                .contains("what broke the client: add-field on GET /v1/orders (20)")
                .contains("1 request counted in the phase whose faults they met, not the one they were sent in");
    }

    @Test
    void withoutForwardedIdsARequestInFlightAcrossAPhaseStartIsLeftOutAndCounted() throws IOException {
        Run run = new Run().steady(false);
        // Sent in the baseline, failed after the drift began: unlinked, so left out of both.
        run.request(1990, 60, 2030, 502, false, "drift/orders[0]", "drift");
        for (long t = 2100; t < 4000; t += 100) {
            run.request(t, 20, t + 5, 200, false, "drift/orders[0]", "drift");
        }
        List<ExpectationResult> results = DriftJudge.judge(scenario("  drift: {during: drift, max-success-drop: 0.0}\n"),
                run.end(), Optional.empty());

        ExpectationResult drop = check(results, "drift.max-success-drop");
        assertThat(drop.status()).as(drop.explanation()).isEqualTo(CheckStatus.PASSED);
        assertThat(drop.measured()).isEqualTo(0.0);
        assertThat(drop.explanation()).contains("100 % (19 of 19) in drift")
                .contains("the upstream's answers there: add-field on GET /v1/orders (20)")
                .contains("1 request in flight across a phase start and not linked to an upstream request left out");
    }

    @Test
    void callsAfterSunsetAreTheDeprecatedRequestsArrivingAfterItByTheWallClock() throws IOException {
        Run run = new Run().steady(true);
        for (long t = 4000; t < 5000; t += 100) {
            run.request(t, 20, t + 5, 200, true, "sunset/orders[0]", "deprecate");
        }
        Scenario s = scenario("  drift: {max-calls-after-sunset: 3}\n");
        long runStart = Instant.parse("2026-12-06T21:00:00Z").toEpochMilli();

        ExpectationResult late = check(DriftJudge.judge(s, run.end(), Optional.of(new WallClock(runStart))),
                "drift.max-calls-after-sunset");
        assertThat(late.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(late.measured()).isEqualTo(10.0);
        assertThat(late.explanation()).isEqualTo("10 of 10 requests to deprecated endpoints arrived after their sunset:"
                + " GET /v1/orders (10); the first at 4.01 s");

        long before = Instant.parse("2024-12-31T23:59:55Z").toEpochMilli(); // the sunset falls 5 s into this run
        ExpectationResult early = check(DriftJudge.judge(s, new Run().steady(true).request(4000, 20, 4005, 200, true,
                "sunset/orders[0]", "deprecate").end(), Optional.of(new WallClock(before))), "drift.max-calls-after-sunset");
        assertThat(early.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(early.explanation()).isEqualTo("none of the 1 request to deprecated endpoints arrived after the sunset");

        ExpectationResult unknown = check(DriftJudge.judge(s, run.end(), Optional.empty()), "drift.max-calls-after-sunset");
        assertThat(unknown.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
    }

    @Test
    void aDriftThatNeverFiredIsInconclusiveNeverPassed() throws IOException {
        Run run = new Run().steady(true);
        for (long t = 2100; t < 4000; t += 100) {
            run.request(t, 20, t + 5, 200, true, null, "route");
        }
        ExpectationResult drop = check(DriftJudge.judge(scenario("  drift: {during: drift, max-success-drop: 0.1}\n"),
                run.end(), Optional.empty()), "drift.max-success-drop");
        assertThat(drop.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(drop.explanation()).isEqualTo("no fault fired at orders during drift: the target never met the drift");
    }
}
