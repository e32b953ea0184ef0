package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;
import dev.faultline.analysis.CallColumns;
import dev.faultline.analysis.CallGrouping;
import dev.faultline.analysis.JudgedJournal;
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
        JudgedJournal journal = JudgedJournal.of(events);
        AttemptColumns attempts = journal.attemptsAt(scope.upstream());
        CallGrouping grouping = CallColumns.group(attempts, scope.callsBy(), scope.noRetryOn());
        List<PhaseWindow> windows = journal.timeline().phases(scope.during());
        return measure(journal.timeline(), attempts, grouping, measuredCalls(grouping, windows), scope);
    }

    /**
     * @param calls the measured calls of {@code grouping}, when it found calls ({@link #measuredCalls})
     */
    static AmplificationMeasurement measure(Timeline timeline, AttemptColumns attempts, CallGrouping grouping,
                                            Optional<MeasuredCalls> calls, RetryScope scope) {
        List<PhaseWindow> windows = timeline.phases(scope.during());

        long inWindow = 0;
        long faulted = 0;
        int n = attempts.size();
        for (int i = 0; i < n; i++) {
            if (Timeline.within(windows, attempts.at(i))) {
                inWindow++;
                if (attempts.faultedOrDependencyFailed(i)) {
                    faulted++;
                }
            }
        }

        Optional<AmplificationMeasurement.CallStats> callStats = calls.map(AmplificationAnalyzer::callStats);
        String noIds = grouping instanceof CallGrouping.NoCallIds none ? none.reason() : "";

        long inWindowCount = inWindow;
        Optional<AmplificationMeasurement.RateStats> rate = scope.baselinePhase()
                .flatMap(timeline::phase)
                .map(baseline -> {
                    long baselineAttempts = 0;
                    for (int i = 0; i < n; i++) {
                        if (baseline.contains(attempts.at(i))) {
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
        if (grouping instanceof CallColumns found) {
            return Optional.of(MeasuredCalls.of(found, windows));
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

    private static AmplificationMeasurement.CallStats callStats(MeasuredCalls measured) {
        long calls = measured.callCount();
        long attempts = 0;
        long withoutId = 0;
        int max = 0;
        int worst = -1;
        for (int m = 0; m < calls; m++) {
            int size = measured.attemptsOf(m);
            attempts += size;
            if (measured.withoutId(m)) {
                withoutId++;
            }
            if (size > max) {
                max = size;
                worst = m;
            }
        }
        // Only the worst call's key is written out.
        String worstKey = worst < 0 ? "" : measured.key(worst);
        return new AmplificationMeasurement.CallStats(measured.basis(), calls, attempts, max, worstKey, withoutId);
    }
}
