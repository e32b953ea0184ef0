package dev.faultline.journal;

/**
 * How a request the harness itself sent to the target (load or probe) ended, as its client saw it.
 * Only {@link #RESPONSE} carries a status; every other outcome is a failure the client observed.
 */
public enum CallOutcome {
    /** A response arrived and its body was read whole; the status says how it went. */
    RESPONSE,
    /** No complete response within the request's timeout. */
    TIMEOUT,
    /** The connection was refused (nothing listening on the target's port). */
    REFUSED,
    /** The connection was reset (TCP RST) before the response was complete. */
    RESET,
    /** The connection was closed (FIN) before the response was complete. */
    CLOSED,
    /** Any other failure, such as a malformed response; the event's {@code error} says which. */
    OTHER,
    /** Still in flight when the run ended and cancelled by the harness: neither a success nor a failure. */
    CANCELLED
}
