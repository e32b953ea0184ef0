package dev.faultline.upstream.internal.ratelimit;

/**
 * What a rate-limit rule decided for one request, with what its response headers say about the
 * quota. Immutable.
 *
 * @param limiter        the rule's limiter (its limit, window and header families)
 * @param admitted       whether the request is within the limit
 * @param remaining      requests its key may still make now
 * @param nanosUntilMore how long until its key may make one more (for a refused request: until it
 *                       would be admitted)
 * @param atNanos        run time of the decision
 */
public record RateLimitVerdict(RateLimiter limiter, boolean admitted, long remaining, long nanosUntilMore, long atNanos) {
}
