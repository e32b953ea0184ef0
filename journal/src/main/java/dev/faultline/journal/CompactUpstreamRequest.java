package dev.faultline.journal;

import dev.faultline.journal.UpstreamRequest.Outcome;

/**
 * How the journal keeps an {@link UpstreamRequest}: the same facts in about half the heap.
 *
 * <p>What it saves, for a typical event (a GET on a route's path, a fresh UUID {@code X-Request-Id}
 * and a W3C {@code traceparent}): kept as records, such events cost 318 bytes each in the journal
 * (the record, its two fresh id strings and its path string); kept like this, 173, and a POST that
 * also has a UUID {@code Idempotency-Key} 173 rather than 423 ({@code JournalFootprintTest}), because
 * <ul>
 *   <li>strings that repeat across events (upstream, method, path, rule, effect, Retry-After,
 *       RateLimit) are shared through the journal's {@link StringPool};</li>
 *   <li>UUID-shaped request ids and idempotency keys are kept as two longs each, a canonical
 *       traceparent as three longs and its version and flags, and rebuilt as strings only when
 *       the event is read;</li>
 *   <li>status, outcome and which ids are packed share one int.</li>
 * </ul>
 * Anything not in canonical form is kept as the string it was, so {@link #toEvent()} always gives
 * back a record equal to the one appended. Immutable.
 */
final class CompactUpstreamRequest implements UpstreamRequestView {
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final int STATUS_BITS = 0x3FF;
    private static final int OUTCOME_SHIFT = 10;
    private static final int REQUEST_ID_PACKED = 1 << 12;
    private static final int IDEMPOTENCY_KEY_PACKED = 1 << 13;
    private static final int TRACEPARENT_PACKED = 1 << 14;
    private static final int TRACE_SHIFT = 15;
    /** Header, 13 longs, 5 ints and 10 compressed references, aligned to 8 (JournalFootprintTest measures it). */
    private static final int OBJECT_BYTES = 176;

    private final long atNanos;
    private final long endNanos;
    private final long connectionId;
    private final long bytesSent;
    private final long delayPlannedNanos;
    private final long delayAchievedNanos;
    private final long requestIdHigh;
    private final long requestIdLow;
    private final long idempotencyKeyHigh;
    private final long idempotencyKeyLow;
    private final long traceIdHigh;
    private final long traceIdLow;
    private final long parentId;
    private final int client;
    /** Which instance of a pool answered (0 for a single instance). */
    private final int instance;
    /** The HTTP/2 stream id (0 over HTTP/1.1); the int fills what was the object's alignment padding. */
    private final int stream;
    /** Status (10 bits), outcome (2), which ids are packed (3), traceparent version and flags (16). */
    private final int bits;
    /** Estimated heap bytes this event holds alone (fits the object's alignment padding). */
    private final int footprint;
    private final String upstream;
    private final String method;
    private final String path;
    private final String rule;
    private final String effect;
    private final String retryAfter;
    private final String rateLimit;
    /** Ids kept as strings because they were not in canonical form; null when packed or absent. */
    private final String requestIdText;
    private final String idempotencyKeyText;
    private final String traceparentText;

