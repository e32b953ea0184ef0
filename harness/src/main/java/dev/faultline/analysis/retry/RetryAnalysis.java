package dev.faultline.analysis.retry;

import dev.faultline.analysis.CallGrouper;
import dev.faultline.analysis.CallGrouping;
import dev.faultline.analysis.Timeline;
import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;

import java.util.List;
import java.util.Optional;

/**
 * Every retry measurement of one upstream over one fault window, from one pass of call grouping.
 * Pure: the journal in, measurements out.
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
        Timeline timeline = Timeline.of(events);
        List<UpstreamRequest> attempts = AmplificationAnalyzer.attemptsAt(events, scope.upstream());
        CallGrouping grouping = CallGrouper.group(attempts, scope.callsBy(), scope.noRetryOn());
        AmplificationMeasurement amplification = AmplificationAnalyzer.measure(timeline, attempts, grouping, scope);
        Optional<MeasuredCalls> calls = AmplificationAnalyzer.measuredCalls(grouping, amplification.windows());
        return new RetryAnalysis(amplification, calls,
                calls.map(c -> BackoffAnalyzer.measure(c.retries())),
                calls.flatMap(SyncAnalyzer::measure),
                calls.map(c -> RetryAfterAnalyzer.measure(c, scope.wallClock())),
                calls.map(c -> NonRetryableAnalyzer.measure(c, scope.noRetryOn())),
                RecoveryAnalyzer.measure(attempts, timeline, scope));
    }
}
