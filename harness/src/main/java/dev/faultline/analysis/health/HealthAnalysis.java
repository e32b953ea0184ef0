package dev.faultline.analysis.health;

import dev.faultline.analysis.LoadStats;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.TimeOrder;
import dev.faultline.analysis.Timeline;
import dev.faultline.expect.LoadFidelity;
import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.ProbeResult;
import dev.faultline.journal.SignalSent;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Measures the honesty of the target's health endpoints from the journal. Pure: events in,
 * measurement out.
 *
 * <p>Readiness is what the readiness probe last answered: each answer (pass = a 2xx/3xx within the
 * timeout) holds from the moment it arrived until the next one. Against the fault phases it gives
 * detection (first failed answer − phase start) and recovery (first passing answer at or after the
 * phase end − phase end). Against the truth, the load's success per 1 s slice (serving when at least
 * 95 % of the requests intended in the slice succeeded), it gives false-ready time (readiness passed
 * while the slice was not serving) and false-unready time (it failed while the slice was serving).
 * Requests that went out more than {@link LoadFidelity#LATE_NANOS} late are left out of the truth.
 */
public final class HealthAnalysis {
    /** A slice serves when at least this share of its load requests succeeded (metrics.md H3). */
    public static final double SERVING_THRESHOLD = 0.95;
    /** Length of a truth slice. */
    public static final long SLICE_NANOS = 1_000_000_000L;
    private HealthAnalysis() {
    }

    /**
     * @param events      the run's journal, in time order
     * @param faultPhases names of the phases that inject faults
     */
    public static HealthMeasurement of(List<Event> events, Collection<String> faultPhases) {
        Timeline timeline = Timeline.of(events);
        List<ProbeResult> probes = new ArrayList<>();
        List<LoadResult> load = new ArrayList<>();
        List<UpstreamRequest> upstream = new ArrayList<>();
        long signalNanos = -1;
        for (Event e : events) {
            if (e instanceof ProbeResult p && p.outcome() != CallOutcome.CANCELLED) {
                probes.add(p);
            } else if (e instanceof LoadResult l && l.judged()) {
                load.add(l);
            } else if (e instanceof UpstreamRequest u) {
                upstream.add(u);
            } else if (e instanceof SignalSent s && s.reason().equals("action") && signalNanos < 0) {
                signalNanos = s.atNanos();
            }
        }
        TimeOrder.sort(probes, ProbeResult::endNanos);
        TreeSet<Integer> replicas = new TreeSet<>();
        probes.forEach(p -> replicas.add(p.replica()));
        load.forEach(l -> replicas.add(l.replica()));

        Map<Integer, Readiness> readiness = new LinkedHashMap<>();
        for (int replica : replicas) {
            readiness.put(replica, Readiness.of(probes, replica));
        }
        List<HealthMeasurement.Incident> incidents = incidents(timeline, faultPhases, upstream, readiness);
        List<HealthMeasurement.Truth> truth = new ArrayList<>();
        for (int replica : replicas) {
            truth.add(truth(timeline, load, replica, readiness.get(replica)));
        }
        List<PhaseWindow> faultWindows = timeline.phases(faultPhases);
        List<ProbeResult> probed = faultWindows.isEmpty() ? probes
                : probes.stream().filter(p -> Timeline.within(faultWindows, p.endNanos())).toList();
        return new HealthMeasurement(incidents, truth, probeStats(probed), liveness(timeline, faultPhases, probes, signalNanos),
                contradictions(probes), LoadStats.of("run", 0, load).lag());
    }

    /** One replica's readiness answers in arrival order. */
    private record Readiness(long[] at, boolean[] ok) {
        static Readiness of(List<ProbeResult> sortedByEnd, int replica) {
            List<ProbeResult> mine = sortedByEnd.stream()
                    .filter(p -> p.replica() == replica && p.probe().equals("readiness")).toList();
            long[] at = new long[mine.size()];
            boolean[] ok = new boolean[mine.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = mine.get(i).endNanos();
                ok[i] = mine.get(i).ok();
            }
            return new Readiness(at, ok);
        }

        /** Index of the last answer that arrived at or before {@code nanos}, or -1. */
        int stateAt(long nanos) {
            int lo = 0;
            int hi = at.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (at[mid] <= nanos) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        /** {ready nanos, unready nanos} within [from, to); time before the first answer counts as neither. */
        long[] split(long from, long to) {
            long ready = 0;
            long unready = 0;
            int state = stateAt(from);
            long cursor = from;
            for (int j = state + 1; j < at.length && at[j] < to; j++) {
                if (state >= 0) {
                    if (ok[state]) {
                        ready += at[j] - cursor;
                    } else {
                        unready += at[j] - cursor;
                    }
                }
                cursor = Math.max(cursor, at[j]);
                state = j;
            }
            if (state >= 0) {
                if (ok[state]) {
                    ready += to - cursor;
                } else {
                    unready += to - cursor;
                }
            }
            return new long[] {ready, unready};
        }
    }

    private static List<HealthMeasurement.Incident> incidents(Timeline timeline, Collection<String> faultPhases,
                                                              List<UpstreamRequest> upstream, Map<Integer, Readiness> readiness) {
        List<HealthMeasurement.Incident> incidents = new ArrayList<>();
        List<PhaseWindow> phases = timeline.phases();
        for (int i = 0; i < phases.size(); i++) {
            PhaseWindow w = phases.get(i);
            if (!faultPhases.contains(w.name())) {
                continue;
            }
            long fired = upstream.stream().filter(u -> u.faultedOrDependencyFailed() && w.contains(u.atNanos())).count();
            boolean recoveryExpected = i + 1 < phases.size() && !faultPhases.contains(phases.get(i + 1).name());
            for (Map.Entry<Integer, Readiness> entry : readiness.entrySet()) {
                Readiness r = entry.getValue();
                long results = 0;
                long failed = 0;
                OptionalLong detection = OptionalLong.empty();
                for (int j = 0; j < r.at().length; j++) {
                    if (w.contains(r.at()[j])) {
                        results++;
                        if (!r.ok()[j]) {
                            failed++;
                            if (detection.isEmpty()) {
                                detection = OptionalLong.of(r.at()[j] - w.startNanos());
                            }
                        }
                    }
                }
                OptionalLong recovery = OptionalLong.empty();
                if (failed > 0) {
                    int atEnd = r.stateAt(w.endNanos());
                    if (atEnd >= 0 && r.ok()[atEnd]) {
                        recovery = OptionalLong.of(0);
                    } else {
                        for (int j = atEnd + 1; j < r.at().length; j++) {
                            if (r.ok()[j]) {
                                recovery = OptionalLong.of(r.at()[j] - w.endNanos());
                                break;
                            }
                        }
                    }
                }
                incidents.add(new HealthMeasurement.Incident(w.name(), entry.getKey(), w.startNanos(), w.endNanos(), fired,
                        results, failed, detection, recoveryExpected, recovery,
                        Math.max(0, timeline.endNanos() - w.endNanos())));
            }
        }
        return incidents;
    }

    private static HealthMeasurement.Truth truth(Timeline timeline, List<LoadResult> load, int replica, Readiness readiness) {
        List<LoadResult> mine = load.stream().filter(l -> l.replica() == replica)
                .sorted((a, b) -> Long.compare(a.atNanos(), b.atNanos())).toList();
        int slices = 0;
        int serving = 0;
        long falseReady = 0;
        long falseUnready = 0;
        int falseReadySlices = 0;
        int falseUnreadySlices = 0;
        long firstFalseReady = -1;
        long firstFalseUnready = -1;
        long total = 0;
        long late = 0;
        if (!timeline.phases().isEmpty()) {
            long origin = timeline.phases().get(0).startNanos();
            int cursor = 0;
            for (long from = origin; from < timeline.endNanos(); from += SLICE_NANOS) {
                long to = Math.min(from + SLICE_NANOS, timeline.endNanos());
                while (cursor < mine.size() && mine.get(cursor).atNanos() < from) {
                    cursor++;
                }
                long requests = 0;
                long succeeded = 0;
                for (int j = cursor; j < mine.size() && mine.get(j).atNanos() < to; j++) {
                    LoadResult r = mine.get(j);
                    total++;
                    if (LoadFidelity.late(r)) {
                        late++;
                        continue;
                    }
                    requests++;
                    if (r.succeeded()) {
                        succeeded++;
                    }
                }
                long[] split = readiness.split(from, to);
                if (requests == 0 || split[0] + split[1] == 0) {
                    continue;
                }
                slices++;
                boolean isServing = (double) succeeded / requests >= SERVING_THRESHOLD - 1e-9;
                if (isServing) {
                    serving++;
                    if (split[1] > 0) {
                        falseUnready += split[1];
                        falseUnreadySlices++;
                        firstFalseUnready = firstFalseUnready < 0 ? from : firstFalseUnready;
                    }
                } else if (split[0] > 0) {
                    falseReady += split[0];
                    falseReadySlices++;
                    firstFalseReady = firstFalseReady < 0 ? from : firstFalseReady;
                }
            }
        }
        return new HealthMeasurement.Truth(replica, total, late, slices, serving, falseReady, falseUnready, falseReadySlices,
                falseUnreadySlices, firstFalseReady, firstFalseUnready, phaseAt(timeline, firstFalseReady),
                phaseAt(timeline, firstFalseUnready));
    }

    private static List<HealthMeasurement.ProbeStats> probeStats(List<ProbeResult> probes) {
        Map<String, List<ProbeResult>> byProbe = new TreeMap<>();
        probes.forEach(p -> byProbe.computeIfAbsent(p.probe(), k -> new ArrayList<>()).add(p));
        List<HealthMeasurement.ProbeStats> stats = new ArrayList<>();
        byProbe.forEach((name, results) -> {
            long[] latency = new long[results.size()];
            int i = 0;
            long failed = 0;
            long timeouts = 0;
            for (ProbeResult p : results) {
                latency[i++] = p.latencyNanos();
                if (!p.ok()) {
                    failed++;
                }
                if (p.outcome() == CallOutcome.TIMEOUT) {
                    timeouts++;
                }
            }
            stats.add(new HealthMeasurement.ProbeStats(name, results.size(), failed, timeouts,
                    LoadStats.Percentiles.of(latency)));
        });
        return stats;
    }

    private static HealthMeasurement.LivenessWatch liveness(Timeline timeline, Collection<String> faultPhases,
                                                            List<ProbeResult> probes, long signalNanos) {
        List<PhaseWindow> faultWindows = timeline.phases(faultPhases);
        long origin = timeline.phases().isEmpty() ? 0 : timeline.phases().get(0).startNanos();
        long cutoff = signalNanos >= 0 ? Math.min(signalNanos, timeline.endNanos()) : timeline.endNanos();
        long watched = 0;
        long failed = 0;
        long failedInFaults = 0;
        long first = -1;
        String firstPhase = "";
        Map<String, Long> failures = new TreeMap<>();
        for (ProbeResult p : probes) {
            if (!p.probe().equals("liveness") || p.endNanos() < origin || p.endNanos() > cutoff) {
                continue;
            }
            watched++;
            if (p.ok()) {
                continue;
            }
            failed++;
            failures.merge(failureKey(p), 1L, Long::sum);
            if (Timeline.within(faultWindows, p.endNanos())) {
                failedInFaults++;
            }
            if (first < 0) {
                first = p.endNanos();
                firstPhase = phaseAt(timeline, p.endNanos());
            }
        }
        return new HealthMeasurement.LivenessWatch(watched, failed, failedInFaults, first, firstPhase, failures,
                signalNanos >= 0);
    }

    private static List<HealthMeasurement.Contradictions> contradictions(List<ProbeResult> probes) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, ProbeResult> firsts = new LinkedHashMap<>();
        for (ProbeResult p : probes) {
            if (p.healthStatus() == null) {
                continue;
            }
            long[] c = counts.computeIfAbsent(p.probe(), k -> new long[2]);
            c[0]++;
            if (p.contradicts()) {
                c[1]++;
                firsts.putIfAbsent(p.probe(), p);
            }
        }
        List<HealthMeasurement.Contradictions> all = new ArrayList<>();
        counts.forEach((probe, c) -> {
            ProbeResult first = firsts.get(probe);
            all.add(new HealthMeasurement.Contradictions(probe, c[0], c[1],
                    first == null ? "" : first.status() + " with status \"" + first.healthStatus() + "\"",
                    first == null ? -1 : first.endNanos()));
        });
        return all;
    }

    private static String phaseAt(Timeline timeline, long nanos) {
        return timeline.phases().stream().filter(w -> w.contains(nanos)).map(PhaseWindow::name).findFirst().orElse("");
    }

    /** {@code "503"} for an answer with a status, else the outcome in lower case ({@code timeout}). */
    public static String failureKey(ProbeResult p) {
        return p.outcome() == CallOutcome.RESPONSE ? String.valueOf(p.status()) : p.outcome().name().toLowerCase(Locale.ROOT);
    }
}
