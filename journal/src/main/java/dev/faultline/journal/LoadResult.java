package dev.faultline.journal;

/**
 * One request of the harness's open-loop load to the target, and how it ended.
 *
 * <p>{@link #atNanos()} is the <em>intended</em> send time from the arrival schedule, not the moment
 * the request went out: latency is measured from it ({@link #latencyNanos()}), so a target that
 * stalls shows its real latency instead of a driver that quietly waited for it (no coordinated
 * omission). How late the request actually went out is {@link #lagNanos()}.
 *
 * @param atNanos   intended send time (run time), from the schedule
 * @param sentNanos when the HTTP call actually started
 * @param endNanos  when the response was read whole, or the failure was known
 * @param replica   the target replica it was sent to (0-based)
 * @param tenant    the load tenant whose arrival stream it belongs to, or {@code null} without tenants
 * @param method    request method
 * @param path      request path (with the query, as configured)
 * @param requestId the fresh {@code X-Request-Id} it carried; its {@code traceparent} carries the
 *                  same 128 bits as the trace id
 * @param status    the response status, or {@code 0} when no status line arrived
 * @param outcome   how it ended
 * @param error     for outcomes other than {@link CallOutcome#RESPONSE}: the client's error, briefly;
 *                  else {@code null}
 * @param retryAfter      the response's {@code Retry-After} value, or {@code null} (for judging the
 *                        target's own rate limiter)
 * @param rateLimit       the response's {@code RateLimit} value (draft-ietf-httpapi-ratelimit-headers),
 *                        or {@code null}
 * @param rateLimitPolicy the response's {@code RateLimit-Policy} value, or {@code null}
 * @param resentAfter     when the driver resent the request on a fresh connection because a reused
 *                        keep-alive connection failed before any response arrived: that first failure,
 *                        briefly ({@code closed: EOFException: ...}); else {@code null}. The other fields
 *                        describe the request as a whole: its outcome is the resend's when the resend got
 *                        a response, else the first failure's
 * @param protocol        the protocol the response came over as ALPN names it ({@code http/1.1},
 *                        {@code h2}), or {@code null} when no response arrived (and in journals written
 *                        before it was recorded; left out of the JSON then)
 */
public record LoadResult(
        long atNanos,
        long sentNanos,
        long endNanos,
        int replica,
        String tenant,
        String method,
        String path,
        String requestId,
        int status,
        CallOutcome outcome,
        String error,
        String retryAfter,
        String rateLimit,
        String rateLimitPolicy,
        String resentAfter,
        String protocol) implements Event {

    /** A result whose protocol was not recorded. */
    public LoadResult(long atNanos, long sentNanos, long endNanos, int replica, String tenant, String method, String path,
                      String requestId, int status, CallOutcome outcome, String error, String retryAfter, String rateLimit,
                      String rateLimitPolicy, String resentAfter) {
        this(atNanos, sentNanos, endNanos, replica, tenant, method, path, requestId, status, outcome, error, retryAfter, rateLimit,
                rateLimitPolicy, resentAfter, null);
    }

    /** A result whose response carried no rate-limit fields (or that had no response). */
    public LoadResult(long atNanos, long sentNanos, long endNanos, int replica, String tenant, String method, String path,
                      String requestId, int status, CallOutcome outcome, String error) {
        this(atNanos, sentNanos, endNanos, replica, tenant, method, path, requestId, status, outcome, error, null, null,
                null, null, null);
    }

    /** A request that was not resent. */
    public LoadResult(long atNanos, long sentNanos, long endNanos, int replica, String tenant, String method, String path,
                      String requestId, int status, CallOutcome outcome, String error, String retryAfter, String rateLimit,
                      String rateLimitPolicy) {
        this(atNanos, sentNanos, endNanos, replica, tenant, method, path, requestId, status, outcome, error, retryAfter, rateLimit,
                rateLimitPolicy, null, null);
    }

    @Override
    public String type() {
        return "load-result";
    }

    /** Latency from the intended send time to the end. */
    public long latencyNanos() {
        return endNanos - atNanos;
    }

    /** How late the request went out against its schedule. */
    public long lagNanos() {
        return sentNanos - atNanos;
    }

    /** True for a whole response with a 2xx or 3xx status. */
    public boolean succeeded() {
        return outcome == CallOutcome.RESPONSE && status >= 200 && status < 400;
    }

    /** True when the driver resent it on a fresh connection after a stale keep-alive connection failed. */
    public boolean resent() {
        return resentAfter != null;
    }

    /** False only for requests cancelled at the end of the run, which are neither successes nor failures. */
    public boolean judged() {
        return outcome != CallOutcome.CANCELLED;
    }
}
