package dev.faultline.upstream.internal.ratelimit;

import dev.faultline.upstream.internal.RequestView;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    /** A request from a client with at most one header. */
    private record Caller(int client, String headerName, String headerValue) implements RequestView {
        static Caller client(int index) {
            return new Caller(index, null, null);
        }

        static Caller withKey(String value) {
            return new Caller(0, "X-Api-Key", value);
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String path() {
            return "/";
        }

        @Override
        public String query() {
            return null;
        }

        @Override
        public String header(String name) {
            return name.equalsIgnoreCase(headerName) ? headerValue : null;
        }
    }

    private static RateLimiter limiter(int limit, RateLimitKey by) {
        return RateLimiter.of(new FaultAction.RateLimit(limit, Duration.ofHours(1), by,
                RateLimitAlgorithm.FIXED_WINDOW, List.of()), 3, 0);
    }

    private static int admitted(RateLimiter limiter, RequestView request, int tries) {
        int admitted = 0;
        for (int i = 0; i < tries; i++) {
            admitted += limiter.decide(request, 10).admitted() ? 1 : 0;
        }
        return admitted;
    }

    @Test
    void aGlobalLimitIsSharedByEveryone() {
        RateLimiter global = limiter(4, new RateLimitKey.Global());
        assertThat(admitted(global, Caller.client(0), 3)).isEqualTo(3);
        assertThat(admitted(global, Caller.client(1), 3)).isEqualTo(1);
    }

    @Test
    void aPerClientLimitGivesEachClientItsOwnQuota() {
        RateLimiter perClient = limiter(2, new RateLimitKey.Client());
        assertThat(admitted(perClient, Caller.client(0), 5)).isEqualTo(2);
        assertThat(admitted(perClient, Caller.client(1), 5)).isEqualTo(2);
        assertThat(admitted(perClient, Caller.client(2), 5)).isEqualTo(2);
    }

    @Test
    void aHeaderLimitGivesEachValueItsOwnQuotaAndRequestsWithoutItShareOne() {
        RateLimiter perKey = limiter(2, new RateLimitKey.Header("X-Api-Key"));
        assertThat(admitted(perKey, Caller.withKey("alice"), 5)).isEqualTo(2);
        assertThat(admitted(perKey, Caller.withKey("bob"), 5)).isEqualTo(2);
        assertThat(admitted(perKey, Caller.client(0), 5)).isEqualTo(2);
    }

    @Test
    void pastTheBoundOfDistinctHeaderValuesNewValuesShareOneOverflowQuota() {
        RateLimiter perKey = limiter(1, new RateLimitKey.Header("X-Api-Key"));
        for (int i = 0; i < RateLimiter.MAX_HEADER_KEYS; i++) {
            assertThat(perKey.decide(Caller.withKey("key-" + i), 10).admitted()).isTrue();
        }
        assertThat(perKey.decide(Caller.withKey("one-more"), 10).admitted()).isTrue();
        assertThat(perKey.decide(Caller.withKey("and-another"), 10).admitted()).as("shares the overflow quota").isFalse();
        assertThat(perKey.decide(Caller.withKey("key-7"), 10).admitted()).as("its own quota, spent").isFalse();
    }

    @Test
    void theVerdictNamesTheLimiterAndTheTimeOfTheDecision() {
        RateLimiter global = limiter(1, new RateLimitKey.Global());
        RateLimitVerdict verdict = global.decide(Caller.client(0), 123);
        assertThat(verdict.limiter()).isSameAs(global);
        assertThat(verdict.atNanos()).isEqualTo(123);
        assertThat(verdict.remaining()).isZero();
    }
}
