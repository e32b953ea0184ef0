package dev.faultline.upstream.spec;

import java.util.List;
import java.util.Objects;

/**
 * A fake upstream as the scenario declares it.
 *
 * @param name   its name in the scenario ({@code upstreams.NAME})
 * @param port   a fixed port, or 0 for a free one
 * @param routes routes in order; first match wins
 */
public record UpstreamSpec(String name, int port, List<Route> routes) {
    public UpstreamSpec {
        Objects.requireNonNull(name, "name");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        routes = List.copyOf(routes);
    }
}
