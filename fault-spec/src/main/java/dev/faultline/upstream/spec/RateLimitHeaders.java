package dev.faultline.upstream.spec;

/** Which header families a rate limit sends. */
public enum RateLimitHeaders {
    /** {@code Retry-After} (delta-seconds) on 429. */
    RETRY_AFTER("retry-after"),
    /** The IETF {@code RateLimit} and {@code RateLimit-Policy} fields (draft-ietf-httpapi-ratelimit-headers-10). */
    RATELIMIT("ratelimit"),
    /** {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} (epoch seconds). */
    X_RATELIMIT("x-ratelimit");

    private final String key;

    RateLimitHeaders(String key) {
        this.key = key;
    }

    /** The name used in scenario files. */
    public String key() {
        return key;
    }
}
