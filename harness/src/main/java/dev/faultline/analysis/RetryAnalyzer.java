package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures retry amplification at one upstream from the journal. Pure: events in, measurement out.
 *
 * <p>Calls are grouped over the whole run (a call that started before the window keeps its attempts
 * together), then the calls whose first attempt arrived in the window are measured with all their
 * attempts, so a storm that outlasts the fault is counted in full.
 */
public final class RetryAnalyzer {
    private RetryAnalyzer() {
    }

    /**
     * @param events the run's journal, in time order
     * @param scope  what to analyse
     */
    public static RetryMeasurement measure(List<Event> events, RetryScope scope) {
        Timeline timeline = Timeline.of(events);
        List<PhaseWindow> windows = timeline.phases(scope.during());
        List<UpstreamRequest> attempts = attemptsAt(events, scope.upstream());

        long inWindow = 0;
        long faulted = 0;
        for (UpstreamRequest a : attempts) {
            if (Timeline.within(windows, a.atNanos())) {
                inWindow++;
                if (a.faulted()) {
                    faulted++;
                }
            }
        }

        CallGrouping grouping = CallGrouper.group(attempts, scope.callsBy());
        Optional<RetryMeasurement.CallStats> callStats = Optional.empty();
        String noIds = "";
        if (grouping instanceof CallGrouping.Calls found) {
            callStats = Optional.of(callStats(found, windows));
        } else if (grouping instanceof CallGrouping.NoCallIds none) {
            noIds = none.reason();
        }

        Optional<RetryMeasurement.RateStats> rate = scope.baselinePhase()
                .flatMap(timeline::phase)
                .map(baseline -> {
                    long baselineAttempts = attempts.stream().filter(a -> baseline.contains(a.atNanos())).count();
                    double windowSeconds = windows.stream().mapToDouble(PhaseWindow::seconds).sum();
                    return new RetryMeasurement.RateStats(baseline.name(),
                            baseline.seconds() > 0 ? baselineAttempts / baseline.seconds() : 0,
                            windowSeconds > 0 ? countIn(attempts, windows) / windowSeconds : 0);
                });

        return new RetryMeasurement(scope, windows, inWindow, faulted, callStats, rate, noIds);
    }

    /** One upstream's attempts, in arrival order. */
    public static List<UpstreamRequest> attemptsAt(List<Event> events, String upstream) {
        List<UpstreamRequest> attempts = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof UpstreamRequest r && r.upstream().equals(upstream)) {
                attempts.add(r);
            }
        }
        attempts.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        return attempts;
    }

    private static long countIn(List<UpstreamRequest> attempts, List<PhaseWindow> windows) {
        return attempts.stream().filter(a -> Timeline.within(windows, a.atNanos())).count();
    }

    private static RetryMeasurement.CallStats callStats(CallGrouping.Calls grouping, List<PhaseWindow> windows) {
        long calls = 0;
        long attempts = 0;
        long withoutId = 0;
        int max = 0;
        String worst = "";
        for (LogicalCall call : grouping.calls()) {
            if (!Timeline.within(windows, call.first().atNanos())) {
                continue;
            }
            calls++;
            attempts += call.attempts().size();
            if (call.key().startsWith("(no ")) {
                withoutId++;
            }
            if (call.attempts().size() > max) {
                max = call.attempts().size();
                worst = call.key();
            }
        }
        return new RetryMeasurement.CallStats(grouping.basis(), calls, attempts, max, worst, withoutId);
    }
}
