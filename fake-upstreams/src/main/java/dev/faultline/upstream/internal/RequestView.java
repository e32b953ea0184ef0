package dev.faultline.upstream.internal;

import dev.faultline.upstream.internal.ratelimit.RateLimitVerdict;

/**
 * What matching needs to know about a request. The fake upstream's exchange implements it over
 * Jetty's request without copying; the benchmark implements it over plain fields.
 */
public interface RequestView {
    /** The request method as sent, e.g. {@code GET}. */
    String method();

    /** The path without the query, as sent (not decoded). */
    String path();

    /** The raw query string without {@code ?}, or {@code null} when there is none. */
    String query();

    /** The first value of a header, its name matched case-insensitively, or {@code null}. */
    String header(String name);

    /** The client (target replica) the request came from: the index of the port it arrived on. */
    int client();

    /** The HTTP/2 stream id the request came on, or 0 over HTTP/1.x. */
    default int stream() {
        return 0;
    }

    /**
     * Told when a rate-limit rule counted this request, admitted or not, so its answer can carry
     * the quota headers. Views that only match ignore it.
     */
    default void rateLimited(RateLimitVerdict verdict) {
    }
}
