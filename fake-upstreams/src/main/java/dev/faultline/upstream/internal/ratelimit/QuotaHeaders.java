package dev.faultline.upstream.internal.ratelimit;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.internal.PreparedResponse;
import dev.faultline.upstream.spec.RateLimitHeaders;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header fields a rate limit sends, by family:
 * <ul>
 *   <li>{@code retry-after}: {@code Retry-After} in delta-seconds, rounded up and at least 1, on
 *       refusals only;</li>
 *   <li>{@code ratelimit} (draft-ietf-httpapi-ratelimit-headers-10):
 *       {@code RateLimit-Policy: "default";q=LIMIT;w=WINDOW_SECONDS} and
 *       {@code RateLimit: "default";r=REMAINING;t=SECONDS_UNTIL_MORE};</li>
 *   <li>{@code x-ratelimit}: {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, and
 *       {@code X-RateLimit-Reset} as UTC epoch seconds when more quota comes.</li>
 * </ul>
 * Every time is rounded up to whole seconds, so a client that waits as long as it is told is
 * admitted. The quota families go on refusals and on admitted responses alike. Stateless.
 */
public final class QuotaHeaders {
    private static final long SECOND = 1_000_000_000L;
    private static final String POLICY = "\"default\"";

    private QuotaHeaders() {
    }

    /** The fields an admitted response carries (no {@code Retry-After}); empty when no quota family is chosen. */
    public static HttpField[] forAdmitted(RateLimitVerdict verdict, RunClock clock) {
        List<HttpField> fields = new ArrayList<>(5);
        addQuota(fields, verdict, clock);
        return fields.toArray(new HttpField[0]);
    }

    /** The 429 answer to a refused request, with every chosen family. */
    public static PreparedResponse refusal(RateLimitVerdict verdict, RunClock clock) {
        RateLimiter limiter = verdict.limiter();
        List<HttpField> fields = new ArrayList<>(7);
        fields.add(new HttpField(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8"));
        if (limiter.sends(RateLimitHeaders.RETRY_AFTER)) {
            fields.add(new HttpField(HttpHeader.RETRY_AFTER, Long.toString(retryAfterSeconds(verdict.nanosUntilMore()))));
        }
        addQuota(fields, verdict, clock);
        byte[] body = ("faultline: rate limit of " + limiter.limit() + " per " + limiter.windowNanos() / 1_000_000
                + " ms exceeded\n").getBytes(StandardCharsets.UTF_8);
        return PreparedResponse.of(429, fields, body);
    }

    private static void addQuota(List<HttpField> fields, RateLimitVerdict verdict, RunClock clock) {
        RateLimiter limiter = verdict.limiter();
        if (limiter.sends(RateLimitHeaders.RATELIMIT)) {
            fields.add(new HttpField("RateLimit-Policy",
                    POLICY + ";q=" + limiter.limit() + ";w=" + Math.max(1, ceilSeconds(limiter.windowNanos()))));
            fields.add(new HttpField("RateLimit",
                    POLICY + ";r=" + verdict.remaining() + ";t=" + ceilSeconds(verdict.nanosUntilMore())));
        }
        if (limiter.sends(RateLimitHeaders.X_RATELIMIT)) {
            fields.add(new HttpField("X-RateLimit-Limit", Integer.toString(limiter.limit())));
            fields.add(new HttpField("X-RateLimit-Remaining", Long.toString(verdict.remaining())));
            long resetMillis = clock.epochMillisAt(verdict.atNanos()) + ceilDiv(verdict.nanosUntilMore(), 1_000_000);
            fields.add(new HttpField("X-RateLimit-Reset", Long.toString(ceilDiv(resetMillis, 1_000))));
        }
    }

    /** {@code Retry-After} for a wait: whole seconds, rounded up, at least 1. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, ceilSeconds(nanos));
    }

    static long ceilSeconds(long nanos) {
        return ceilDiv(Math.max(0, nanos), SECOND);
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
