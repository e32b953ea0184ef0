package dev.faultline.upstream;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitHeaders;
import dev.faultline.upstream.spec.RateLimitKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code rate-limit}: admitted counts per algorithm and key, and the exact 429 headers clients see. */
class RateLimitAcceptanceTest {
    private static final long MS = 1_000_000L;
    private static final List<RateLimitHeaders> ALL_FAMILIES =
            List.of(RateLimitHeaders.RETRY_AFTER, RateLimitHeaders.RATELIMIT, RateLimitHeaders.X_RATELIMIT);

    private static RunningUpstream payments(int clients) {
        return RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "charged")), clients, 7);
    }

    private static FaultRule limit(int limit, Duration per, RateLimitKey by, RateLimitAlgorithm algorithm,
                                   List<RateLimitHeaders> headers) {
        return rule("busy/payments[0]").action(new FaultAction.RateLimit(limit, per, by, algorithm, headers)).build();
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }

    @Test
    void aFixedWindowOfFiveAdmitsFiveOfTenImmediateRequestsAndRefusesTheRestWithExactHeaders() {
        try (RunningUpstream u = payments(1)) {
            long before = u.clock.nanos();
            u.phase("busy", limit(5, Duration.ofSeconds(100), new RateLimitKey.Global(), RateLimitAlgorithm.FIXED_WINDOW, ALL_FAMILIES));
            List<OkHttpProbe> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(OkHttpProbe.get(u.url("/charge")));
            }
            long after = u.clock.nanos();
            // Every time below is the 100 s window's end rounded up to whole seconds, as long as the
            // ten requests took under a second.
            assumeTrue(after - before < 1_000 * MS, "ten local requests took over a second; the rounded values would shift");

            assertThat(answers).extracting(OkHttpProbe::status).containsExactly(200, 200, 200, 200, 200, 429, 429, 429, 429, 429);
            for (int i = 0; i < 5; i++) {
                OkHttpProbe admitted = answers.get(i);
                assertThat(admitted.body()).isEqualTo("charged");
                assertThat(admitted.header("Retry-After")).isNull();
                assertThat(admitted.header("RateLimit-Policy")).isEqualTo("\"default\";q=5;w=100");
                assertThat(admitted.header("RateLimit")).isEqualTo("\"default\";r=" + (4 - i) + ";t=100");
                assertThat(admitted.header("X-RateLimit-Limit")).isEqualTo("5");
                assertThat(admitted.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
            }
            long earliestReset = ceilDiv(u.clock.epochMillisAt(before) + 100_000, 1_000);
            long latestReset = ceilDiv(u.clock.epochMillisAt(after) + 100_001, 1_000);
            for (OkHttpProbe refused : answers.subList(5, 10)) {
                assertThat(refused.header("Retry-After")).isEqualTo("100");
                assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"default\";q=5;w=100");
                assertThat(refused.header("RateLimit")).isEqualTo("\"default\";r=0;t=100");
                assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
                assertThat(Long.parseLong(refused.header("X-RateLimit-Reset"))).isBetween(earliestReset, latestReset);
                assertThat(refused.body()).isEqualTo("faultline: rate limit of 5 per 100000 ms exceeded\n");
            }

            List<UpstreamRequest> events = u.awaitRequests(10);
            assertThat(events.subList(0, 5)).allSatisfy(e -> {
                assertThat(e.rule()).isNull();
                assertThat(e.effect()).isEqualTo("route");
            });
            assertThat(events.subList(0, 5)).extracting(UpstreamRequest::rateLimit).containsExactly(
                    "\"default\";r=4;t=100", "\"default\";r=3;t=100", "\"default\";r=2;t=100", "\"default\";r=1;t=100",
                    "\"default\";r=0;t=100");
            assertThat(events.subList(5, 10)).allSatisfy(e -> {
                assertThat(e.rule()).isEqualTo("busy/payments[0]");
                assertThat(e.effect()).isEqualTo("rate-limit");
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfter()).isEqualTo("100");
                assertThat(e.rateLimit()).isEqualTo("\"default\";r=0;t=100");
            });
            assertThat(u.upstream.stats().ruleFires()).containsEntry("busy/payments[0]", 5L);
        }
    }

    @Test
    void curlSeesThe429WithItsHeadersAndFailsWith22() throws Exception {
        try (RunningUpstream u = payments(1)) {
            u.phase("busy", limit(1, Duration.ofSeconds(100), new RateLimitKey.Global(), RateLimitAlgorithm.SLIDING_WINDOW,
                    List.of(RateLimitHeaders.RETRY_AFTER, RateLimitHeaders.RATELIMIT)));
            Curl admitted = Curl.run("--include", u.url("/charge"));
            assertThat(admitted.out()).startsWith("HTTP/1.1 200 ").containsIgnoringCase("ratelimit: \"default\";r=0;t=100\r\n")
                    .doesNotContainIgnoringCase("retry-after");
            Curl refused = Curl.run("--include", u.url("/charge"));
            assertThat(refused.out()).startsWith("HTTP/1.1 429 ")
                    .containsIgnoringCase("retry-after: 100\r\n")
                    .containsIgnoringCase("ratelimit-policy: \"default\";q=1;w=100\r\n")
                    .containsIgnoringCase("ratelimit: \"default\";r=0;t=100\r\n")
                    .doesNotContainIgnoringCase("x-ratelimit");
            assertThat(Curl.run("--fail", "--output", "/dev/null", u.url("/charge")).exitCode()).isEqualTo(22);
        }
    }

    @Test
    void aTokenBucketRefillsOneTokenPerIntervalAfterItsBurst() {
        try (RunningUpstream u = payments(1)) {
            // 5 per second: a burst of 5, then one token every 200 ms.
            u.phase("busy", limit(5, Duration.ofSeconds(1), new RateLimitKey.Global(), RateLimitAlgorithm.TOKEN_BUCKET,
                    List.of(RateLimitHeaders.RETRY_AFTER)));
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertThat(OkHttpProbe.get(u.url("/charge")).status()).isEqualTo(200);
            }
            OkHttpProbe refused = OkHttpProbe.get(u.url("/charge"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("1");

            AtomicReference<Long> refilledAfter = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (OkHttpProbe.get(u.url("/charge")).status() != 200) {
                    return false;
                }
                refilledAfter.set(System.nanoTime() - start);
                return true;
            });
            assertThat(refilledAfter.get()).as("the first token comes back one interval after the burst began")
                    .isGreaterThanOrEqualTo(200 * MS);
        }
    }

    @Test
    void aSlidingWindowAdmitsAgainOnlyOnceTheOldestAdmissionIsAWindowOld() {
        try (RunningUpstream u = payments(1)) {
            u.phase("busy", limit(3, Duration.ofSeconds(1), new RateLimitKey.Global(), RateLimitAlgorithm.SLIDING_WINDOW,
                    List.of(RateLimitHeaders.RETRY_AFTER)));
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(OkHttpProbe.get(u.url("/charge")).status()).isEqualTo(200);
            }
            assertThat(OkHttpProbe.get(u.url("/charge")).header("Retry-After")).isEqualTo("1");
            AtomicReference<Long> admittedAfter = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (OkHttpProbe.get(u.url("/charge")).status() != 200) {
                    return false;
                }
                admittedAfter.set(System.nanoTime() - start);
                return true;
            });
            assertThat(admittedAfter.get()).isGreaterThanOrEqualTo(1_000 * MS);
        }
    }

    @Test
    void perClientAndPerHeaderLimitsGiveEachKeyItsOwnQuota() {
        try (RunningUpstream u = payments(2)) {
            u.phase("busy", limit(2, Duration.ofSeconds(100), new RateLimitKey.Client(), RateLimitAlgorithm.FIXED_WINDOW, List.of()));
            List<Integer> statuses = new ArrayList<>();
            for (int client : new int[] {0, 0, 0, 1, 1, 1}) {
                statuses.add(OkHttpProbe.get(u.url(client, "/charge")).status());
            }
            assertThat(statuses).containsExactly(200, 200, 429, 200, 200, 429);

            u.phase("keyed", rule("keyed/payments[0]").action(new FaultAction.RateLimit(2, Duration.ofSeconds(100),
                    new RateLimitKey.Header("X-Api-Key"), RateLimitAlgorithm.TOKEN_BUCKET, List.of())).build());
            statuses.clear();
            for (String key : new String[] {"alice", "alice", "alice", "bob", "bob", "bob"}) {
                statuses.add(OkHttpProbe.get(u.url(0, "/charge"), "X-Api-Key", key).status());
            }
            assertThat(statuses).containsExactly(200, 200, 429, 200, 200, 429);
        }
    }

    @Test
    void admittedRequestsGoOnToLaterRulesAndADelayOnTheLimitDelaysItsRefusals() {
        try (RunningUpstream u = payments(1)) {
            u.phase("busy",
                    rule("busy/payments[0]").delay(Duration.ofMillis(300)).action(new FaultAction.RateLimit(1, Duration.ofSeconds(100),
                            new RateLimitKey.Global(), RateLimitAlgorithm.FIXED_WINDOW, List.of(RateLimitHeaders.X_RATELIMIT))).build(),
                    rule("busy/payments[1]").respond(503).build());
            OkHttpProbe admitted = OkHttpProbe.get(u.url("/charge"));
            assertThat(admitted.status()).as("answered by the next rule").isEqualTo(503);
            assertThat(admitted.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(admitted.elapsedNanos()).isLessThan(300 * MS);

            OkHttpProbe refused = OkHttpProbe.get(u.url("/charge"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.elapsedNanos()).isGreaterThanOrEqualTo(300 * MS);
            assertThat(u.upstream.stats().ruleFires())
                    .containsEntry("busy/payments[0]", 1L).containsEntry("busy/payments[1]", 1L);
        }
    }
}
