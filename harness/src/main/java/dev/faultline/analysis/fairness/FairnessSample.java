package dev.faultline.analysis.fairness;

/**
 * One request of a client whose share of a rate limit is judged: an attempt of a target replica at a
 * fake upstream, or a request of a load tenant to the target. Immutable.
 *
 * @param client          who sent it: {@code replica N}, or the tenant's name
 * @param window          index of the judged phase window it belongs to
 * @param atNanos         when it reached the limiter (arrival at the upstream; for the load, when it
 *                        was sent)
 * @param endNanos        when its response ended (the moment a wait it was told starts)
 * @param status          the response status, 0 without one
 * @param served          a whole 2xx or 3xx response
 * @param retryAfter      the response's {@code Retry-After}, or null
 * @param rateLimit       the response's {@code RateLimit}, or null
 * @param rateLimitPolicy the response's {@code RateLimit-Policy}, or null
 */
public record FairnessSample(String client, int window, long atNanos, long endNanos, int status, boolean served,
                             String retryAfter, String rateLimit, String rateLimitPolicy) {

    /** Refused by the limit: a 429. */
    public boolean refused() {
        return status == 429;
    }
}
