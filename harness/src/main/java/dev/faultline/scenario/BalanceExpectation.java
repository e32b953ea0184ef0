package dev.faultline.scenario;

import dev.faultline.upstream.spec.RequestMatch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code expect.balance}: how requests are spread over the instances of one upstream's pool.
 *
 * @param id             {@code balance} or {@code balance[N]}
 * @param upstream       the pool
 * @param during         the phases whose requests count for the shares; empty for the whole run
 *                       (ejection and readmission are judged per fault episode, whatever this says)
 * @param match          which requests count (method and path; a balancer's own health checks can be
 *                       left out)
 * @param weights        the configured weight of each instance, in instance order; empty for equal
 * @param maxShareError  largest allowed |share - weight's share| of an instance not faulted in the phase
 * @param maxShareToSlow largest allowed share of requests that reached instances with a delay
 * @param ejectsWithin   a failing instance gets no counted request from this long after its fault began
 * @param readmitsWithin after its fault ends, an instance gets a counted request within this long
 * @param stickyBy       requests with one value of this key all reach one instance, except keys whose
 *                       instance failed
 */
public record BalanceExpectation(
        String id,
        String upstream,
        List<String> during,
        RequestMatch match,
        List<Double> weights,
        OptionalDouble maxShareError,
        OptionalDouble maxShareToSlow,
        Optional<Duration> ejectsWithin,
        Optional<Duration> readmitsWithin,
        Optional<StickyKey> stickyBy) {
    public BalanceExpectation {
        during = List.copyOf(during);
        weights = List.copyOf(weights);
    }

    /** The weight of an instance (1 when weights are not given). */
    public double weight(int instance) {
        return weights.isEmpty() ? 1.0 : weights.get(instance);
    }
}
