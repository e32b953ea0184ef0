package dev.faultline.upstream.internal.ratelimit;

/**
 * The admission state of one key of a rate limit (everything, one client, or one header value).
 * Time is passed in, in run nanoseconds, so every algorithm is a pure function of the arrivals it
 * was shown and can be tested without a clock. Implementations are threadsafe.
 */
interface QuotaState {
    /**
     * Decides one request arriving at {@code nowNanos}: admits it (spending quota) or refuses it.
     *
     * @return the remaining quota and when more comes, for the response headers
     */
    Admission tryAcquire(long nowNanos);

    /**
     * One decision.
     *
     * @param admitted       whether the request is within the limit
     * @param remaining      requests the key may still make right now, after this one
     * @param nanosUntilMore how long until the key may make one more request than it may now
     *                       (for a refused request: until it would be admitted); never negative
     */
    record Admission(boolean admitted, long remaining, long nanosUntilMore) {
    }
}
