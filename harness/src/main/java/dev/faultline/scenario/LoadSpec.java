package dev.faultline.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Open-loop traffic the harness sends to the target.
 *
 * @param rate     arrival-rate steps, ordered by {@code at}; the first is at 0. Not used when
 *                 {@code tenants} is non-empty
 * @param requests the weighted request mix
 * @param tenants  independent arrival streams, each with its own rate and headers
 * @param timeout  per-request timeout
 * @param arrivals how arrivals are spaced at the rate in force
 */
public record LoadSpec(List<RateStep> rate, List<LoadRequest> requests, List<Tenant> tenants, Duration timeout, Arrivals arrivals) {
    public LoadSpec {
        rate = List.copyOf(rate);
        requests = List.copyOf(requests);
        tenants = List.copyOf(tenants);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(arrivals, "arrivals");
    }

    /** A load with constant intervals, the default. */
    public LoadSpec(List<RateStep> rate, List<LoadRequest> requests, List<Tenant> tenants, Duration timeout) {
        this(rate, requests, tenants, timeout, Arrivals.CONSTANT);
    }

    /** From {@code at} (since the first phase began) the arrival rate is {@code rate}. */
    public record RateStep(Duration at, Rate rate) {
    }

    /** One kind of request in the mix. */
    public record LoadRequest(String method, String path, Map<String, String> headers, Optional<String> body, int weight) {
        public LoadRequest {
            headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
            if (weight < 1) {
                throw new IllegalArgumentException("weight must be >= 1 but was " + weight);
            }
        }
    }

    /** A tenant: its own arrival stream at its own rate, with its headers added to every request. */
    public record Tenant(String name, Rate rate, Map<String, String> headers) {
        public Tenant {
            headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }
    }
}
