package dev.faultline.upstream.internal.ratelimit;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.internal.PreparedResponse;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitHeaders;
import dev.faultline.upstream.spec.RateLimitKey;
import org.eclipse.jetty.http.HttpField;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaHeadersTest {
    private static final long MS = 1_000_000L;
    private static final RunClock CLOCK = RunClock.startingNow();

    private static RateLimiter limiter(List<RateLimitHeaders> families) {
        return RateLimiter.of(new FaultAction.RateLimit(10, Duration.ofMillis(1_500), new RateLimitKey.Global(),
                RateLimitAlgorithm.FIXED_WINDOW, families), 1, 0);
    }

    private static Map<String, String> asMap(HttpField[] fields) {
        Map<String, String> map = new LinkedHashMap<>();
        Arrays.stream(fields).forEach(f -> map.put(f.getName(), f.getValue()));
        return map;
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(QuotaHeaders.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(QuotaHeaders.retryAfterSeconds(0)).isEqualTo(1);
        assertThat(QuotaHeaders.retryAfterSeconds(1_000 * MS)).isEqualTo(1);
        assertThat(QuotaHeaders.retryAfterSeconds(1_001 * MS)).isEqualTo(2);
    }

    @Test
    void aRefusalCarriesEveryChosenFamilyWithItsValues() {
        RateLimiter limiter = limiter(List.of(RateLimitHeaders.RETRY_AFTER, RateLimitHeaders.RATELIMIT, RateLimitHeaders.X_RATELIMIT));
        long at = 2_000 * MS;
        PreparedResponse refusal = QuotaHeaders.refusal(new RateLimitVerdict(limiter, false, 0, 1_250 * MS, at), CLOCK);
        assertThat(refusal.status()).isEqualTo(429);
        assertThat(refusal.retryAfter()).isEqualTo("2");
        long resetEpochSeconds = -Math.floorDiv(-(CLOCK.epochMillisAt(at) + 1_250), 1_000);
        assertThat(asMap(refusal.fields())).containsEntry("Retry-After", "2")
                .containsEntry("RateLimit-Policy", "\"default\";q=10;w=2")
                .containsEntry("RateLimit", "\"default\";r=0;t=2")
                .containsEntry("X-RateLimit-Limit", "10")
                .containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Reset", Long.toString(resetEpochSeconds));
    }

    @Test
    void anAdmittedResponseCarriesTheQuotaFamiliesButNeverRetryAfter() {
        RateLimiter limiter = limiter(List.of(RateLimitHeaders.RETRY_AFTER, RateLimitHeaders.RATELIMIT));
        HttpField[] fields = QuotaHeaders.forAdmitted(new RateLimitVerdict(limiter, true, 7, 300 * MS, 0), CLOCK);
        assertThat(asMap(fields)).containsOnlyKeys("RateLimit-Policy", "RateLimit")
                .containsEntry("RateLimit", "\"default\";r=7;t=1");
    }

    @Test
    void onlyRetryAfterMeansNoQuotaFields() {
        RateLimiter limiter = limiter(List.of(RateLimitHeaders.RETRY_AFTER));
        assertThat(QuotaHeaders.forAdmitted(new RateLimitVerdict(limiter, true, 7, 300 * MS, 0), CLOCK)).isEmpty();
    }
}
