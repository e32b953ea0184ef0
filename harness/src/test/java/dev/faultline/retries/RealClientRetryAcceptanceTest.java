package dev.faultline.retries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.analysis.Retry;
import dev.faultline.analysis.WallClock;
import dev.faultline.analysis.retry.BackoffMeasurement;
import dev.faultline.analysis.retry.BackoffShape;
import dev.faultline.analysis.retry.RetryAfterMeasurement;
import dev.faultline.analysis.retry.RetryAnalysis;
import dev.faultline.analysis.retry.RetryScope;
import dev.faultline.cli.ExitCodes;
import dev.faultline.scenario.CallsBy;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The retry analysis, proved against real clients nobody here wrote: curl and Python's urllib3 (the
 * oracle table of {@code reference/metrics.md} §5). Each scenario runs through the real command line
 * against real fake upstreams, a few at a time (none of these clients is CPU-hungry), and each test
 * then reads its report and journal.
 *
 * <p>Documented behaviour checked here, every gap within ±100 ms:
 * <ul>
 *   <li>curl 7.88 {@code --retry N}: waits 1 s, then doubles (1, 2, 4 s), no jitter; with a
 *       {@code Retry-After} it waits that instead ({@code tool_operate.c}: "sleeptime = retry_after * 1000");</li>
 *   <li>urllib3 1.26 {@code Retry(backoff_factor=f, status_forcelist=...)}: 0 before the first retry, then
 *       {@code f * 2^(n-1)} ({@code get_backoff_time}); on 413/429/503 with a {@code Retry-After} it sleeps
 *       exactly that instead, even without a forcelist ({@code is_retry}, {@code sleep_for_retry}); with
 *       neither it does not retry a 503 at all.</li>
 * </ul>
 */
@Isolated
class RealClientRetryAcceptanceTest {
    private static final String URLLIB3_CLIENT = Faultline.REPO.resolve("scenarios/clients/urllib3_get.py").toString();
    private static final double TOLERANCE_SECONDS = 0.100;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    @TempDir
    static Path dir;

    private static final Map<String, Faultline.Result> RESULTS = new LinkedHashMap<>();

