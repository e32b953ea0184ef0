package dev.faultline.analysis.balance;

import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.scenario.BalanceExpectation;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.spec.RequestMatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * What one {@code expect.balance} entry is judged on, from the journal: the counted requests (to the
 * pool, matching {@code match}) per instance, each instance's state per phase, and every fault
 * episode of every instance. {@link BalanceJudge} turns it into verdicts. Pure.
 *
 * @param where          the {@code during} phases, for people ({@code the run} or {@code steady, outage})
 * @param instances      how many instances the pool has
 * @param unjudgeable    why shares cannot be judged (phases never played, no counted request), if so
 * @param shares         per instance: counted requests while it was healthy, and what its weight expects
 * @param healthyTotal   counted requests that reached healthy instances during the phases
 * @param leftOut        counted requests that reached failing or slow instances (not in the shares)
 * @param slowInstances  the instances with a delay in some counted phase
 * @param slowRequests   counted requests that reached a slow instance, in phases with one
 * @param slowPhaseTotal every counted request of the phases with a slow instance
 * @param episodes       every fault episode of every instance, in time order
 */
public record BalanceAnalysis(String where, int instances, Optional<String> unjudgeable, List<InstanceShare> shares,
                              long healthyTotal, long leftOut, List<Integer> slowInstances, long slowRequests,
                              long slowPhaseTotal, List<FaultEpisode> episodes) {

    /** The analysis of one entry. */
    public static BalanceAnalysis of(BalanceExpectation e, Scenario scenario, List<Event> events) {
        Timeline timeline = Timeline.of(events);
        int instances = scenario.upstreams().get(e.upstream()).instances();
        List<UpstreamRequest> counted = counted(e, events);
        List<PhaseWindow> windows = e.during().isEmpty() ? timeline.phases() : timeline.phases(e.during());
        String where = e.during().isEmpty() ? "the run" : String.join(", ", e.during());

        long[] requests = new long[instances];
        double[] expected = new double[instances];
        long healthyTotal = 0;
        long leftOut = 0;
        TreeSet<Integer> slow = new TreeSet<>();
        long slowRequests = 0;
        long slowPhaseTotal = 0;
        for (PhaseWindow window : windows) {
            InstanceFaults[] state = states(scenario, window, e.upstream(), instances);
            long[] here = new long[instances];
            for (UpstreamRequest r : counted) {
                if (window.contains(r.atNanos()) && r.instance() < instances) {
                    here[r.instance()]++;
                }
            }
            long windowHealthy = 0;
            double healthyWeight = 0;
            boolean anySlow = false;
            for (int i = 0; i < instances; i++) {
                if (state[i].healthy()) {
                    windowHealthy += here[i];
                    healthyWeight += e.weight(i);
                } else {
                    leftOut += here[i];
                }
                if (state[i].slow()) {
                    anySlow = true;
                    slow.add(i);
                }
            }
            for (int i = 0; i < instances; i++) {
                if (state[i].healthy()) {
                    requests[i] += here[i];
                    expected[i] += healthyWeight == 0 ? 0 : windowHealthy * e.weight(i) / healthyWeight;
                }
            }
            healthyTotal += windowHealthy;
            if (anySlow) {
                for (int i = 0; i < instances; i++) {
                    slowPhaseTotal += here[i];
                    slowRequests += state[i].slow() ? here[i] : 0;
                }
            }
        }
        List<InstanceShare> shares = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            shares.add(new InstanceShare(i, requests[i], expected[i]));
        }
        String unjudgeable = null;
        if (windows.isEmpty()) {
            unjudgeable = "the phases " + e.during() + " were never played";
        } else if (healthyTotal == 0) {
            unjudgeable = "no counted request reached a healthy instance of " + e.upstream() + " during " + where;
        }
        return new BalanceAnalysis(where, instances, Optional.ofNullable(unjudgeable), List.copyOf(shares), healthyTotal,
                leftOut, List.copyOf(slow), slowRequests, slowPhaseTotal, episodes(scenario, timeline, e.upstream(), instances, counted));
    }

    /** The requests that count: to the pool, matching the entry's method and path, in time order. */
    static List<UpstreamRequest> counted(BalanceExpectation e, List<Event> events) {
        List<UpstreamRequest> counted = new ArrayList<>();
        for (Event event : events) {
            if (event instanceof UpstreamRequest r && r.upstream().equals(e.upstream()) && matches(e.match(), r)) {
                counted.add(r);
            }
        }
        counted.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        return counted;
    }

    private static boolean matches(RequestMatch match, UpstreamRequest r) {
        return (match.method() == null || match.method().equalsIgnoreCase(r.method()))
                && (match.path() == null || match.path().matches(r.path()));
    }

    private static InstanceFaults[] states(Scenario scenario, PhaseWindow window, String upstream, int instances) {
        InstanceFaults[] state = new InstanceFaults[instances];
        Optional<PhaseSpec> phase = scenario.phase(window.name());
        for (int i = 0; i < instances; i++) {
            state[i] = phase.isPresent() ? InstanceFaults.of(phase.get(), upstream, i) : InstanceFaults.HEALTHY;
        }
        return state;
    }

    // Episodes follow the whole played timeline: a failure is judged from its start, whatever during says.
    private static List<FaultEpisode> episodes(Scenario scenario, Timeline timeline, String upstream, int instances,
                                               List<UpstreamRequest> counted) {
        List<FaultEpisode> episodes = new ArrayList<>();
        List<PhaseWindow> played = timeline.phases();
        for (int i = 0; i < instances; i++) {
            int w = 0;
            while (w < played.size()) {
                InstanceFaults first = states(scenario, played.get(w), upstream, instances)[i];
                if (!first.failing()) {
                    w++;
                    continue;
                }
                int from = w;
                boolean downOnly = true;
                List<String> names = new ArrayList<>();
                while (w < played.size()) {
                    InstanceFaults f = states(scenario, played.get(w), upstream, instances)[i];
                    if (!f.failing()) {
                        break;
                    }
                    downOnly &= f.downOnly();
                    names.add(played.get(w).name());
                    w++;
                }
                long start = played.get(from).startNanos();
                long end = played.get(w - 1).endNanos();
                episodes.add(new FaultEpisode(i, String.join(", ", names), start, end, downOnly,
                        lastInside(counted, i, start, end), firstAfter(counted, i, end), timeline.endNanos()));
            }
        }
        episodes.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
        return List.copyOf(episodes);
    }

    private static OptionalLong lastInside(List<UpstreamRequest> counted, int instance, long start, long end) {
        OptionalLong last = OptionalLong.empty();
        for (UpstreamRequest r : counted) {
            if (r.instance() == instance && r.atNanos() >= start && r.atNanos() < end) {
                last = OptionalLong.of(r.atNanos());
            }
        }
        return last;
    }

    private static OptionalLong firstAfter(List<UpstreamRequest> counted, int instance, long end) {
        for (UpstreamRequest r : counted) {
            if (r.instance() == instance && r.atNanos() >= end) {
                return OptionalLong.of(r.atNanos());
            }
        }
        return OptionalLong.empty();
    }
}
