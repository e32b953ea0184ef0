package dev.faultline.analysis.retry;

import dev.faultline.analysis.JournalFixture;
import dev.faultline.analysis.WallClock;
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
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static dev.faultline.analysis.JournalFixture.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RetryJudgeTest {
    @TempDir
    Path dir;

    /** steady 0–5 s, outage 5–15 s (503 on payments), recovery 15–25 s; the expectation is given. */
    private Scenario scenario(String retries) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: judged
                upstreams:
                  payments: {}
                phases:
                  - {name: steady, duration: 5s}
                  - name: outage
                    duration: 10s
                    faults:
                      payments:
                        - respond: {status: 503}
                  - {name: recovery, duration: 10s}
                expect:
                  retries:
                """ + retries.indent(4));
        LoadOutcome result = new ScenarioLoader().load(file);
        assertThat(result).as(result.toString()).isInstanceOf(LoadOutcome.Loaded.class);
        return ((LoadOutcome.Loaded) result).scenario();
    }

    private static JournalFixture timeline() {
        return journal().phase("steady", 0).phase("outage", 5_000).phase("recovery", 15_000).end(25_000);
    }

    private List<ExpectationResult> judge(String retries, JournalFixture j) throws IOException {
        return RetryJudge.judge(scenario(retries), j.events());
    }

    private static ExpectationResult check(List<ExpectationResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + results));
    }

    /** Ten clients, each one call failing at 5.01 s, retried 1, 2 and 4 s after each failure. */
    private static JournalFixture curlHerd() {
        JournalFixture j = timeline();
        for (int c = 0; c < 10; c++) {
            j.failingCall("payments", c, null, 5.010 + c * 0.003, 1.0, 2.0, 4.0);
        }
        return j;
    }

    @Test
    void aLockstepHerdFailsRequireJitterWithTheGapsShapeAndBunchingInOneLine() throws IOException {
        List<ExpectationResult> results = judge("{by: client, require-jitter: true, max-sync: 3}", curlHerd());

        ExpectationResult jitter = check(results, "retries.require-jitter");
        assertThat(jitter.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(jitter.measured()).isLessThan(0.01);
        assertThat(jitter.limit()).isEqualTo(0.1);
        assertThat(jitter.comparison()).isEqualTo(">=");
        assertThat(jitter.explanation()).isEqualTo("10 clients; gaps after failure 1.00 s, 2.00 s, 4.00 s:"
                + " exponential ×2 without jitter; 10 of 10 first retries landed in the same 100 ms;"
                + " retry 1: 10 calls, mean 1.00 s, sd 0 ms, CV 0.00: middle half within 0 ms, under the 20 ms of timer noise;"
                + " retry 2: 10 calls, mean 2.00 s, sd 0 ms, CV 0.00: middle half within 0 ms, under the 20 ms of timer noise;"
                + " retry 3: 10 calls, mean 4.00 s, sd 0 ms, CV 0.00: middle half within 0 ms, under the 20 ms of timer noise");

        ExpectationResult sync = check(results, "retries.max-sync");
        assertThat(sync.status()).isEqualTo(CheckStatus.FAILED);
        // retries from 6.01 s to 12.04 s; bins from the outage's start (5 s) to the last: 71; 30 retries, peak 10
        assertThat(sync.measured()).isCloseTo(10 / (30 / 71.0), within(1e-6));
        assertThat(sync.explanation()).isEqualTo("the busiest 100 ms (from 6.01 s) held 10 of 30 retries by 10 clients,"
                + " against a mean of 0.423 per 100 ms over the 7.04 s from the start of outage to the last retry: peak-to-mean 23.67 (evenly spread, these few retries would still score 2.37); exponential ×2 without jitter");
    }

    @Test
    void fullJitterPassesRequireJitter() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        JournalFixture j = timeline();
        for (int c = 0; c < 30; c++) {
            j.failingCall("payments", c, "call-" + c, 5.0 + c * 0.01, random.nextDouble() * 0.4,
                    random.nextDouble() * 0.8, random.nextDouble() * 1.6);
        }

        ExpectationResult jitter = check(judge("{require-jitter: true}", j), "retries.require-jitter");

        assertThat(jitter.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(jitter.measured()).isGreaterThan(0.4);
        assertThat(jitter.explanation()).startsWith("30 clients; gaps after failure").contains("with jitter at retries 1, 2, 3")
                .containsPattern("retry 1: \\d+ calls, mean 0\\.\\d\\d s, sd \\d+ ms, CV 0\\.\\d\\d: jitter");
    }

    @Test
    void tooFewCallsFailingTogetherLeaveJitterInconclusiveAndSaySo() throws IOException {
        JournalFixture j = timeline();
        for (int c = 0; c < 4; c++) {
            j.failingCall("payments", c, "call-" + c, 5.0 + c * 0.01, 0.2 + 0.1 * c);
        }

        ExpectationResult jitter = check(judge("{require-jitter: true}", j), "retries.require-jitter");

        assertThat(jitter.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(jitter.explanation()).startsWith("no retry level with a backoff could be judged: jitter compares the n-th waits"
                + " of 5 or more calls that failed together (within 1 s) and that the fake upstream answered promptly (the most compared: 4;")
                .endsWith("retry 1: 4 calls failed together, not judged (5 needed)");
    }

    @Test
    void requireJitterFalseStillShowsWhatWasMeasured() throws IOException {
        ExpectationResult jitter = check(judge("{by: client, require-jitter: false}", curlHerd()), "retries.require-jitter");

        assertThat(jitter.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(jitter.limit()).isNull();
        assertThat(jitter.explanation()).startsWith("not required; 10 clients; gaps after failure 1.00 s");
    }

    @Test
    void aRetryBeforeRetryAfterFailsWithItsTimes() throws IOException {
        JournalFixture j = timeline()
                .attempt("payments", 6.0).client(0).call("a").retryAfter("2").add()
                .attempt("payments", 6.081).client(0).call("a").add()
                .attempt("payments", 7.0).client(1).call("b").retryAfter("2").add()
                .attempt("payments", 9.001).client(1).call("b").add();

        ExpectationResult ra = check(judge("{honor-retry-after: true}", j), "retries.honor-retry-after");

        assertThat(ra.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(ra.measured()).isEqualTo(1.0);
        assertThat(ra.limit()).isEqualTo(0.0);
        assertThat(ra.explanation()).isEqualTo("1 of 2 retries after a Retry-After came early: the first, call a at 6.08 s,"
                + " waited 0.08 s of the 2.00 s asked (Retry-After: 2)");
    }

    @Test
    void retriesThatWaitedAsAskedHonorRetryAfter() throws IOException {
        JournalFixture j = timeline()
                .attempt("payments", 6.0).call("a").retryAfter("2").add()
                .attempt("payments", 8.011).call("a").retryAfter("2").add()
                .attempt("payments", 10.02).call("a").add();

        ExpectationResult ra = check(judge("{honor-retry-after: true}", j), "retries.honor-retry-after");

        assertThat(ra.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(ra.explanation()).isEqualTo("all 2 retries after a Retry-After waited as asked (50 ms tolerance):"
                + " the closest waited 2.01 s of the 2.00 s asked (Retry-After: 2)");
    }

    @Test
    void anHttpDateIsJudgedWithTheRunsWallClockAndNotWithoutIt() throws IOException {
        long start = Instant.parse("2026-11-26T10:00:00Z").toEpochMilli();
        JournalFixture j = timeline()
                .attempt("payments", 6.0).call("a").retryAfter("Thu, 26 Nov 2026 10:00:09 GMT").add()
                .attempt("payments", 7.0).call("a").add();
        Scenario s = scenario("{honor-retry-after: true}");

        ExpectationResult withClock = check(RetryJudge.judge(s, j.events(), Optional.of(new WallClock(start))),
                "retries.honor-retry-after");
        ExpectationResult without = check(RetryJudge.judge(s, j.events()), "retries.honor-retry-after");

        assertThat(withClock.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(withClock.explanation()).contains("waited 1.00 s of the 3.00 s asked (Retry-After: Thu, 26 Nov 2026 10:00:09 GMT)");
        assertThat(without.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(without.explanation()).contains("wall-clock start was not given");
    }

    @Test
    void honorRetryAfterIsInconclusiveWhenNoResponseNamedOne() throws IOException {
        ExpectationResult ra = check(judge("{by: client, honor-retry-after: true}", curlHerd()), "retries.honor-retry-after");

        assertThat(ra.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(ra.explanation()).isEqualTo("no response at payments during outage named a Retry-After"
                + " (add one to the fault's respond headers)");
    }

    @Test
    void aRetriedNotFoundFailsNoRetryOn() throws IOException {
        JournalFixture j = timeline()
                .attempt("payments", 6.0).call("a").add()
                .attempt("payments", 6.5).call("a").status(404).add()
                .attempt("payments", 7.5).call("a").status(404).add()
                .attempt("payments", 8.0).call("b").status(404).add();

        ExpectationResult rule = check(judge("{no-retry-on: [404, 400]}", j), "retries.no-retry-on");

        assertThat(rule.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(rule.measured()).isEqualTo(1.0);
        assertThat(rule.explanation()).isEqualTo("1 retry after 404 (of 3 responses with 400, 404); the first, call a at 7.50 s,"
                + " came 1.00 s after a 404");
    }

    @Test
    void noRetryOnPassesWhenTheStatusCameAndWasNotRetriedAndIsInconclusiveWhenItNeverCame() throws IOException {
        JournalFixture j = timeline().attempt("payments", 6.0).call("a").status(404).add();

        assertThat(check(judge("{no-retry-on: 404}", j), "retries.no-retry-on").explanation())
                .isEqualTo("none of the 1 response with 404 was retried");
        assertThat(check(judge("{no-retry-on: 400}", j), "retries.no-retry-on").status()).isEqualTo(CheckStatus.INCONCLUSIVE);
    }

    @Test
    void retriesOfAnUnkeyedPostAreAFindingInTheExplanation() throws IOException {
        JournalFixture j = timeline()
                .attempt("payments", 6.0).call("a").method("POST").add()
                .attempt("payments", 6.5).call("a").method("POST").add();

        List<ExpectationResult> results = judge("{max-attempts-per-call: 3, max-amplification: 3}", j);

        assertThat(results.get(0).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(results.get(0).explanation()).endsWith("; finding: 1 retry of POST without an Idempotency-Key"
                + " (the first, call a at 6.50 s): the server cannot tell them from new requests, so one may be applied twice");
        assertThat(results.get(1).explanation()).doesNotContain("finding");
    }

    @Test
    void recoveryIsTheTimeUntilTheAttemptRateIsBackNearTheSteadyRate() throws IOException {
        JournalFixture j = timeline();
        steady(j, 0, 5, 4);
        steady(j, 5, 15, 40);
        steady(j, 15, 18, 20);
        steady(j, 18, 25, 4);

        ExpectationResult pass = check(judge("{max-recovery: 5s}", j), "retries.max-recovery");
        ExpectationResult fail = check(judge("{max-recovery: 2s}", j), "retries.max-recovery");

        assertThat(pass.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(pass.measured()).isEqualTo(3.0);
        assertThat(pass.unit()).isEqualTo("s");
        assertThat(pass.explanation()).isEqualTo("the attempt rate at payments was back within 1.1× the steady rate"
                + " (4 attempts/s: at most 5 attempts a 1 s slice) 3.00 s after the fault ended at 15.00 s;"
                + " slices after it: 20, 20, 20, 4, 4, 4, 4, 4, 4, 4");
        assertThat(fail.status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void aStormThatOutlastsTheRunFailsRecoveryWhenWatchedLongerThanTheLimit() throws IOException {
        JournalFixture j = timeline();
        steady(j, 0, 5, 4);
        steady(j, 5, 25, 40);

        ExpectationResult fail = check(judge("{max-recovery: 5s}", j), "retries.max-recovery");
        ExpectationResult unknown = check(judge("{max-recovery: 20s}", j), "retries.max-recovery");

        assertThat(fail.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(fail.measuredText()).isEqualTo("> 10 s");
        assertThat(unknown.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
    }

    @Test
    void withoutCallIdsTheCallChecksAreInconclusiveButRecoveryIsJudged() throws IOException {
        JournalFixture j = timeline();
        steady(j, 0, 5, 4);
        steady(j, 5, 15, 8);
        steady(j, 15, 25, 4);
        j.attempt("payments", 5.5).add();

        List<ExpectationResult> results = judge("{require-jitter: true, max-sync: 2, honor-retry-after: true, max-recovery: 1s}", j);

        assertThat(results).extracting(ExpectationResult::id, ExpectationResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("retries.honor-retry-after", CheckStatus.INCONCLUSIVE),
                org.assertj.core.groups.Tuple.tuple("retries.require-jitter", CheckStatus.INCONCLUSIVE),
                org.assertj.core.groups.Tuple.tuple("retries.max-sync", CheckStatus.INCONCLUSIVE),
                org.assertj.core.groups.Tuple.tuple("retries.max-recovery", CheckStatus.PASSED));
        assertThat(results.get(1).explanation()).startsWith("the attempts carry no X-Request-Id");
    }

    @Test
    void aCheckThatRequiresNothingPassesEvenWhenItCannotMeasure() throws IOException {
        JournalFixture j = timeline().attempt("payments", 5.5).add().attempt("payments", 6.5).add();

        List<ExpectationResult> results = judge("{require-jitter: false, honor-retry-after: false}", j);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
            assertThat(r.explanation()).startsWith("not required; the attempts carry no X-Request-Id");
        });
    }

    @Test
    void noFaultInTheWindowMakesEveryCheckInconclusive() throws IOException {
        JournalFixture j = timeline().attempt("payments", 6.0).served().status(200).add();

        List<ExpectationResult> results = judge("{require-jitter: true, max-recovery: 1s, no-retry-on: 404}", j);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
            assertThat(r.explanation()).startsWith("no fault fired at payments during outage");
        });
    }

    /** {@code perSecond} attempts a second answered by the routes, in [from, to) seconds, without call ids. */
    private static void steady(JournalFixture j, double from, double to, int perSecond) {
        long n = Math.round((to - from) * perSecond);
        for (long k = 0; k < n; k++) {
            double at = from + (double) k / perSecond;
            boolean outage = at >= 5 && at < 15;
            JournalFixture.Attempt a = j.attempt("payments", at).status(outage ? 503 : 200);
            (outage ? a : a.served()).add();
        }
    }
}