    @BeforeAll
    // One at a time: three at once on two cores staggered the Pythons' and curls' starts past the 100 ms
    // that keeps calls "failing together" (jitter inconclusive) and put 150 ms into an immediate retry.
    static void runEveryScenarioInTurn() throws Exception {
        Map<String, Supplier<String>> scenarios = new LinkedHashMap<>();
        scenarios.put("curl-herd", () -> """
                name: curl herd
                upstreams:
                  api:
                    routes: [{match: {path: /items}, respond: {status: 200, body: ok}}]
                target:
                  # one call per replica; with no ready check it starts once the outage is in force
                  run: exec curl -sS -o /dev/null --retry 3 ${upstreams.api.url}/items
                  replicas: 6
                phases:
                  - name: outage
                    duration: 8.5s
                    faults:
                      api: [{respond: {status: 503}}]
                expect:
                  retries:
                    upstream: api
                    by: client
                    max-attempts-per-call: 4
                    require-jitter: true
                    max-sync: 3
                """);
        scenarios.put("curl-retry-after", () -> """
                name: curl retry-after
                upstreams:
                  api:
                    routes: [{match: {path: /items}, respond: {status: 200, body: ok}}]
                target:
                  run: exec curl -sS -o /dev/null --retry 2 ${upstreams.api.url}/items
                  replicas: 3
                phases:
                  - name: outage
                    duration: 5.5s
                    faults:
                      api: [{respond: {status: 503, headers: {Retry-After: "2"}}}]
                expect:
                  retries:
                    upstream: api
                    by: client
                    honor-retry-after: true
                """);
        // Five replicas: the jitter rule judges a retry level only when five or more calls failed together.
        scenarios.put("urllib3-backoff", () -> """
                name: urllib3 backoff
                upstreams:
                  api:
                    routes: [{match: {path: /items}, respond: {status: 200, body: ok}}]
                target:
                  run: [/usr/bin/python3, %s]
                  replicas: 5
                  env:
                    TARGET_URL: ${upstreams.api.url}/items
                    RETRY_TOTAL: "4"
                    BACKOFF_FACTOR: "0.2"
                    STATUS_FORCELIST: "503"
                phases:
                  - name: outage
                    duration: 4s
                    faults:
                      api: [{respond: {status: 503}}]
                expect:
                  retries:
                    upstream: api
                    by: client
                    max-attempts-per-call: 5
                    require-jitter: true
                """.formatted(URLLIB3_CLIENT));
        scenarios.put("urllib3-retry-after", () -> """
                name: urllib3 retry-after
                upstreams:
                  api:
                    routes: [{match: {path: /items}, respond: {status: 200, body: ok}}]
                target:
                  run: [/usr/bin/python3, %s]
                  replicas: 3
                  env:
                    TARGET_URL: ${upstreams.api.url}/items
                    RETRY_TOTAL: "2"
                    BACKOFF_FACTOR: "0.2"
                phases:
                  - name: outage
                    duration: 3.5s
                    faults:
                      api: [{respond: {status: 503, headers: {Retry-After: "1"}}}]
                expect:
                  retries:
                    upstream: api
                    by: client
                    honor-retry-after: true
                """.formatted(URLLIB3_CLIENT));
        scenarios.put("urllib3-default", () -> """
                name: urllib3 default
                upstreams:
                  api:
                    routes: [{match: {path: /items}, respond: {status: 200, body: ok}}]
                target:
                  run: [/usr/bin/python3, %s]
                  replicas: 2
                  env:
                    TARGET_URL: ${upstreams.api.url}/items
                    RETRY_TOTAL: "3"
                phases:
                  - name: outage
                    duration: 1.5s
                    faults:
                      api: [{respond: {status: 503}}]
                expect:
                  retries:
                    upstream: api
                    by: client
                    max-attempts-per-call: 1
                """.formatted(URLLIB3_CLIENT));

        // The fake upstream sends a fixed Retry-After, so an HTTP-date is written into the file just
        // before the run: about 4 s later, on a whole second. Both clients then wait until that instant.
        scenarios.put("urllib3-http-date", () -> """
                name: urllib3 http-date
                upstreams:
                  api:
                    routes: [{match: {path: /items}, respond: {status: 200, body: ok}}]
                target:
                  run: [/usr/bin/python3, %s]
                  replicas: 2
                  env:
                    TARGET_URL: ${upstreams.api.url}/items
                    RETRY_TOTAL: "1"
                phases:
                  - name: outage
                    duration: 5.5s
                    faults:
                      api: [{respond: {status: 503, headers: {Retry-After: "%s"}}}]
                expect:
                  retries: {upstream: api, by: client, max-attempts-per-call: 2}
                """.formatted(URLLIB3_CLIENT, inFourSeconds()));
        scenarios.put("curl-http-date", () -> """
                name: curl http-date
                upstreams:
                  api:
                    routes: [{match: {path: /items}, respond: {status: 200, body: ok}}]
                target:
                  run: exec curl -sS -o /dev/null --retry 1 ${upstreams.api.url}/items
                  replicas: 2
                phases:
                  - name: outage
                    duration: 5.5s
                    faults:
                      api: [{respond: {status: 503, headers: {Retry-After: "%s"}}}]
                expect:
                  retries: {upstream: api, by: client, max-attempts-per-call: 2}
                """.formatted(inFourSeconds()));

        // The shortest run warms the harness's JVM alone; the rest run three at a time.
        RESULTS.putAll(ScenarioBatch.run(dir, scenarios, "urllib3-default", 1));
    }

