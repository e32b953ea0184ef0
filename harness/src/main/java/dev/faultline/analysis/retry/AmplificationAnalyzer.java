package dev.faultline.analysis.retry;

import dev.faultline.analysis.CallGrouper;
import dev.faultline.analysis.CallGrouping;
import dev.faultline.analysis.LogicalCall;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.TimeOrder;
import dev.faultline.analysis.Timeline;
import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures retry amplification at one upstream from the journal. Pure: events in, measurement out.
 *
 * <p>Calls are grouped over the whole run (a call that started before the window keeps its attempts
 * together), then the calls with an attempt in the window are measured with all their
 * attempts, so a storm that outlasts the fault is counted in full.
 */
public final class AmplificationAnalyzer {
    private AmplificationAnalyzer() {
    }

    /**
     * @param events the run's journal, in time order
     * @param scope  what to analyse
     */
    public static AmplificationMeasurement measure(List<Event> events, RetryScope scope) {
        List<UpstreamRequest> attempts = attemptsAt(events, scope.upstream());
        return measure(Timeline.of(events), attempts, CallGrouper.group(attempts, scope.callsBy(), scope.noRetryOn()), scope);
    }

    static AmplificationMeasurement measure(Timeline timeline, List<UpstreamRequest> attempts, CallGrouping grouping, RetryScope scope) {
        List<PhaseWindow> windows = timeline.phases(scope.during());

        long inWindow = 0;
        long faulted = 0;
        for (UpstreamRequest a : attempts) {
            if (Timeline.within(windows, a.atNanos())) {
                inWindow++;
                if (a.faultedOrDependencyFailed()) {
                    faulted++;
                }
            }
        }

        Optional<AmplificationMeasurement.CallStats> callStats = Optional.empty();
        String noIds = "";
        if (grouping instanceof CallGrouping.Calls found) {
            callStats = Optional.of(callStats(found, windows));
        } else if (grouping instanceof CallGrouping.NoCallIds none) {
            noIds = none.reason();
        }

        long inWindowCount = inWindow;
        Optional<AmplificationMeasurement.RateStats> rate = scope.baselinePhase()
                .flatMap(timeline::phase)
                .map(baseline -> {
                    long baselineAttempts = 0;
                    for (int i = 0, n = attempts.size(); i < n; i++) {
                        if (baseline.contains(attempts.get(i).atNanos())) {
                            baselineAttempts++;
                        }
                    }
                    double windowSeconds = windows.stream().mapToDouble(PhaseWindow::seconds).sum();
                    // The attempts in the windows are those counted above (no second pass over them).
                    long windowAttempts = inWindowCount;
                    return new AmplificationMeasurement.RateStats(baseline.name(),
                            baseline.seconds() > 0 ? baselineAttempts / baseline.seconds() : 0,
                            windowSeconds > 0 ? windowAttempts / windowSeconds : 0);
                });

        return new AmplificationMeasurement(scope, windows, inWindow, faulted, callStats, rate, noIds);
    }

    /** The calls with an attempt in the windows, or empty when the attempts carry no call ids. */
    static Optional<MeasuredCalls> measuredCalls(CallGrouping grouping, List<PhaseWindow> windows) {
        if (grouping instanceof CallGrouping.Calls found) {
            List<LogicalCall> calls = found.calls().stream().filter(c -> c.firstIndexIn(windows) >= 0).toList();
            return Optional.of(MeasuredCalls.of(found.basis(), windows, calls));
        }
        return Optional.empty();
    }

    /** One upstream's attempts, in arrival order. */
    public static List<UpstreamRequest> attemptsAt(List<Event> events, String upstream) {
        // Counted first, so that a journal-sized list is allocated once rather than grown by copies.
        int count = 0;
        for (Event e : events) {
            if (e instanceof UpstreamRequest r && r.upstream().equals(upstream)) {
                count++;
            }
        }
        List<UpstreamRequest> attempts = new ArrayList<>(count);
        for (Event e : events) {
            if (e instanceof UpstreamRequest r && r.upstream().equals(upstream)) {
                attempts.add(r);
            }
        }
        TimeOrder.sort(attempts, UpstreamRequest::atNanos);
        return attempts;
    }

    private static AmplificationMeasurement.CallStats callStats(CallGrouping.Calls grouping, List<PhaseWindow> windows) {
        long calls = 0;
        long attempts = 0;
        long withoutId = 0;
        int max = 0;
        String worst = "";
        for (LogicalCall call : grouping.calls()) {
            if (call.firstIndexIn(windows) < 0) {
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
        return new AmplificationMeasurement.CallStats(grouping.basis(), calls, attempts, max, worst, withoutId);
    }
}
