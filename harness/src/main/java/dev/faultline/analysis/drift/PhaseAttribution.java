package dev.faultline.analysis.drift;

import dev.faultline.analysis.PhaseWindow;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which phase each load request belongs to, by the faults it met rather than by when it was sent.
 * A request sent in the last moment of a phase can reach the upstream after the next phase's faults
 * are in: counted by send time, a phase that should hold would be charged with the next one's failures.
 *
 * <p>The rule: a request the target forwarded to the upstream with the load's {@code X-Request-Id}
 * (or its {@code traceparent}, whose trace id carries the same bits) belongs to the phase in which
 * its last upstream request arrived. Any other request belongs to its phase only if it was sent and
 * ended within that phase; one in flight across a phase start is left out of both phases and
 * counted ({@link #leftOut}). Cancelled requests (never judged) are left out. Pure.
 *
 * @param byPhase  the requests of each phase (by name), in send order
 * @param byId     how many were placed by the upstream requests they caused
 * @param byTime   how many were placed by their own send and end times
 * @param leftOut  how many were in flight across a phase start and not linked to an upstream request
 * @param movedOut how many linked requests met the faults of a phase other than the one they were sent in
 */
record PhaseAttribution(Map<String, List<LoadResult>> byPhase, int byId, int byTime, int leftOut, int movedOut) {

    static PhaseAttribution of(List<PhaseWindow> phases, List<LoadResult> load, List<UpstreamRequest> atUpstream) {
        Map<String, UpstreamRequest> lastById = new HashMap<>();
        for (UpstreamRequest u : atUpstream) {
            String key = key(u);
            if (key != null) {
                lastById.merge(key, u, (a, b) -> b.atNanos() >= a.atNanos() ? b : a);
            }
        }
        Map<String, List<LoadResult>> byPhase = new LinkedHashMap<>();
        phases.forEach(p -> byPhase.putIfAbsent(p.name(), new ArrayList<>()));
        int byId = 0;
        int byTime = 0;
        int leftOut = 0;
        int movedOut = 0;
        for (LoadResult r : load) {
            if (!r.judged()) {
                continue;
            }
            UpstreamRequest linked = r.requestId() == null ? null : lastById.get(normalise(r.requestId()));
            if (linked != null) {
                Optional<PhaseWindow> met = window(phases, linked.atNanos());
                if (met.isPresent()) {
                    byPhase.get(met.get().name()).add(r);
                    byId++;
                    if (!window(phases, r.sentNanos()).equals(met)) {
                        movedOut++;
                    }
                }
                continue;
            }
            Optional<PhaseWindow> sent = window(phases, r.sentNanos());
            if (sent.isEmpty()) {
                continue;
            }
            boolean crosses = phases.stream().anyMatch(p -> p.startNanos() > r.sentNanos() && p.startNanos() < r.endNanos());
            if (crosses) {
                leftOut++;
            } else {
                byPhase.get(sent.get().name()).add(r);
                byTime++;
            }
        }
        return new PhaseAttribution(byPhase, byId, byTime, leftOut, movedOut);
    }

    /** The requests placed in these phases. */
    List<LoadResult> in(List<String> names) {
        List<LoadResult> all = new ArrayList<>();
        names.forEach(n -> all.addAll(byPhase.getOrDefault(n, List.of())));
        return all;
    }

    private static Optional<PhaseWindow> window(List<PhaseWindow> phases, long nanos) {
        return phases.stream().filter(p -> p.contains(nanos)).findFirst();
    }

    /** The id an upstream request shares with the load request that caused it, if it carries one. */
    static String key(UpstreamRequest u) {
        if (u.requestId() != null) {
            return normalise(u.requestId());
        }
        if (u.traceparent() != null) {
            String[] parts = u.traceparent().split("-");
            if (parts.length >= 2) {
                return parts[1].toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    // The load's X-Request-Id is a UUID; its traceparent's trace id is the same 128 bits in plain hex.
    static String normalise(String id) {
        return id.replace("-", "").toLowerCase(Locale.ROOT);
    }
}
