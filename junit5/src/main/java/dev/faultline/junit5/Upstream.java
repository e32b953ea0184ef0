package dev.faultline.junit5;

import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;
import dev.faultline.upstream.spec.UpstreamSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fake upstream, as a test declares it: {@code Upstream.named("payments").route("POST", "/pay", 200, "ok")}.
 * Routes are tried in order and the first match answers; a request no route matches gets 404. An
 * upstream without routes answers every request with 200 and an empty body. Immutable.
 */
public final class Upstream {
    private final String name;
    private final List<Route> routes;

    private Upstream(String name, List<Route> routes) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an upstream needs a name (it is what fl.url(name) and fl.inject(name, ...) use)");
        }
        this.name = name;
        this.routes = List.copyOf(routes);
    }

    /** An upstream answering every request with 200 until routes are added. */
    public static Upstream named(String name) {
        return new Upstream(name, List.of());
    }

    /**
     * This upstream with one more route.
     *
     * @param method the method, or {@code null} for any
     * @param path   the path pattern of the scenario format ({@code /pay}, {@code /pay/*}), or {@code null} for any
     */
    public Upstream route(String method, String path, int status, String body) {
        RequestMatch match = new RequestMatch(method == null ? null : method.toUpperCase(Locale.ROOT),
                path == null ? null : PathPattern.of(path), Map.of(), Map.of());
        List<Route> more = new ArrayList<>(routes);
        more.add(new Route(match, new Respond(status, Map.of(), body.getBytes(StandardCharsets.UTF_8))));
        return new Upstream(name, more);
    }

    /** This upstream with one more route answering 200 with a JSON body ({@code Content-Type: application/json}). */
    public Upstream json(String path, String body) {
        RequestMatch match = new RequestMatch(null, PathPattern.of(path), Map.of(), Map.of());
        List<Route> more = new ArrayList<>(routes);
        more.add(new Route(match, new Respond(200, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8))));
        return new Upstream(name, more);
    }

    /** This upstream answering every request not matched by an earlier route with {@code status} and {@code body}. */
    public Upstream respond(int status, String body) {
        return route(null, null, status, body);
    }

    /** Its name. */
    public String name() {
        return name;
    }

    /** The file format's record, on a free port. */
    UpstreamSpec toSpec() {
        List<Route> all = routes.isEmpty() ? List.of(new Route(RequestMatch.ANY, Respond.status(200))) : routes;
        return new UpstreamSpec(name, 0, all);
    }
}