    private static String inFourSeconds() {
        return HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS));
    }

    private static Path reports(String scenario) {
        return dir.resolve(scenario);
    }

    /** Every n-th gap, for n = 1, 2, ..., must be the documented one within ±100 ms. */
    private static void assertGaps(RetryAnalysis analysis, int calls, double... documented) {
        List<Retry> retries = analysis.calls().orElseThrow().retries();
        assertThat(retries).hasSize(calls * documented.length);
        for (Retry r : retries) {
            assertThat(r.gapNanos() / 1e9).as("gap before retry %d of %s", r.number(), r.call().key())
                    .isCloseTo(documented[r.number() - 1], within(TOLERANCE_SECONDS));
        }
    }

    @Test
    void aHerdOfCurlsWaitsOneTwoFourSecondsInLockstepAndFailsJitterAndSync() throws IOException {
        Faultline.Result run = RESULTS.get("curl-herd");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);

        RetryAnalysis analysis = RetryReplay.analyse(reports("curl-herd"), "api", "outage", new CallsBy.Client());
        assertGaps(analysis, 6, 1.0, 2.0, 4.0);
        BackoffMeasurement b = analysis.backoff().orElseThrow();
        assertThat(b.leadingImmediate()).isZero();
        assertThat(b.shape()).isInstanceOfSatisfying(BackoffShape.Exponential.class,
                e -> assertThat(e.factor()).isCloseTo(2.0, within(0.1)));

        JsonNode report = Faultline.report(reports("curl-herd"));
        JsonNode jitter = Faultline.check(report, "retries.require-jitter");
        assertThat(jitter.get("status").asText()).isEqualTo("failed");
        assertThat(jitter.get("measured").asDouble()).isLessThan(0.05);
        // The replicas start a few tens of milliseconds apart, so their first retries span about that much.
        assertThat(jitter.get("explanation").asText()).startsWith("6 clients; gaps after failure ")
                .containsPattern("exponential ×2 without jitter; [2-6] of 6 first retries landed in the same 100 ms");
        JsonNode sync = Faultline.check(report, "retries.max-sync");
        assertThat(sync.get("status").asText()).isEqualTo("failed");
        // 18 retries over about 70 bins of 100 ms: a mean of 0.26 a bin. The replicas start tens of ms apart,
        // so the busiest 100 ms holds 2 to 6 retries, 7.8 to 23 times the mean: above 5 is well clear of the
        // limit of 3 and of an even spread (1).
        assertThat(sync.get("measured").asDouble()).isGreaterThan(5);
        assertThat(Faultline.check(report, "retries.max-attempts-per-call").get("measured").asDouble()).isEqualTo(4.0);
        assertThat(run.out()).contains("FAIL  retries.require-jitter").contains("exponential ×2 without jitter");
    }

    @Test
    void curlWaitsTheRetryAfterInsteadOfItsOwnOneSecond() {
        Faultline.Result run = RESULTS.get("curl-retry-after");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HELD);

        assertGaps(RetryReplay.analyse(reports("curl-retry-after"), "api", "outage", new CallsBy.Client()), 3, 2.0, 2.0);
        JsonNode check = Faultline.check(Faultline.report(reports("curl-retry-after")), "retries.honor-retry-after");
        assertThat(check.get("status").asText()).isEqualTo("passed");
        assertThat(check.get("measured").asDouble()).isZero();
        assertThat(check.get("explanation").asText()).startsWith("all 6 retries after a Retry-After waited as asked");
    }

    @Test
    void urllib3RetriesAtOnceThenWaitsBackoffFactorTimesTwoToTheNMinusOne() {
        Faultline.Result run = RESULTS.get("urllib3-backoff");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);

        RetryAnalysis analysis = RetryReplay.analyse(reports("urllib3-backoff"), "api", "outage", new CallsBy.Client());
        assertGaps(analysis, 5, 0.0, 0.4, 0.8, 1.6);
        BackoffMeasurement b = analysis.backoff().orElseThrow();
        assertThat(b.leadingImmediate()).isEqualTo(1);
        assertThat(b.shape()).isInstanceOfSatisfying(BackoffShape.Exponential.class,
                e -> assertThat(e.factor()).isCloseTo(2.0, within(0.15)));
        JsonNode jitter = Faultline.check(Faultline.report(reports("urllib3-backoff")), "retries.require-jitter");
        assertThat(jitter.get("status").asText()).isEqualTo("failed");
        assertThat(jitter.get("explanation").asText()).contains("first retry immediate, then exponential ×2 without jitter");
    }

    @Test
    void urllib3SleepsTheRetryAfterOfA503InsteadOfItsBackoff() {
        Faultline.Result run = RESULTS.get("urllib3-retry-after");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HELD);

        assertGaps(RetryReplay.analyse(reports("urllib3-retry-after"), "api", "outage", new CallsBy.Client()), 3, 1.0, 1.0);
        JsonNode check = Faultline.check(Faultline.report(reports("urllib3-retry-after")), "retries.honor-retry-after");
        assertThat(check.get("status").asText()).isEqualTo("passed");
        assertThat(check.get("explanation").asText()).startsWith("all 6 retries after a Retry-After waited as asked");
    }

    @Test
    void urllib3DoesNotRetryA503WithoutRetryAfterOrAForcelist() {
        Faultline.Result run = RESULTS.get("urllib3-default");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HELD);

        JsonNode check = Faultline.check(Faultline.report(reports("urllib3-default")), "retries.max-attempts-per-call");
        assertThat(check.get("measured").asDouble()).isEqualTo(1.0);
        assertThat(RetryReplay.analyse(reports("urllib3-default"), "api", "outage", new CallsBy.Client()).calls().orElseThrow()
                .calls()).hasSize(2);
    }

    /**
     * Re-analyses a run offline with its wall-clock start from {@code report.json}, which places an
     * HTTP-date Retry-After on the run's clock.
     */
    private static RetryAfterMeasurement retryAfterWithWallClock(String scenario) {
        Instant started = Instant.parse(Faultline.report(reports(scenario)).get("startedAt").asText());
        RetryScope scope = new RetryScope("api", List.of("outage"), new CallsBy.Client(), Optional.empty(), Set.of(),
                List.of("outage"), Optional.of(new WallClock(started.toEpochMilli())));
        return RetryAnalysis.of(Faultline.journal(reports(scenario)), scope).retryAfter().orElseThrow();
    }

    @Test
    void urllib3WaitsUntilAnHttpDateRetryAfter() {
        Faultline.Result run = RESULTS.get("urllib3-http-date");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HELD);

        RetryAfterMeasurement m = retryAfterWithWallClock("urllib3-http-date");
        assertThat(m.judged()).isEqualTo(2);
        assertThat(m.early()).isEmpty();
        // urllib3 computes the wait from the date and time.time(): it arrives when asked.
        assertThat(m.closest().orElseThrow().askedNanos()).isGreaterThan(500_000_000L);
        assertThat(m.closest().orElseThrow().marginNanos() / 1e9).isCloseTo(0.0, within(TOLERANCE_SECONDS));
    }

    @Test
    void curlWaitsUntilAnHttpDateRetryAfterCountingWholeSeconds() {
        Faultline.Result run = RESULTS.get("curl-http-date");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HELD);

        RetryAfterMeasurement m = retryAfterWithWallClock("curl-http-date");
        assertThat(m.judged()).isEqualTo(2);
        assertThat(m.early()).isEmpty();
        // curl subtracts time(NULL), whole seconds, from the date: never early, up to a second late. The
        // wait asked is well over curl's own first backoff (1 s), so waiting it shows the date was read.
        assertThat(m.closest().orElseThrow().askedNanos()).isGreaterThan(1_500_000_000L);
        assertThat(m.closest().orElseThrow().marginNanos() / 1e9).isBetween(-0.05, 1.1);
    }
}
