package dev.faultline.analysis.balance;

import dev.faultline.journal.Event;
import dev.faultline.journal.PhaseStarted;
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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The balance definitions on hand-made journals: which instance answered each request, and when. */
class BalanceJudgeTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** Three instances; in "outage" instance 1 answers 503 (only on /health) and instance 2 is slow. */
    private Scenario scenario(String expect) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: t
                upstreams:
                  api: {instances: 3}
                phases:
                  - {name: steady, duration: 10s}
                  - name: outage
                    duration: 10s
                    faults:
                      api:
                        - {instance: 1, match: {path: /health}, respond: {status: 503}}
                        - {instance: 2, delay: 1s}
                  - {name: after, duration: 10s}
                expect:
                """ + expect);
        LoadOutcome outcome = new ScenarioLoader().load(file);
        assertThat(outcome).as(String.valueOf(outcome)).isInstanceOf(LoadOutcome.Loaded.class);
        return ((LoadOutcome.Loaded) outcome).scenario();
    }

    private static final class Journal {
        final List<Event> events = new ArrayList<>();

        Journal() {
            events.add(new PhaseStarted(0, 0, "steady"));
            events.add(new PhaseStarted(10_000 * MS, 1, "outage"));
            events.add(new PhaseStarted(20_000 * MS, 2, "after"));
        }

        Journal request(long atMillis, int instance, String path) {
            events.add(new UpstreamRequest(atMillis * MS, atMillis * MS + MS, "api", 0, 1, "GET", path, null, null, null,
                    null, "route", 200, 2, -1, -1, null, null, UpstreamRequest.Outcome.COMPLETED, instance));
            return this;
        }

        /** Round robin over {@code instances} every {@code everyMillis} from {@code from} to {@code to}. */
        Journal roundRobin(long from, long to, long everyMillis, int... instances) {
            int n = 0;
            for (long t = from; t < to; t += everyMillis) {
                request(t, instances[n++ % instances.length], "/work");
            }
            return this;
        }

        List<Event> end(long atMillis) {
            events.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
            events.add(new RunEnded(atMillis * MS, false));
            return events;
        }
    }

    private List<ExpectationResult> judge(String expect, List<Event> events) throws IOException {
        return BalanceJudge.judge(scenario(expect), events);
    }

    @Test
    void equalSharesPassAndFailingOrSlowInstancesAreLeftOutOfTheExpectedShares() throws IOException {
        // Instance 1 fails (503 on /health) and 2 is slow in outage: only instance 0 is held to a share there.
        List<Event> events = new Journal().roundRobin(0, 10_000, 10, 0, 1, 2).roundRobin(10_000, 20_000, 10, 0, 0, 0, 2)
                .roundRobin(20_000, 30_000, 10, 0, 1, 2).end(30_000);

        ExpectationResult r = judge("  balance: {upstream: api, match: {path: /work}, max-share-error: 0.02}\n", events).get(0);

        assertThat(r.status()).as(r.explanation()).isEqualTo(CheckStatus.PASSED);
        assertThat(r.explanation()).startsWith("shares of 2750 counted requests at api during the run: #0 52 % (1418,"
                + " expected 52 %), #1 24 % (666, expected 24 %), #2 24 % (666, expected 24 %)").contains("250 that reached failing or slow instances left out");
    }

    @Test
    void weightsSetTheExpectedSharesAndAnEqualSpreadFailsThem() throws IOException {
        List<Event> events = new Journal().roundRobin(0, 10_000, 10, 0, 1, 2).end(10_000);

        ExpectationResult r = judge("  balance: {during: steady, weights: [3, 1, 1], max-share-error: 0.05}\n", events).get(0);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.measured()).isCloseTo(0.6 - 1.0 / 3, org.assertj.core.data.Offset.offset(0.002));
        assertThat(r.explanation()).contains("#0 33 % (334, expected 60 %)");
    }

    @Test
    void theShareToSlowCountsRequestsThatReachedTheDelayedInstance() throws IOException {
        List<Event> events = new Journal().roundRobin(10_000, 20_000, 10, 0, 0, 0, 2).end(20_000);

        ExpectationResult r = judge("  balance: {max-share-to-slow: 0.2}\n", events).get(0);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.measured()).isEqualTo(0.25);
        assertThat(r.explanation()).startsWith("250 of 1000 counted requests (25 %) reached the slow instance #2")
                .contains("rate × delay");
    }

    @Test
    void aFailingInstanceIsEjectedWhenItsLiveRequestsStopAndReadmittedWhenTheyResume() throws IOException {
        // Instance 1 gets live requests for 1.5 s into its failure, then none until 0.8 s after it.
        Journal j = new Journal().roundRobin(0, 30_000, 100, 0, 2);
        for (long t = 10_000; t < 11_500; t += 100) {
            j.request(t + 50, 1, "/work");
        }
        j.request(20_800, 1, "/work").request(10_010, 1, "/health").request(25_000, 1, "/health");

        List<ExpectationResult> results = judge("  balance: {match: {path: /work}, ejects-within: 2s, readmits-within: 1s}\n",
                j.end(30_000));

        assertThat(results.get(0).status()).as(results.get(0).explanation()).isEqualTo(CheckStatus.PASSED);
        assertThat(results.get(0).measured()).isCloseTo(1.45, org.assertj.core.data.Offset.offset(0.001));
        assertThat(results.get(1).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(results.get(1).measured()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.001));

        List<ExpectationResult> strict = judge("  balance: {match: {path: /work}, ejects-within: 1s, readmits-within: 0.5s}\n",
                j.end(30_000));
        assertThat(strict).extracting(ExpectationResult::status).containsExactly(CheckStatus.FAILED, CheckStatus.FAILED);
    }

    @Test
    void noReadmissionFailsWhenTheRunWentOnLongEnoughAndIsInconclusiveOtherwise() throws IOException {
        List<Event> events = new Journal().roundRobin(0, 30_000, 100, 0, 2).end(30_000);

        assertThat(judge("  balance: {readmits-within: 5s}\n", events).get(0).status()).isEqualTo(CheckStatus.FAILED);
        assertThat(judge("  balance: {readmits-within: 15s}\n", events).get(0).status()).isEqualTo(CheckStatus.INCONCLUSIVE);
    }

    @Test
    void aDownInstanceCannotShowEjectionButStillShowsReadmission() throws IOException {
        Path file = dir.resolve("down.yaml");
        Files.writeString(file, """
                name: t
                upstreams:
                  api: {instances: 2}
                phases:
                  - {name: steady, duration: 10s}
                  - {name: outage, duration: 10s, faults: {api: [{instance: 1, down: true}]}}
                  - {name: after, duration: 10s}
                expect:
                  balance: {ejects-within: 1s, readmits-within: 2s}
                """);
        Scenario scenario = ((LoadOutcome.Loaded) new ScenarioLoader().load(file)).scenario();
        List<Event> events = new Journal().roundRobin(0, 10_000, 100, 0, 1).roundRobin(10_000, 20_000, 100, 0)
                .roundRobin(20_000, 30_000, 100, 0, 1).end(30_000);

        List<ExpectationResult> results = BalanceJudge.judge(scenario, events);

        assertThat(results.get(0).status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(results.get(0).explanation()).contains("down: refused connections are not requests");
        assertThat(results.get(1).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(results.get(1).explanation()).contains("#1 after outage: first request 0.100 s after its fault ended");
    }

    private Scenario stickyScenario(String arrivals) throws IOException {
        Path file = dir.resolve("sticky.yaml");
        Files.writeString(file, """
                name: t
                upstreams:
                  api: {instances: 2}
                target: {url: 'http://127.0.0.1:1'}
                load: {rate: 10/s, requests: [{path: /work}], arrivals: %s}
                phases:
                  - {name: steady, duration: 10s}
                  - {name: outage, duration: 10s, faults: {api: [{instance: 0, respond: {status: 503}}]}}
                expect:
                  balance: {sticky-by: header:Idempotency-Key}
                """.formatted(arrivals));
        return ((LoadOutcome.Loaded) new ScenarioLoader().load(file)).scenario();
    }

    private static UpstreamRequest keyed(long atMillis, int instance, String key) {
        return new UpstreamRequest(atMillis * MS, atMillis * MS + MS, "api", 0, 1, "GET", "/work", null, null, key,
                null, "route", 200, 2, -1, -1, null, null, UpstreamRequest.Outcome.COMPLETED, instance);
    }

    @Test
    void aKeyThatLeavesItsFailingInstanceIsExcusedAndOneThatWandersIsNot() throws IOException {
        Journal j = new Journal();
        j.events.add(keyed(1_000, 0, "a"));
        j.events.add(keyed(12_000, 1, "a"));   // its instance 0 fails in outage: excused
        j.events.add(keyed(2_000, 1, "b"));
        j.events.add(keyed(3_000, 0, "b"));    // both healthy: moved
        j.events.add(keyed(4_000, 1, "c"));

        ExpectationResult r = BalanceJudge.judge(stickyScenario("poisson"), j.end(20_000)).get(0);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.measured()).isEqualTo(1);
        assertThat(r.explanation()).isEqualTo("1 of 3 keys (header Idempotency-Key) reached more than one instance during"
                + " the run: b → #1, #0; 1 moves away from a failing instance excused");
    }

    @Test
    void keysThatStayUnderConstantArrivalsAreInconclusiveBecauseLockstepLooksSticky() throws IOException {
        Journal j = new Journal();
        j.events.add(keyed(1_000, 0, "a"));
        j.events.add(keyed(2_000, 0, "a"));
        j.events.add(keyed(1_500, 1, "b"));

        ExpectationResult constant = BalanceJudge.judge(stickyScenario("constant"), j.end(20_000)).get(0);
        ExpectationResult poisson = BalanceJudge.judge(stickyScenario("poisson"), j.end(20_000)).get(0);

        assertThat(constant.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(constant.explanation()).contains("the load's arrivals are constant", "use arrivals: poisson");
        assertThat(poisson.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(poisson.explanation()).isEqualTo("all 2 keys (header Idempotency-Key) stayed on one instance during the run");
    }
}
