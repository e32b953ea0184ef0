package dev.faultline.journal;

/**
 * One request that reached a fake upstream, with the fault decision and what was actually sent.
 *
 * @param atNanos            when the request arrived (run time)
 * @param endNanos           when the exchange ended: response complete, connection closed or the
 *                           client gone; {@code -1} if it never ended (a hang still open at run end)
 * @param upstream           the upstream's name in the scenario
 * @param client             the target replica that sent it, known from the port it arrived on;
 *                           {@code -1} when the upstream was not bound per replica
 * @param connectionId       identifies the TCP connection (unique within the upstream)
 * @param method             request method
 * @param path               request path, without the query
 * @param requestId          the {@code X-Request-Id} header, or {@code null}
 * @param traceparent        the W3C {@code traceparent} header, or {@code null}
 * @param idempotencyKey     the {@code Idempotency-Key} header, or {@code null}
 * @param rule               id of the fault rule that fired ({@code phase/upstream[index]}), or
 *                           {@code null} when the routes answered
 * @param effect             what was done: {@code route}, {@code not-found}, {@code respond},
 *                           {@code delay}, {@code drop}, {@code reset}, {@code hang}, {@code down},
 *                           {@code truncate}, {@code dribble}, {@code garbage}, {@code rate-limit}
 *                           (a refusal; requests a rate limit admits are journalled as the rule or
 *                           route that answered them)
 * @param status             status code sent, or {@code 0} when no status line was sent
 * @param bytesSent          response body bytes written
 * @param delayPlannedNanos  injected delay drawn for this request, or {@code -1} for none
 * @param delayAchievedNanos delay actually observed before the response started, or {@code -1}
 * @param retryAfter         the {@code Retry-After} header value sent, or {@code null}
 * @param rateLimit          the {@code RateLimit} header value sent (a rate limit's quota, on refusals
 *                           and admissions alike, e.g. {@code "default";r=0;t=1}), or {@code null}
 * @param outcome            how the exchange ended
 * @param instance           which instance of the upstream's pool answered (0-based; {@code 0} for an
 *                           upstream of one instance, and then left out of the JSON line)
 * @param stream             the HTTP/2 stream id the request came on (odd, from 1), or {@code 0} for a
 *                           request over HTTP/1.1, and then left out of the JSON line
 * @param dependency         for a request a proxy upstream forwarded to its real dependency, what the
 *                           dependency answered and when; {@code null} (and left out of the JSON line)
 *                           for every request the fake answered itself
 */
public record UpstreamRequest(
        long atNanos,
        long endNanos,
        String upstream,
        int client,
        long connectionId,
        String method,
        String path,
        String requestId,
        String traceparent,
        String idempotencyKey,
        String rule,
        String effect,
        int status,
        long bytesSent,
        long delayPlannedNanos,
        long delayAchievedNanos,
        String retryAfter,
        String rateLimit,
        Outcome outcome,
        int instance,
        int stream,
        DependencyCall dependency) implements Event, UpstreamRequestView {

    /** An exchange over HTTP/1.1 (no stream) that the fake answered itself (no real dependency behind it). */
    public UpstreamRequest(long atNanos, long endNanos, String upstream, int client, long connectionId, String method,
                           String path, String requestId, String traceparent, String idempotencyKey, String rule,
                           String effect, int status, long bytesSent, long delayPlannedNanos, long delayAchievedNanos,
                           String retryAfter, String rateLimit, Outcome outcome, int instance) {
        this(atNanos, endNanos, upstream, client, connectionId, method, path, requestId, traceparent, idempotencyKey, rule,
                effect, status, bytesSent, delayPlannedNanos, delayAchievedNanos, retryAfter, rateLimit, outcome, instance,
                0, null);
    }

    /** An exchange on HTTP/2 stream {@code stream} (0: HTTP/1.1) that the fake answered itself. */
    public UpstreamRequest(long atNanos, long endNanos, String upstream, int client, long connectionId, String method,
                           String path, String requestId, String traceparent, String idempotencyKey, String rule,
                           String effect, int status, long bytesSent, long delayPlannedNanos, long delayAchievedNanos,
                           String retryAfter, String rateLimit, Outcome outcome, int instance, int stream) {
        this(atNanos, endNanos, upstream, client, connectionId, method, path, requestId, traceparent, idempotencyKey, rule,
                effect, status, bytesSent, delayPlannedNanos, delayAchievedNanos, retryAfter, rateLimit, outcome, instance,
                stream, null);
    }

    /** An exchange over HTTP/1.1 that a proxy upstream forwarded to its real dependency ({@code dependency}). */
    public UpstreamRequest(long atNanos, long endNanos, String upstream, int client, long connectionId, String method,
                           String path, String requestId, String traceparent, String idempotencyKey, String rule,
                           String effect, int status, long bytesSent, long delayPlannedNanos, long delayAchievedNanos,
                           String retryAfter, String rateLimit, Outcome outcome, int instance, DependencyCall dependency) {
        this(atNanos, endNanos, upstream, client, connectionId, method, path, requestId, traceparent, idempotencyKey, rule,
                effect, status, bytesSent, delayPlannedNanos, delayAchievedNanos, retryAfter, rateLimit, outcome, instance,
                0, dependency);
    }

    /** An exchange at the first (or only) instance of its upstream. */
    public UpstreamRequest(long atNanos, long endNanos, String upstream, int client, long connectionId, String method,
                           String path, String requestId, String traceparent, String idempotencyKey, String rule,
                           String effect, int status, long bytesSent, long delayPlannedNanos, long delayAchievedNanos,
                           String retryAfter, String rateLimit, Outcome outcome) {
        this(atNanos, endNanos, upstream, client, connectionId, method, path, requestId, traceparent, idempotencyKey, rule,
                effect, status, bytesSent, delayPlannedNanos, delayAchievedNanos, retryAfter, rateLimit, outcome, 0);
    }

    /** An exchange that sent no {@code RateLimit} field. */
    public UpstreamRequest(long atNanos, long endNanos, String upstream, int client, long connectionId, String method,
                           String path, String requestId, String traceparent, String idempotencyKey, String rule,
                           String effect, int status, long bytesSent, long delayPlannedNanos, long delayAchievedNanos,
                           String retryAfter, Outcome outcome) {
        this(atNanos, endNanos, upstream, client, connectionId, method, path, requestId, traceparent, idempotencyKey, rule,
                effect, status, bytesSent, delayPlannedNanos, delayAchievedNanos, retryAfter, null, outcome);
    }

    /** How an exchange at a fake upstream ended. */
    public enum Outcome {
        /** The response was sent whole. */
        COMPLETED,
        /**
         * The fake upstream cut it on purpose (drop, reset, truncate, garbage), or closed it going
         * down while it waited.
         */
        FAULTED,
        /** The client went away before the response was complete. */
        CLIENT_GONE,
        /** Still open when the run ended (hang). */
        OPEN
    }

    @Override
    public String type() {
        return "upstream-request";
    }

    @Override
    public UpstreamRequest toRecord() {
        return this;
    }

    /** True when the request was forwarded to a proxy upstream's real dependency (or the forwarding failed). */
    public boolean proxied() {
        return dependency != null;
    }

    /**
     * True when a failure the client saw was caused on purpose or by the real dependency: a fault
     * rule fired, or a proxied request's dependency failed or could not be reached (the proxy's own
     * 502). The analyses that ask "did a fault fire" count both: to the client under test a 503 from
     * the real dependency is the same fault as an injected one.
     */
    @Override
    public boolean faultedOrDependencyFailed() {
        return faulted() || dependency != null && dependency.failed();
    }
}