    private CompactUpstreamRequest(UpstreamRequest r, StringPool pool) {
        atNanos = r.atNanos();
        endNanos = r.endNanos();
        connectionId = r.connectionId();
        bytesSent = r.bytesSent();
        delayPlannedNanos = r.delayPlannedNanos();
        delayAchievedNanos = r.delayAchievedNanos();
        client = r.client();
        instance = r.instance();
        stream = r.stream();
        upstream = pool.share(r.upstream());
        method = pool.share(r.method());
        path = pool.share(r.path());
        rule = pool.share(r.rule());
        effect = pool.share(r.effect());
        retryAfter = pool.share(r.retryAfter());
        rateLimit = pool.share(r.rateLimit());
        long bytes = OBJECT_BYTES
                + own(upstream, pool) + own(method, pool) + own(path, pool) + own(rule, pool)
                + own(effect, pool) + own(retryAfter, pool) + own(rateLimit, pool);

        int flags = r.status() | r.outcome().ordinal() << OUTCOME_SHIFT;
        String requestId = r.requestId();
        boolean requestIdPacked = PackedIds.isUuid(requestId);
        requestIdHigh = requestIdPacked ? PackedIds.uuidHigh(requestId) : 0;
        requestIdLow = requestIdPacked ? PackedIds.uuidLow(requestId) : 0;
        requestIdText = requestIdPacked ? null : requestId;
        flags |= requestIdPacked ? REQUEST_ID_PACKED : 0;

        String key = r.idempotencyKey();
        boolean keyPacked = PackedIds.isUuid(key);
        idempotencyKeyHigh = keyPacked ? PackedIds.uuidHigh(key) : 0;
        idempotencyKeyLow = keyPacked ? PackedIds.uuidLow(key) : 0;
        idempotencyKeyText = keyPacked ? null : key;
        flags |= keyPacked ? IDEMPOTENCY_KEY_PACKED : 0;

        String trace = r.traceparent();
        boolean tracePacked = PackedIds.isTraceparent(trace);
        traceIdHigh = tracePacked ? PackedIds.traceIdHigh(trace) : 0;
        traceIdLow = tracePacked ? PackedIds.traceIdLow(trace) : 0;
        parentId = tracePacked ? PackedIds.parentId(trace) : 0;
        traceparentText = tracePacked ? null : trace;
        flags |= tracePacked ? TRACEPARENT_PACKED | PackedIds.traceVersionAndFlags(trace) << TRACE_SHIFT : 0;
        bits = flags;
        bytes += Footprint.ofString(requestIdText) + Footprint.ofString(idempotencyKeyText) + Footprint.ofString(traceparentText);
        footprint = (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** A string costs this event its bytes unless the pool holds it (the pool is bounded on its own). */
    private static long own(String kept, StringPool pool) {
        return pool.holds(kept) ? 0 : Footprint.ofString(kept);
    }

    /** Estimated heap bytes held by this event alone: the object and the strings no other event shares. */
    int footprint() {
        return footprint;
    }

    /**
     * The compact form of an event, or null when it does not fit (a status outside 0..1023, no
     * outcome); the journal then keeps the record itself.
     */
    static CompactUpstreamRequest of(UpstreamRequest request, StringPool pool) {
        // A proxied request's dependency call is kept by the record itself (rare beside the fake's own answers).
        if (request.status() < 0 || request.status() > STATUS_BITS || request.outcome() == null
                || request.dependency() != null) {
            return null;
        }
        return new CompactUpstreamRequest(request, pool);
    }

    @Override
    public long atNanos() {
        return atNanos;
    }

    @Override
    public long endNanos() {
        return endNanos;
    }

    @Override
    public String upstream() {
        return upstream;
    }

    @Override
    public int client() {
        return client;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String requestId() {
        return (bits & REQUEST_ID_PACKED) != 0 ? PackedIds.uuid(requestIdHigh, requestIdLow) : requestIdText;
    }

    @Override
    public String traceparent() {
        return (bits & TRACEPARENT_PACKED) != 0
                ? PackedIds.traceparent(bits >>> TRACE_SHIFT, traceIdHigh, traceIdLow, parentId) : traceparentText;
    }

    @Override
    public String idempotencyKey() {
        return (bits & IDEMPOTENCY_KEY_PACKED) != 0 ? PackedIds.uuid(idempotencyKeyHigh, idempotencyKeyLow) : idempotencyKeyText;
    }

    @Override
    public String rule() {
        return rule;
    }

    @Override
    public String effect() {
        return effect;
    }

    @Override
    public int status() {
        return bits & STATUS_BITS;
    }

    @Override
    public long delayPlannedNanos() {
        return delayPlannedNanos;
    }

    @Override
    public long delayAchievedNanos() {
        return delayAchievedNanos;
    }

    @Override
    public String retryAfter() {
        return retryAfter;
    }

    @Override
    public Outcome outcome() {
        return OUTCOMES[bits >>> OUTCOME_SHIFT & 0x3];
    }

    @Override
    public int instance() {
        return instance;
    }

    @Override
    public int stream() {
        return stream;
    }

    @Override
    public boolean hasRequestId() {
        return (bits & REQUEST_ID_PACKED) != 0 || requestIdText != null;
    }

    @Override
    public boolean hasTraceparent() {
        return (bits & TRACEPARENT_PACKED) != 0 || traceparentText != null;
    }

    @Override
    public boolean hasIdempotencyKey() {
        return (bits & IDEMPOTENCY_KEY_PACKED) != 0 || idempotencyKeyText != null;
    }

    @Override
    public boolean requestIdPacked() {
        return (bits & REQUEST_ID_PACKED) != 0;
    }

    @Override
    public long requestIdHigh() {
        return requestIdHigh;
    }

    @Override
    public long requestIdLow() {
        return requestIdLow;
    }

    @Override
    public boolean idempotencyKeyPacked() {
        return (bits & IDEMPOTENCY_KEY_PACKED) != 0;
    }

    @Override
    public long idempotencyKeyHigh() {
        return idempotencyKeyHigh;
    }

    @Override
    public long idempotencyKeyLow() {
        return idempotencyKeyLow;
    }

    @Override
    public boolean traceparentPacked() {
        return (bits & TRACEPARENT_PACKED) != 0;
    }

    @Override
    public long traceIdHigh() {
        return traceIdHigh;
    }

    @Override
    public long traceIdLow() {
        return traceIdLow;
    }

    @Override
    public UpstreamRequest toRecord() {
        return toEvent();
    }

    /** The record this was made from (an equal one; ids are rebuilt as strings). */
    UpstreamRequest toEvent() {
        return new UpstreamRequest(atNanos, endNanos, upstream, client, connectionId, method, path, requestId(),
                traceparent(), idempotencyKey(), rule, effect, status(), bytesSent, delayPlannedNanos, delayAchievedNanos,
                retryAfter, rateLimit, outcome(), instance, stream);
    }
}
