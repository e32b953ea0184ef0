package dev.faultline.analysis.fairness;

import dev.faultline.analysis.fairness.FairnessJournal.Bucket;
import dev.faultline.analysis.fairness.FairnessJournal.Reaction;
import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.faultline.analysis.fairness.FairnessJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FairnessJudgeTest {
    @TempDir
    Path dir;

    /** steady 0–1 s, busy 1–11 s with {@code limit} on api; the expectation is given. */
    private Scenario atUpstream(String limit, String fairness) throws IOException {
        return load("""
                name: judged
                upstreams:
                  api: {}
                phases:
                  - {name: steady, duration: 1s}
                  - name: busy
                    duration: 10s
                    faults:
                      api:
                        - rate-limit: %s
                expect:
                  fairness: %s
                """.formatted(limit, fairness));
    }

    /** One phase, run, 0–10 s; tenants heavy (50/s) and light (5/s), or as given. */
    private Scenario ofTenants(String tenants, String fairness) throws IOException {
        return load("""
                name: judged
                target: {url: "http://127.0.0.1:1"}
                load:
                  tenants: %s
                  requests: [{path: /api}]
                phases:
                  - {name: run, duration: 10s}
                expect:
                  fairness: %s
                """.formatted(tenants, fairness));
    }

    private Scenario load(String yaml) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        dev.faultline.scenario.parse.LoadOutcome result = new ScenarioLoader().load(file);
        assertThat(result).as(result.toString()).isInstanceOf(dev.faultline.scenario.parse.LoadOutcome.Loaded.class);
        return ((dev.faultline.scenario.parse.LoadOutcome.Loaded) result).scenario();
    }

    private static final String PER_CLIENT = "{limit: 20, every: 2s, by: client, headers: [retry-after, ratelimit]}";
    private static final String TWO_TENANTS = "[{name: heavy, rate: 50/s}, {name: light, rate: 5/s}]";

    private static FairnessJournal busy() {
        return journal().phase("steady", 0).phase("busy", 1).end(11);
    }

    /** Three replicas at 20/s through their own bucket of 20 per 2 s, reacting as given. */
    private static List<Event> threeReplicas(Reaction... reactions) {
        FairnessJournal j = busy();
        for (int r = 0; r < 3; r++) {
            j.replica("api", r, 20, 1, 11, new Bucket(20, 2, 1), reactions[r]);
        }
        return j.events();
    }

    private static List<ExpectationResult> judge(Scenario scenario, List<Event> events) {
        return FairnessJudge.judge(scenario, events, Optional.empty());
    }

    private static ExpectationResult check(List<ExpectationResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + results));
    }

    @Test
    void replicasThatWaitAsToldWithJitterHoldEveryCheckAtAPerClientLimit() throws IOException {
        Reaction polite = Reaction.honours(0.2, 1);
        List<ExpectationResult> results = judge(atUpstream(PER_CLIENT, "{upstream: api, min-jain-index: 0.9, honor-retry-after: true,"
                + " min-goodput: 0.9, max-limit-error: 0.1}"), threeReplicas(polite, Reaction.honours(0.2, 2), Reaction.honours(0.2, 3)));

        assertThat(results).extracting(ExpectationResult::status).containsOnly(CheckStatus.PASSED);
        assertThat(check(results, "fairness.min-jain-index").measured()).isGreaterThan(0.99);
        assertThat(check(results, "fairness.min-jain-index").explanation())
                .startsWith("replicas 0, 1, 2 at api during busy: demand ");
        ExpectationResult honoured = check(results, "fairness.honor-retry-after");
        assertThat(honoured.measured()).isZero();
        assertThat(honoured.explanation()).startsWith("every replica waited as told after each of ")
                .contains(" 429s at api during busy that named a wait (50 ms tolerance): the closest, replica ")
                .contains(" after a 429 that asked 1 s (Retry-After: 1)");
        assertThat(check(results, "fairness.min-goodput").measured()).isCloseTo(1.0, within(0.05));
        assertThat(check(results, "fairness.min-goodput").explanation())
                .startsWith("replica 0, replica 1, replica 2 at api during busy were admitted ")
                .contains(" /s of the 10.0 /s the limit allows each while it held them back (first to last 429, longest ")
                .contains(" s): goodput 1.0");
        assertThat(check(results, "fairness.max-limit-error").measured()).isLessThan(0.03);
        assertThat(check(results, "fairness.max-limit-error").explanation()).contains(" s): error ");
    }

    @Test
    void aReplicaThatKeepsItsPaceAfter429sFailsHonorRetryAfterWithItsEarlyRequestsCounted() throws IOException {
        List<ExpectationResult> results = judge(atUpstream(PER_CLIENT, "{upstream: api, honor-retry-after: true, min-goodput: 0.9}"),
                threeReplicas(Reaction.honours(0.2, 1), Reaction.IGNORES, Reaction.honours(0.2, 3)));

        ExpectationResult honoured = check(results, "fairness.honor-retry-after");
        assertThat(honoured.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(honoured.measured()).isEqualTo(160);
        assertThat(honoured.explanation()).isEqualTo("160 requests at api during busy came before the wait their 429 named, from"
                + " 1 replica (replica 0: 0, replica 1: 160, replica 2: 0); the first, replica 1 at 3 s, came"
                + " 0.049 s after a 429 that asked 1 s (Retry-After: 1)");
        // Ignoring the limit does not earn it more than the limit allows.
        assertThat(check(results, "fairness.min-goodput").status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void aReplicaThatStaysAwayFarLongerThanAskedFailsMinGoodputAndIsNamed() throws IOException {
        List<ExpectationResult> results = judge(atUpstream(PER_CLIENT, "{upstream: api, honor-retry-after: true, min-goodput: 0.9}"),
                threeReplicas(Reaction.honours(0.2, 1), Reaction.stopsFor(5), Reaction.honours(0.2, 3)));

        assertThat(check(results, "fairness.honor-retry-after").status()).isEqualTo(CheckStatus.PASSED);
        ExpectationResult goodput = check(results, "fairness.min-goodput");
        assertThat(goodput.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(goodput.measured()).isCloseTo(40 / 70.0, within(0.03));
        assertThat(goodput.explanation()).contains("; replica 1 used 5").contains(" % of what the limit allows");
    }

    @Test
    void aGreedyReplicaAtASharedLimitStarvesAPoliteOneAndTheJainIndexSaysSoWithTheNumbers() throws IOException {
        Bucket shared = new Bucket(20, 2, 1);
        List<Event> events = busy().replica("api", 0, 20, 1, 11, shared, Reaction.IGNORES)
                .replica("api", 1, 20, 1.01, 11, shared, Reaction.honours(0.2, 1)).events();

        List<ExpectationResult> results = judge(atUpstream("{limit: 20, every: 2s, headers: [retry-after]}",
                "{upstream: api, min-jain-index: 0.9, min-goodput: 0.9}"), events);

        ExpectationResult jain = check(results, "fairness.min-jain-index");
        assertThat(jain.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(jain.measured()).isLessThan(0.8);
        assertThat(jain.explanation()).matches("replicas 0, 1 at api during busy: demand \\d+\\.\\d, \\d+\\.\\d+ /s; admitted \\d+\\.\\d,"
                + " \\d\\.\\d+ /s; 429s \\d+ %, \\d+ %; fair \\d+\\.\\d, \\d\\.\\d+ /s; Jain 0\\.\\d\\d; the least served, replica 1,"
                + " got \\d+ % of its fair share");
        // Together they used the whole limit: the shared limit was not wasted, only unfairly shared.
        assertThat(check(results, "fairness.min-goodput").measured()).isCloseTo(1.0, within(0.05));
        assertThat(check(results, "fairness.min-goodput").explanation()).startsWith("the replicas together at api during busy were"
                + " admitted ");
    }

    @Test
    void fiftyReplicasComingBackInTheSame100MillisecondsFailMaxHerd() throws IOException {
        FairnessJournal j = busy();
        for (int c = 0; c < 50; c++) {
            j.attempt("api", c, 2 + c * 0.001, 429, "1", null).attempt("api", c, 3.06, 429, "1", null)
                    .attempt("api", c, 4.1 + c * 0.0005, 200, null, null);
        }

        ExpectationResult herd = check(judge(atUpstream(PER_CLIENT, "{upstream: api, max-herd: 2}"), j.events()), "fairness.max-herd");

        assertThat(herd.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(herd.explanation()).startsWith("the busiest 100 ms (from 3.06 s) held 50 of 100 returns after a 429 by 50"
                + " replicas, against a mean of ");
    }

    @Test
    void tooFewReturnsToTellAHerdAreInconclusive() throws IOException {
        ExpectationResult herd = check(judge(atUpstream(PER_CLIENT, "{upstream: api, max-herd: 2}"),
                threeReplicas(Reaction.honours(0.2, 1), Reaction.honours(0.2, 2), Reaction.honours(0.2, 3))), "fairness.max-herd");

        assertThat(herd.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(herd.explanation()).startsWith("too few returns to tell: evenly spread, these ");
    }

    @Test
    void aLimitThatNeverBitLeavesNothingToShareOrMeasure() throws IOException {
        List<Event> events = busy().replica("api", 0, 5, 1, 11, new Bucket(20, 2, 1), Reaction.IGNORES)
                .replica("api", 1, 5, 1, 11, new Bucket(20, 2, 1), Reaction.IGNORES).events();

        List<ExpectationResult> results = judge(atUpstream(PER_CLIENT, "{upstream: api, min-jain-index: 0.9, honor-retry-after: true,"
                + " min-goodput: 0.9, max-herd: 2}"), events);

        assertThat(results).extracting(ExpectationResult::status).containsOnly(CheckStatus.INCONCLUSIVE);
        assertThat(check(results, "fairness.min-jain-index").explanation()).startsWith("all 100 requests at api during busy were"
                + " served: the limit never held anyone back, so there was nothing to share (replicas 0, 1 at api during busy:"
                + " demand 5.0, 5.0 /s");
        assertThat(check(results, "fairness.honor-retry-after").explanation())
                .isEqualTo("no replica was refused (429) at api during busy, so no wait was asked of any");
        assertThat(check(results, "fairness.min-goodput").explanation())
                .isEqualTo("no replica was refused (429) at api during busy: the limit never held anyone back");
    }

    @Test
    void aLimitKeptPerHeaderValueCannotBeHeldAgainstReplicas() throws IOException {
        ExpectationResult goodput = check(judge(atUpstream("{limit: 20, every: 2s, by: 'header:X-Api-Key'}",
                "{upstream: api, min-goodput: 0.9}"), threeReplicas(Reaction.IGNORES, Reaction.IGNORES, Reaction.IGNORES)),
                "fairness.min-goodput");

        assertThat(goodput.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(goodput.explanation()).startsWith("the limit is kept per value of a request header, which the journal does not"
                + " record");
    }

    @Test
    void anUpstreamNoPhaseRateLimitsHasNoWindowToJudge() throws IOException {
        Scenario scenario = load("""
                name: judged
                upstreams:
                  api: {}
                phases:
                  - {name: steady, duration: 1s}
                expect:
                  fairness: {upstream: api, min-jain-index: 0.9}
                """);

        ExpectationResult jain = check(judge(scenario, busy().events()), "fairness.min-jain-index");

        assertThat(jain.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(jain.explanation()).startsWith("no phase rate-limits api, so there is no window to judge");
    }

    @Test
    void theVerdictLineGivesEveryTenantsDemandAdmittedRate429ShareAndFairShare() throws IOException {
        FairnessJournal j = journal().phase("run", 0).end(10);
        served(j, "heavy", 500, 98);
        served(j, "a", 50, 1);
        served(j, "b", 50, 1);

        ExpectationResult jain = check(judge(ofTenants("[{name: heavy, rate: 50/s}, {name: a, rate: 5/s}, {name: b, rate: 5/s}]",
                "{tenants: true, min-jain-index: 0.8}"), j.events()), "fairness.min-jain-index");

        assertThat(jain.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(jain.explanation()).isEqualTo("3 tenants (heavy, a, b) during the run: demand 50.0, 5.0, 5.0 /s; admitted 9.8,"
                + " 0.10, 0.10 /s; 429s 80 %, 98 %, 98 %; fair 3.3, 3.3, 3.3 /s; Jain 0.35; the least served, a, got 3 % of its"
                + " fair share");
    }

    /** {@code requests} of a tenant spread over 0–10 s, the first {@code served} of them answered 200 and the rest 429. */
    private static void served(FairnessJournal j, String tenant, int requests, int served) {
        for (int i = 0; i < requests; i++) {
            j.request(tenant, i * 10.0 / requests, i < served ? 200 : 429, "1", null, null);
        }
    }

    @Test
    void aSharedLimitLetsTheHeavyTenantCrowdOutTheLightOne() throws IOException {
        Bucket shared = new Bucket(10, 1, 0);
        List<Event> events = journal().phase("run", 0).end(10).tenant("heavy", 50, 0, 10, shared, true, false)
                .tenant("light", 5, 0.01, 10, shared, true, false).events();

        List<ExpectationResult> results = judge(ofTenants(TWO_TENANTS, "{tenants: true, min-jain-index: 0.9, honor-retry-after: true,"
                + " max-limit-error: 0.1, limit: 10/s}"), events);

        ExpectationResult jain = check(results, "fairness.min-jain-index");
        assertThat(jain.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(jain.measured()).isLessThan(0.6);
        assertThat(jain.explanation()).startsWith("2 tenants (heavy, light) during the run: demand 50.0, 5.0 /s; admitted ")
                .contains("; fair 5.9, 5.0 /s; ").contains("; the least served, light, got ");
        assertThat(check(results, "fairness.honor-retry-after").explanation()).startsWith("all ").endsWith(" 429s during the run"
                + " carried a Retry-After (1)");
        ExpectationResult error = check(results, "fairness.max-limit-error");
        assertThat(error.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(error.explanation()).startsWith("the tenants together during the run were admitted ")
                .contains(" /s of the 10.0 /s the limit allows while it held them back (first to last 429, ");
        assertThat(error.measured()).isLessThan(0.02);
    }

    @Test
    void aLimitPerTenantServesTheLightTenantInFullAndIsFair() throws IOException {
        List<Event> events = journal().phase("run", 0).end(10).tenant("heavy", 50, 0, 10, new Bucket(10, 1, 0), true, true)
                .tenant("light", 5, 0.01, 10, new Bucket(10, 1, 0), true, true).events();

        List<ExpectationResult> results = judge(ofTenants(TWO_TENANTS, "{tenants: true, min-jain-index: 0.9, max-limit-error: 0.05,"
                + " limit: 10/s, by: tenant, valid-ratelimit-headers: true}"), events);

        assertThat(results).extracting(ExpectationResult::status).containsOnly(CheckStatus.PASSED);
        assertThat(check(results, "fairness.min-jain-index").measured()).isGreaterThan(0.99);
        assertThat(check(results, "fairness.max-limit-error").explanation()).startsWith("heavy during the run was admitted 10.0 /s of"
                + " the 10.0 /s the limit allows while it held it back");
        assertThat(check(results, "fairness.valid-ratelimit-headers").explanation()).startsWith("all 550 responses during the run"
                + " with RateLimit fields parse");
    }

    @Test
    void a429WithoutRetryAfterFailsHonorRetryAfterWithEachTenantsCount() throws IOException {
        FairnessJournal j = journal().phase("run", 0).end(10)
                .request("heavy", 1, 429, "1", null, null).request("heavy", 2, 429, null, null, null)
                .request("light", 3, 429, null, null, null).request("light", 4, 200, null, null, null);

        ExpectationResult honoured = check(judge(ofTenants(TWO_TENANTS, "{tenants: true, honor-retry-after: true}"), j.events()),
                "fairness.honor-retry-after");

        assertThat(honoured.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(honoured.measured()).isEqualTo(2);
        assertThat(honoured.explanation()).isEqualTo("2 of 3 429s during the run had no valid Retry-After (heavy 1 of 2, light 1 of"
                + " 1); the first, to heavy at 2 s, had none");
    }

    @Test
    void rateLimitFieldsThatDoNotParseOrContradictTheResponseFailWithTheFirstFindings() throws IOException {
        FairnessJournal j = journal().phase("run", 0).end(10)
                .request("heavy", 1, 200, null, "\"default\";r=3;t=1", "\"default\";q=10;w=1")
                .request("heavy", 2, 429, "1", "\"default\";r=2;t=1", "\"default\";q=10;w=1")
                .request("light", 3, 200, null, "remaining: 4", null);

        ExpectationResult valid = check(judge(ofTenants(TWO_TENANTS, "{tenants: true, valid-ratelimit-headers: true}"), j.events()),
                "fairness.valid-ratelimit-headers");

        assertThat(valid.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(valid.explanation()).isEqualTo("2 of 3 responses during the run with RateLimit fields are wrong: 1 do not parse,"
                + " 1 contradict the response (per tenant heavy 1, light 1); heavy at 2 s (429): a 429 with RateLimit:"
                + " \"default\";r=2;t=1, which says quota is left; light at 3 s (200): RateLimit: remaining: 4 does not parse (has"
                + " '4' at 12 where ',' was expected)");
    }

    @Test
    void aLoadThatFellBehindItsScheduleMakesTheTenantsShareInconclusive() throws IOException {
        List<Event> events = new ArrayList<>(journal().phase("run", 0).end(10).events());
        for (int i = 0; i < 100; i++) {
            long at = i * 100_000_000L;
            events.add(new LoadResult(at, at + 300_000_000L, at + 301_000_000L, 0, i % 2 == 0 ? "heavy" : "light", "GET", "/api",
                    "id" + i, i % 4 == 0 ? 429 : 200, CallOutcome.RESPONSE, null));
        }
        events.sort(java.util.Comparator.comparingLong(Event::atNanos));

        ExpectationResult jain = check(judge(ofTenants(TWO_TENANTS, "{tenants: true, min-jain-index: 0.9}"), events),
                "fairness.min-jain-index");

        assertThat(jain.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(jain.explanation()).startsWith("the load driver fell behind its schedule: 100 of 100 requests (100 %) went out more than 100 ms late"
                + " (send lag p99 300 ms");
    }
}
