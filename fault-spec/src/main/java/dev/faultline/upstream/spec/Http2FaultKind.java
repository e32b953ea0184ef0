package dev.faultline.upstream.spec;

/** What an {@code http2:} fault does. */
public enum Http2FaultKind {
    /** Reset the request's stream with an error code (RST_STREAM); the connection's other streams go on (curl: 92). */
    RST_STREAM("rst-stream"),
    /**
     * Send GOAWAY with an error code and a last stream id. With an error the connection is then
     * closed (curl: 16); with {@code NO_ERROR} the request's stream is still answered when its id is
     * not above the last stream id, and the client opens a new connection for its next request.
     */
    GOAWAY("goaway"),
    /** Never read the request's body, so its stream's flow-control window never reopens: an upload stops at 65,535 bytes. */
    STALL_WINDOW("stall-window"),
    /** Advertise and enforce SETTINGS_MAX_CONCURRENT_STREAMS on the phase's new connections. */
    MAX_CONCURRENT_STREAMS("max-concurrent-streams");

    private final String word;

    Http2FaultKind(String word) {
        this.word = word;
    }

    /** How the scenario writes it. */
    public String word() {
        return word;
    }
}
