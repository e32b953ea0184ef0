package dev.faultline.journal;

import dev.faultline.journal.UpstreamRequest.Outcome;

/**
 * The facts of a request at an upstream, read where they are held: an {@link UpstreamRequest} record,
 * or the journal's compact form of one, without turning it back into a record.
 *
 * <p>An analysis of a full journal reads a million of these; rebuilding each as a record (with its
 * request id and traceparent as fresh strings) made a million short-lived objects per judgement. The
 * chain ids the journal keeps as longs are offered as longs ({@link #requestIdPacked()} and friends),
 * so calls can be grouped by comparing numbers; the string accessors build the string, and are for the
 * few requests a report names.
 */
public interface UpstreamRequestView {
    long atNanos();

    long endNanos();

    String upstream();

    int client();

    String method();

    String path();

    String requestId();

    String traceparent();

    String idempotencyKey();

    String rule();

    String effect();

    int status();

    long delayPlannedNanos();

    long delayAchievedNanos();

    String retryAfter();

    Outcome outcome();

    int instance();

    int stream();

    /** True when a fault rule decided this exchange. */
    default boolean faulted() {
        return rule() != null;
    }

    /** {@link UpstreamRequest#faultedOrDependencyFailed()}; without a real dependency behind it, {@link #faulted()}. */
    default boolean faultedOrDependencyFailed() {
        return faulted();
    }

    /**
     * True when the client saw a failure it could reasonably retry: a 5xx, 408 or 429 status, or a
     * connection that ended without a complete response.
     */
    default boolean failed() {
        int status = status();
        if (status == 0 || outcome() == Outcome.FAULTED) {
            return true;
        }
        return status >= 500 || status == 408 || status == 429;
    }

    /** True when the request carried an {@code X-Request-Id}; allocates nothing. */
    default boolean hasRequestId() {
        return requestId() != null;
    }

    /** True when the request carried a {@code traceparent}; allocates nothing. */
    default boolean hasTraceparent() {
        return traceparent() != null;
    }

    /** True when the request carried an {@code Idempotency-Key}; allocates nothing. */
    default boolean hasIdempotencyKey() {
        return idempotencyKey() != null;
    }

    /** True when the {@code X-Request-Id} is held as the two longs of a canonical UUID ({@link #requestIdHigh()}). */
    default boolean requestIdPacked() {
        return false;
    }

    /** The first 64 bits of a packed {@code X-Request-Id} ({@link PackedIds#uuidHigh}). */
    default long requestIdHigh() {
        return 0;
    }

    /** The last 64 bits of a packed {@code X-Request-Id}. */
    default long requestIdLow() {
        return 0;
    }

    /** True when the {@code Idempotency-Key} is held as the two longs of a canonical UUID. */
    default boolean idempotencyKeyPacked() {
        return false;
    }

    default long idempotencyKeyHigh() {
        return 0;
    }

    default long idempotencyKeyLow() {
        return 0;
    }

    /** True when the {@code traceparent} is canonical and its trace id held as two longs ({@link #traceIdHigh()}). */
    default boolean traceparentPacked() {
        return false;
    }

    /** The first 16 hex digits of the packed traceparent's trace id, as a number. */
    default long traceIdHigh() {
        return 0;
    }

    /** The last 16 hex digits of the packed traceparent's trace id, as a number. */
    default long traceIdLow() {
        return 0;
    }

    /** The request as a record (the record itself, or an equal one rebuilt from the compact form). */
    UpstreamRequest toRecord();
}
