package dev.faultline.scenario;

import dev.faultline.upstream.spec.FaultRule;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One phase of the timeline.
 *
 * @param index    0-based position
 * @param name     its name, unique in the scenario
 * @param duration how long it lasts
 * @param faults   fault rules per upstream name, in order (first that fires wins)
 * @param actions  signals to send at offsets into the phase, ordered by {@code at}
 */
public record PhaseSpec(int index, String name, Duration duration, Map<String, List<FaultRule>> faults, List<ActionSpec> actions) {
    public PhaseSpec {
        faults = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(faults));
        actions = List.copyOf(actions);
    }

    /** The rules for one upstream in this phase (empty if none). */
    public List<FaultRule> faultsFor(String upstream) {
        return faults.getOrDefault(upstream, List.of());
    }

    /** True if the phase injects any fault on any upstream. */
    public boolean injectsFaults() {
        return faults.values().stream().anyMatch(rules -> !rules.isEmpty());
    }
}
