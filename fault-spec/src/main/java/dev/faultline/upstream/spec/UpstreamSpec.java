package dev.faultline.upstream.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fake upstream as the scenario declares it.
 *
 * @param name   its name in the scenario ({@code upstreams.NAME})
 * @param port   a fixed port, or 0 for a free one
 * @param routes routes in order; first match wins
 * @param tls    how it speaks TLS, or empty for cleartext HTTP
 * @param http2  also speaks HTTP/2: h2 through ALPN over TLS, h2c with prior knowledge in the clear
 *               (HTTP/1.1 is still served to clients that offer only that)
 */
public record UpstreamSpec(String name, int port, List<Route> routes, Optional<UpstreamTls> tls, boolean http2) {
    public UpstreamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        routes = List.copyOf(routes);
    }

    /** A cleartext HTTP upstream. */
    public UpstreamSpec(String name, int port, List<Route> routes) {
        this(name, port, routes, Optional.empty());
    }

    /** An HTTP/1.1 upstream, over TLS when {@code tls} says so. */
    public UpstreamSpec(String name, int port, List<Route> routes, Optional<UpstreamTls> tls) {
        this(name, port, routes, tls, false);
    }
}
