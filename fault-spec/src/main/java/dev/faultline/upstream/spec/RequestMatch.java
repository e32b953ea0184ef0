package dev.faultline.upstream.spec;

import java.util.Map;
import java.util.Objects;

/**
 * Which requests a route or fault rule applies to. Every part is optional; an absent part matches
 * anything, so {@link #ANY} matches every request.
 *
 * @param method  the method, upper case, or {@code null} for any
 * @param path    the path pattern, or {@code null} for any
 * @param headers header values that must be present exactly (names case-insensitive)
 * @param query   query parameters that must be present with exactly these values
 */
public record RequestMatch(String method, PathPattern path, Map<String, String> headers, Map<String, String> query) {
    /** Matches every request. */
    public static final RequestMatch ANY = new RequestMatch(null, null, Map.of(), Map.of());

    public RequestMatch {
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        query = Map.copyOf(Objects.requireNonNull(query, "query"));
    }

    /** True when nothing is constrained. */
    public boolean matchesEverything() {
        return method == null && path == null && headers.isEmpty() && query.isEmpty();
    }
}
