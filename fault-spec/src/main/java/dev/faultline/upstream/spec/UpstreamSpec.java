package dev.faultline.upstream.spec;

import java.util.List;
import java.util.Objects;

/**
 * A fake upstream as the scenario declares it.
 *
 * @param name      its name in the scenario ({@code upstreams.NAME})
 * @param port      a fixed port, or 0 for a free one; a pool's instances take consecutive ports from it
 * @param routes    routes in order; first match wins
 * @param instances how many instances of it run (a pool behind a balancer), each its own server and
 *                  port, all with the same routes; 1 for a single upstream
 */
public record UpstreamSpec(String name, int port, List<Route> routes, int instances) {
    public UpstreamSpec {
        Objects.requireNonNull(name, "name");
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

    /** A single upstream (one instance). */
    public UpstreamSpec(String name, int port, List<Route> routes) {
        this(name, port, routes, 1);
    }

    /** The fixed port of an instance (consecutive from {@link #port()}), or 0 for a free one. */
    public int port(int instance) {
        return port == 0 ? 0 : port + instance;
    }
}
