package dev.faultline.upstream.spec;

import java.util.Objects;

/**
 * A route of a fake upstream: requests that match get this response. The first matching route wins;
 * a request no route matches gets 404.
 */
public record Route(RequestMatch match, Respond respond) {
    public Route {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(respond, "respond");
    }
}
