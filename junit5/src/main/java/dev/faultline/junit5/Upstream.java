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
    private final boolean http2;
    private final java.util.Optional<dev.faultline.upstream.spec.UpstreamTls> tls;

    private Upstream(String name, List<Route> routes) {
        this(name, routes, false);
    }

    private Upstream(String name, List<Route> routes, boolean http2) {
        this(name, routes, http2, java.util.Optional.empty());
    }

    private Upstream(String name, List<Route> routes, boolean http2, java.util.Optional<dev.faultline.upstream.spec.UpstreamTls> tls) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an upstream needs a name (it is what fl.url(name) and fl.inject(name, ...) use)");
        }
        this.name = name;
        this.routes = List.copyOf(routes);
        this.http2 = http2;
        this.tls = tls;
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
        return new Upstream(name, more, http2, tls);
    }

    /** This upstream with one more route answering 200 with a JSON body ({@code Content-Type: application/json}). */
    public Upstream json(String path, String body) {
        RequestMatch match = new RequestMatch(null, PathPattern.of(path), Map.of(), Map.of());
        List<Route> more = new ArrayList<>(routes);
        more.add(new Route(match, new Respond(200, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8))));
        return new Upstream(name, more, http2, tls);
    }

    /** This upstream answering every request not matched by an earlier route with {@code status} and {@code body}. */
    public Upstream respond(int status, String body) {
        return route(null, null, status, body);
    }

    /**
     * This upstream speaking HTTP/2 as well ({@code http2: true}): in the clear, a connection that opens with the
     * HTTP/2 preface (prior knowledge) or asks to upgrade to {@code h2c} is served as HTTP/2, any other as
     * HTTP/1.1. What the {@code Fault.rstStream}, {@code goAway}, {@code stallWindow} and
     * {@code maxConcurrentStreams} faults need.
     */
    public Upstream http2() {
        return new Upstream(name, routes, true, tls);
    }

    /**
     * This upstream serving HTTPS ({@code tls: true}) with a certificate from the test's own certificate authority
     * for {@code 127.0.0.1} and {@code localhost}: its url becomes {@code https://}, and a client trusts it with
     * {@code fl.sslContext()} or {@code fl.tlsFiles()}. What the {@code Fault.tls} faults need.
     */
    public Upstream tls() {
        return new Upstream(name, routes, http2, java.util.Optional.of(dev.faultline.upstream.spec.UpstreamTls.SERVER_ONLY));
    }

    /** This upstream serving HTTPS and requiring a client certificate from the test's authority ({@code tls: {client-auth: required}}). */
    public Upstream mutualTls() {
        return new Upstream(name, routes, http2, java.util.Optional.of(dev.faultline.upstream.spec.UpstreamTls.MUTUAL));
    }

    /** Its name. */
    public String name() {
        return name;
    }

    /** The file format's record, on a free port. */
    UpstreamSpec toSpec() {
        List<Route> all = routes.isEmpty() ? List.of(new Route(RequestMatch.ANY, Respond.status(200))) : routes;
        return new UpstreamSpec(name, 0, all, tls, http2);
    }
}
