package dev.faultline.upstream.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fake upstream as the scenario declares it.
 *
 * @param name      its name in the scenario ({@code upstreams.NAME})
 * @param port      a fixed port, or 0 for a free one; a pool's instances take consecutive ports from it
 * @param routes    routes in order; first match wins
 * @param instances how many instances of it run (a pool behind a balancer), each its own server and
 *                  port, all with the same routes; 1 for a single upstream
 * @param tls       how it speaks TLS, or empty for cleartext HTTP
 * @param http2     also speaks HTTP/2: h2 through ALPN over TLS, h2c with prior knowledge in the clear
 *                  (HTTP/1.1 is still served to clients that offer only that)
 * @param proxy     the real dependency that requests matching no route are forwarded to, or empty
 *                  (they get 404)
 */
public record UpstreamSpec(String name, int port, List<Route> routes, int instances, Optional<UpstreamTls> tls,
                           boolean http2, Optional<UpstreamProxy> proxy) {
    public UpstreamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(proxy, "proxy");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1 but was " + instances);
        }
        if (port != 0 && port + instances - 1 > 65535) {
            throw new IllegalArgumentException("instances " + instances + " from port " + port + " go past 65535");
        }
        routes = List.copyOf(routes);
    }

    /** An upstream without a proxy. */
    public UpstreamSpec(String name, int port, List<Route> routes, int instances, Optional<UpstreamTls> tls,
                        boolean http2) {
        this(name, port, routes, instances, tls, http2, Optional.empty());
    }

    /** The same upstream forwarding unrouted requests to {@code newProxy}. */
    public UpstreamSpec withProxy(UpstreamProxy newProxy) {
        return new UpstreamSpec(name, port, routes, instances, tls, http2, Optional.of(newProxy));
    }

    /** A single cleartext HTTP/1.1 upstream. */
    public UpstreamSpec(String name, int port, List<Route> routes) {
        this(name, port, routes, 1);
    }

    /** A cleartext HTTP/1.1 pool of {@code instances}. */
    public UpstreamSpec(String name, int port, List<Route> routes, int instances) {
        this(name, port, routes, instances, Optional.empty(), false);
    }

    /** A single HTTP/1.1 upstream, over TLS when {@code tls} says so. */
    public UpstreamSpec(String name, int port, List<Route> routes, Optional<UpstreamTls> tls) {
        this(name, port, routes, tls, false);
    }

    /** A single upstream, over TLS when {@code tls} says so, also speaking HTTP/2 when {@code http2}. */
    public UpstreamSpec(String name, int port, List<Route> routes, Optional<UpstreamTls> tls, boolean http2) {
        this(name, port, routes, 1, tls, http2);
    }

    /** The fixed port of an instance (consecutive from {@link #port()}), or 0 for a free one. */
    public int port(int instance) {
        return port == 0 ? 0 : port + instance;
    }
}
