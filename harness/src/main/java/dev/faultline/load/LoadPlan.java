package dev.faultline.load;

import dev.faultline.scenario.Arrivals;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.LoadSpec.LoadRequest;
import dev.faultline.scenario.LoadSpec.RateStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the load driver sends: the arrival streams (one, or one per tenant), the weighted request
 * mix, where to (one base url per target replica, taken in turn) and the per-request timeout.
 *
 * @param targets  base urls of the target's replicas, such as {@code http://127.0.0.1:8080}
 * @param streams  independent arrival streams
 * @param requests the weighted request mix every stream draws from
 * @param timeout  per request, from the moment it is sent to the end of its response
 * @param seed     seeds the mix's draws (and Poisson gaps), so a replayed run sends the same sequence of requests
 * @param arrivals how each stream spaces its arrivals
 */
public record LoadPlan(List<String> targets, List<Stream> streams, List<LoadRequest> requests, Duration timeout, long seed,
                       Arrivals arrivals) {
    public LoadPlan {
        targets = List.copyOf(targets);
        streams = List.copyOf(streams);
        requests = List.copyOf(requests);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(arrivals, "arrivals");
        if (targets.isEmpty() || streams.isEmpty() || requests.isEmpty()) {
            throw new IllegalArgumentException("a load plan needs a target, a stream and a request");
        }
        for (LoadRequest r : requests) {
            if (r.body().isPresent() && (r.method().equals("GET") || r.method().equals("HEAD"))) {
                throw new IllegalArgumentException("load.requests: " + r.method() + " " + r.path()
                        + " has a body, which the load driver's HTTP client cannot send with " + r.method()
                        + " (use POST or PUT, or remove the body)");
            }
        }
    }

    /** A plan with constant intervals. */
    public LoadPlan(List<String> targets, List<Stream> streams, List<LoadRequest> requests, Duration timeout, long seed) {
        this(targets, streams, requests, timeout, seed, Arrivals.CONSTANT);
    }

    /**
     * One open-loop arrival stream.
     *
     * @param tenant  the tenant's name, or {@code null} for the plain {@code load.rate}
     * @param steps   its rate steps, the first at 0
     * @param headers added to each of its requests
     */
    public record Stream(String tenant, List<RateStep> steps, Map<String, String> headers) {
        public Stream {
            steps = List.copyOf(steps);
            headers = Map.copyOf(headers);
        }

        /** The highest rate of any step, per second. */
        public double peakPerSecond() {
            return steps.stream().mapToDouble(s -> s.rate().perSecond()).max().orElse(0);
        }
    }

    /** The plan for a scenario's {@code load} against these replicas. */
    public static LoadPlan of(LoadSpec spec, List<String> targets, long seed) {
        List<Stream> streams = new ArrayList<>();
        if (spec.tenants().isEmpty()) {
            streams.add(new Stream(null, spec.rate(), Map.of()));
        } else {
            for (LoadSpec.Tenant tenant : spec.tenants()) {
                streams.add(new Stream(tenant.name(), List.of(new RateStep(Duration.ZERO, tenant.rate())), tenant.headers()));
            }
        }
        return new LoadPlan(targets, streams, spec.requests(), spec.timeout(), seed, spec.arrivals());
    }

    /** The sum of the streams' peak rates, per second. */
    public double peakPerSecond() {
        return streams.stream().mapToDouble(Stream::peakPerSecond).sum();
    }

    /** Requests the schedule asks for in the first {@code duration}. */
    public double asked(Duration duration) {
        return streams.stream().mapToDouble(s -> ArrivalSchedule.asked(s.steps(), duration.toNanos())).sum();
    }

    /** Requests a scenario's {@code load} asks for in the first {@code duration}, without building a plan. */
    public static double asked(LoadSpec spec, Duration duration) {
        if (spec.tenants().isEmpty()) {
            return ArrivalSchedule.asked(spec.rate(), duration.toNanos());
        }
        return spec.tenants().stream().mapToDouble(t -> duration.toNanos() / 1e9 * t.rate().perSecond()).sum();
    }
}
