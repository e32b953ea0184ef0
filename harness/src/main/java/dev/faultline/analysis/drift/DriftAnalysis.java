package dev.faultline.analysis.drift;

import dev.faultline.analysis.LoadStats;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.analysis.WallClock;
import dev.faultline.expect.LoadFidelity;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.ResponseDrift;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.scenario.DriftExpectation;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one {@code expect.drift} entry is judged on, from the journal: the load's success in the
 * baseline and in each drift phase (requests placed by {@link PhaseAttribution}), what the upstream
 * did in each, and the calls that reached a deprecated endpoint after its sunset. Pure.
 *
 * @param driftPhases  the drift phases that were played, in order
 * @param baseline     the baseline phase, if there is one and it was played
 * @param unjudgeable  why the success drop cannot be judged, if so
 * @param base         the baseline's success (null when unjudgeable)
 * @param phases       each drift phase's success
 * @param attribution  how the requests were placed
 * @param sunset       the deprecated calls; empty when no deprecate rule of the drift phases has a sunset
 * @param sunsetProblem why the calls after sunset cannot be counted, if so
 */
public record DriftAnalysis(List<String> driftPhases, Optional<String> baseline, Optional<String> unjudgeable,
                            PhaseSuccess base, List<PhaseSuccess> phases, PhaseAttribution attribution,
                            Optional<SunsetCalls> sunset, Optional<String> sunsetProblem) {

    /** The analysis of one entry. */
    public static DriftAnalysis of(DriftExpectation e, Scenario scenario, List<Event> events, Optional<WallClock> wallClock) {
        Timeline timeline = Timeline.of(events);
        List<String> driftNames = e.during().isEmpty() ? driftPhases(scenario, e.upstream()) : e.during();
        Optional<String> baselineName = e.baseline().isPresent() ? e.baseline() : firstQuietPhase(scenario, e.upstream(), driftNames);
        List<PhaseWindow> drift = timeline.phases(driftNames);

        List<UpstreamRequest> atUpstream = new ArrayList<>();
        Map<String, ResponseDrift> drifts = new HashMap<>();
        for (Event event : events) {
            if (event instanceof UpstreamRequest u && u.upstream().equals(e.upstream())) {
                atUpstream.add(u);
            } else if (event instanceof ResponseDrift d && d.upstream().equals(e.upstream())) {
                drifts.put(FaultMet.key(d.upstream(), d.connectionId(), d.atNanos()), d);
            }
        }
        List<LoadResult> load = LoadStats.results(events);
        PhaseAttribution attribution = PhaseAttribution.of(timeline.phases(), load, atUpstream);
        Map<String, UpstreamRequest> byId = new HashMap<>();
        for (UpstreamRequest u : atUpstream) {
            String key = PhaseAttribution.key(u);
            if (key != null) {
                byId.merge(key, u, (a, b) -> b.atNanos() >= a.atNanos() ? b : a);
            }
        }

        List<PhaseSuccess> phases = new ArrayList<>();
        for (PhaseWindow w : drift) {
            phases.add(success(w, attribution, atUpstream, drifts, byId));
        }
        Optional<PhaseWindow> baseWindow = baselineName.flatMap(timeline::phase);
        PhaseSuccess base = baseWindow.map(w -> success(w, attribution, atUpstream, drifts, byId)).orElse(null);

        String unjudgeable = null;
        if (driftNames.isEmpty()) {
            unjudgeable = "no phase has a drift or deprecate rule on " + e.upstream() + " (add one, or name the drift phases"
                    + " in during)";
        } else if (drift.isEmpty()) {
            unjudgeable = "the drift phases " + driftNames + " were never played";
        } else if (baselineName.isEmpty()) {
            unjudgeable = "there is no baseline: every phase has faults on " + e.upstream() + " (add a phase without"
                    + " faults, or name one in baseline)";
        } else if (base == null) {
            unjudgeable = "the baseline phase " + baselineName.get() + " was never played";
        } else if (base.requests() == 0) {
            unjudgeable = "the load sent no request in the baseline phase " + baselineName.get() + " that could be judged";
        } else if (phases.stream().anyMatch(p -> p.requests() == 0)) {
            unjudgeable = "the load sent no request that could be judged in the drift phase "
                    + phases.stream().filter(p -> p.requests() == 0).findFirst().orElseThrow().phase();
        } else if (atUpstream.stream().noneMatch(u -> u.rule() != null
                && drift.stream().anyMatch(w -> w.contains(u.atNanos())))) {
            unjudgeable = "no fault fired at " + e.upstream() + " during " + String.join(", ", driftNames)
                    + ": the target never met the drift";
        }

        Optional<String> sunsetProblem = Optional.empty();
        Optional<SunsetCalls> sunset = Optional.empty();
        Map<String, Instant> sunsets = sunsets(scenario, e.upstream(), driftNames);
        if (sunsets.isEmpty()) {
            sunsetProblem = Optional.of("no deprecate rule with a sunset on " + e.upstream() + " in "
                    + (driftNames.isEmpty() ? "any phase" : String.join(", ", driftNames)) + " (add sunset: DATE to one)");
        } else if (wallClock.isEmpty()) {
            sunsetProblem = Optional.of("the journal's wall-clock start is unknown, so arrivals cannot be compared with"
                    + " the sunset (judge a run's own report)");
        } else if (atUpstream.stream().noneMatch(u -> drift.stream().anyMatch(w -> w.contains(u.atNanos())))) {
            sunsetProblem = Optional.of("the target sent no request to " + e.upstream() + " during "
                    + String.join(", ", driftNames));
        } else {
            sunset = Optional.of(sunsetCalls(atUpstream, sunsets, wallClock.get()));
        }
        return new DriftAnalysis(drift.stream().map(PhaseWindow::name).toList(), baselineName,
                Optional.ofNullable(unjudgeable), base, phases, attribution, sunset, sunsetProblem);
    }

    private static PhaseSuccess success(PhaseWindow w, PhaseAttribution attribution, List<UpstreamRequest> atUpstream,
                                        Map<String, ResponseDrift> drifts, Map<String, UpstreamRequest> byId) {
        List<LoadResult> placed = attribution.byPhase().getOrDefault(w.name(), List.of());
        long succeeded = placed.stream().filter(LoadResult::succeeded).count();
        long late = placed.stream().filter(LoadFidelity::late).count();
        Map<String, Long> blame = new LinkedHashMap<>();
        for (LoadResult r : placed) {
            if (!r.succeeded() && r.requestId() != null) {
                UpstreamRequest u = byId.get(PhaseAttribution.normalise(r.requestId()));
                if (u != null) {
                    blame.merge(FaultMet.label(u, drifts), 1L, Long::sum);
                }
            }
        }
        Map<String, Long> faults = new LinkedHashMap<>();
        for (UpstreamRequest u : atUpstream) {
            if (w.contains(u.atNanos())) {
                faults.merge(FaultMet.label(u, drifts), 1L, Long::sum);
            }
        }
        return new PhaseSuccess(w.name(), placed.size(), succeeded, late, blame, faults);
    }

    private static SunsetCalls sunsetCalls(List<UpstreamRequest> atUpstream, Map<String, Instant> sunsets, WallClock clock) {
        long matched = 0;
        long late = 0;
        double first = Double.NaN;
        Map<String, Long> endpoints = new LinkedHashMap<>();
        for (UpstreamRequest u : atUpstream) {
            Instant sunset = u.rule() == null ? null : sunsets.get(u.rule());
            if (sunset == null) {
                continue;
            }
            matched++;
            if (clock.epochMillisAt(u.atNanos()) > sunset.toEpochMilli()) {
                late++;
                endpoints.merge(u.method() + " " + u.path(), 1L, Long::sum);
                if (Double.isNaN(first)) {
                    first = u.atNanos() / 1e9;
                }
            }
        }
        return new SunsetCalls(matched, late, endpoints, first);
    }

    /** Every phase with a drift or deprecate rule on the upstream, in order. */
    static List<String> driftPhases(Scenario scenario, String upstream) {
        List<String> names = new ArrayList<>();
        for (PhaseSpec p : scenario.phases()) {
            if (p.faultsFor(upstream).stream().anyMatch(DriftAnalysis::isDrift)) {
                names.add(p.name());
            }
        }
        return names;
    }

    private static boolean isDrift(FaultRule rule) {
        return rule.action() instanceof FaultAction.Drift || rule.action() instanceof FaultAction.Deprecate;
    }

    private static Optional<String> firstQuietPhase(Scenario scenario, String upstream, List<String> drift) {
        return scenario.phases().stream()
                .filter(p -> p.faultsFor(upstream).isEmpty() && !drift.contains(p.name()))
                .map(PhaseSpec::name).findFirst();
    }

    /** The sunset of each deprecate rule (by id) of the upstream in the drift phases. */
    private static Map<String, Instant> sunsets(Scenario scenario, String upstream, List<String> drift) {
        Map<String, Instant> sunsets = new LinkedHashMap<>();
        for (PhaseSpec p : scenario.phases()) {
            if (!drift.contains(p.name())) {
                continue;
            }
            for (FaultRule rule : p.faultsFor(upstream)) {
                if (rule.action() instanceof FaultAction.Deprecate d && d.sunset() != null) {
                    sunsets.put(rule.id(), d.sunset());
                }
            }
        }
        return sunsets;
    }
}
