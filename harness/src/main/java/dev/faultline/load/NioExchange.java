package dev.faultline.load;

import dev.faultline.journal.CallOutcome;

/**
 * One load request on its way through the event-loop engine: its schedule, the bytes to send, and what
 * its attempts did with their connections (the facts {@link StaleConnection} decides a resend on).
 * Owned by the event loop's thread.
 */
final class NioExchange {
    final long dueNanos;
    final int replica;
    final String tenant;
    final RequestMix.Kind kind;
    final String requestId;
    final byte[] request;
    /** When the first attempt started (sending began), and when the request times out: sent + timeout. */
    long sentNanos;
    long deadlineNanos;
    /** The connection of the attempt under way, or null while it waits for one (the in-flight cap). */
    NioConnection connection;
    /** This attempt's connection came from the pool. */
    boolean reused;
    /** Some of this attempt's request may have reached the socket. */
    boolean writeStarted;
    /** The first attempt failed on a stale connection and this is its resend. */
    boolean resending;
    CallOutcome firstOutcome;
    String firstFailure;
    String resentAfter;
    boolean done;

    NioExchange(long dueNanos, int replica, String tenant, RequestMix.Kind kind, String requestId, byte[] request) {
        this.dueNanos = dueNanos;
        this.replica = replica;
        this.tenant = tenant;
        this.kind = kind;
        this.requestId = requestId;
        this.request = request;
    }
}
