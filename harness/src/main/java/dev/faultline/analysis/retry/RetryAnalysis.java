package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;
import dev.faultline.analysis.CallColumns;
import dev.faultline.analysis.CallGrouping;
import dev.faultline.analysis.JudgedJournal;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.journal.Event;

import java.util.List;
import java.util.Optional;

/**
 * Every retry measurement of one upstream over one fault window, from one pass of call grouping.
 * Pure: the journal in, measurements out. Every analyzer reads the same columns (the upstream's
 * {@link AttemptColumns}, the calls as {@link CallColumns}, the measured calls and their retries as
 * {@link MeasuredCalls}), built once.
 *
 * @param amplification attempts, calls, amplification and the retry ratio
 * @param calls         the calls judged, when attempts could be grouped into calls
 * @param backoff       gaps, their shape and jitter (needs calls)
 * @param sync          how bunched the retries were (needs calls; empty when no call retried)
 * @param retryAfter    Retry-After compliance (needs calls)
 * @param nonRetryable  retries after {@code no-retry-on} statuses, and of unkeyed POST/PATCH (needs calls)
 * @param recovery      recovery of the attempt rate after the fault window (needs no calls)
 */
public record RetryAnalysis(AmplificationMeasurement amplification, Optional<MeasuredCalls> calls,
                            Optional<BackoffMeasurement> backoff, Optional<SyncMeasurement> sync,
                            Optional<RetryAfterMeasurement> retryAfter, Optional<NonRetryableMeasurement> nonRetryable,
                            RecoveryMeasurement recovery) {

    /** Analyses the journal (events in time order) for the scope. */
    public static RetryAnalysis of(List<Event> events, RetryScope scope) {
        return of(JudgedJournal.of(events), scope);
    }

    /** Analyses the journal for the scope. */
    public static RetryAnalysis of(JudgedJournal journal, RetryScope scope) {
        Timeline timeline = journal.timeline();
        AttemptColumns attempts = journal.attemptsAt(scope.upstream());
        CallGrouping grouping = CallColumns.group(attempts, scope.callsBy(), scope.noRetryOn());
        List<PhaseWindow> windows = timeline.phases(scope.during());
        Optional<MeasuredCalls> calls = AmplificationAnalyzer.measuredCalls(grouping, windows);
        AmplificationMeasurement amplification = AmplificationAnalyzer.measure(timeline, attempts, grouping, calls, scope);
        return new RetryAnalysis(amplification, calls,
                calls.map(c -> BackoffAnalyzer.measure(c, MachineNoise.of(journal.otherEvents()))),
                calls.flatMap(SyncAnalyzer::measure),
                calls.map(c -> RetryAfterAnalyzer.measure(c, scope.wallClock())),
                calls.map(c -> NonRetryableAnalyzer.measure(c, scope.noRetryOn())),
                RecoveryAnalyzer.measure(attempts, timeline, scope));
    }
}
