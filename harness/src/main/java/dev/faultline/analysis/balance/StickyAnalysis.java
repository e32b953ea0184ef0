package dev.faultline.analysis.balance;

import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.StickyKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether requests with one key value stay on one instance: every key's requests in time order, and
 * each time one reached another instance than the key's previous request. A move away from an
 * instance that was failing (in the phase of either request) is excused: that is what a balancer
 * should do. Pure.
 *
 * @param keys    distinct key values among the counted requests with a key
 * @param moved   keys that moved without an excuse, each with the instances it reached in order
 * @param excused moves away from a failing instance
 */
record StickyAnalysis(int keys, Map<String, List<Integer>> moved, int excused) {

    static StickyAnalysis of(StickyKey key, Scenario scenario, Timeline timeline, String upstream,
                             List<UpstreamRequest> counted, List<PhaseWindow> windows) {
        Map<String, Integer> last = new LinkedHashMap<>();
        Map<String, Long> lastAt = new LinkedHashMap<>();
        Map<String, List<Integer>> moved = new LinkedHashMap<>();
        Map<String, Set<Integer>> reached = new LinkedHashMap<>();
        int excused = 0;
        for (UpstreamRequest r : counted) {
            String value = value(key, r);
            if (value == null || !within(windows, r.atNanos())) {
                continue;
            }
            reached.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(r.instance());
            Integer before = last.put(value, r.instance());
            long previousAt = lastAt.getOrDefault(value, r.atNanos());
            lastAt.put(value, r.atNanos());
            if (before == null || before == r.instance()) {
                continue;
            }
            if (failing(scenario, timeline, upstream, before, r.atNanos()) || failing(scenario, timeline, upstream, before, previousAt)) {
                excused++;
            } else {
                moved.put(value, List.copyOf(reached.get(value)));
            }
        }
        moved.replaceAll((v, instances) -> List.copyOf(reached.get(v)));
        return new StickyAnalysis(reached.size(), moved, excused);
    }

    private static boolean within(List<PhaseWindow> windows, long nanos) {
        return windows.stream().anyMatch(w -> w.contains(nanos));
    }

    private static String value(StickyKey key, UpstreamRequest r) {
        if (key instanceof StickyKey.Client) {
            return String.valueOf(r.client());
        }
        String header = ((StickyKey.Header) key).name();
        if (header.equalsIgnoreCase("X-Request-Id")) {
            return r.requestId();
        }
        if (header.equalsIgnoreCase("Idempotency-Key")) {
            return r.idempotencyKey();
        }
        // traceparent: version-traceid-parentid-flags; one trace is one key, whatever its span.
        String trace = r.traceparent();
        String[] parts = trace == null ? new String[0] : trace.split("-");
        return parts.length >= 2 ? parts[1] : trace;
    }

    private static boolean failing(Scenario scenario, Timeline timeline, String upstream, int instance, long nanos) {
        for (PhaseWindow w : timeline.phases()) {
            if (w.contains(nanos)) {
                Optional<PhaseSpec> phase = scenario.phase(w.name());
                return phase.isPresent() && InstanceFaults.of(phase.get(), upstream, instance).failing();
            }
        }
        return false;
    }
}
