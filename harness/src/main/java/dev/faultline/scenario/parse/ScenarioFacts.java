package dev.faultline.scenario.parse;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checks under {@code expect} may refer to, as declared in the file (declared counts even
 * when the declaration has errors of its own, so one mistake is reported once).
 *
 * @param upstreams            upstream names
 * @param phases               phase names, in order
 * @param rateLimitedUpstreams upstreams some phase rate-limits
 * @param startsTarget         the target has {@code run}
 * @param load                 {@code load} is declared
 * @param tenants              {@code load.tenants} is declared
 * @param readinessProbe       {@code probes.readiness} is declared
 * @param livenessProbe        {@code probes.liveness} is declared
 * @param anyProbe             some probe is declared
 */
record ScenarioFacts(
        Set<String> upstreams,
        List<String> phases,
        Set<String> rateLimitedUpstreams,
        boolean startsTarget,
        boolean load,
        boolean tenants,
        boolean readinessProbe,
        boolean livenessProbe,
        boolean anyProbe,
        Map<String, Integer> instances) {

    /** How many instances the upstream has (1 when its declaration had errors). */
    int instancesOf(String upstream) {
        return instances.getOrDefault(upstream, 1);
    }
}
