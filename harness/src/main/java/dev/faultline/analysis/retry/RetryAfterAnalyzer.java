package dev.faultline.analysis.retry;

import dev.faultline.analysis.LogicalCall;
import dev.faultline.analysis.Retry;
import dev.faultline.analysis.RetryAfterValue;
import dev.faultline.analysis.WallClock;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retry-After compliance (metrics R9): a retry is early when it arrived before
 * {@code t(response end) + Retry-After - 50 ms}. Delay-seconds are taken as they are; an HTTP-date is
 * turned into a wait with the run's wall-clock start (the wait is the date less the wall-clock time
 * the response ended, and never below zero). Pure.
 */
public final class RetryAfterAnalyzer {
    /** Clock tolerance: a retry this much before the time asked still counts as on time. */
    public static final long TOLERANCE_NANOS = 50_000_000L;

    private RetryAfterAnalyzer() {
    }

    public static RetryAfterMeasurement measure(MeasuredCalls calls, Optional<WallClock> wallClock) {
        long naming = 0;
        for (LogicalCall call : calls.calls()) {
            for (UpstreamRequest attempt : call.attempts()) {
                if (attempt.retryAfter() != null) {
                    naming++;
                }
            }
        }
        long after = 0;
        long unresolved = 0;
        long invalid = 0;
        long judged = 0;
        // Only the early waits and the closest are kept: a Wait per retry was a tenth of the bytes
        // judging a million-event journal allocated.
        List<RetryAfterMeasurement.Wait> early = new ArrayList<>();
        RetryAfterMeasurement.Wait closest = null;
        // A fault sends the same few values again and again: parse each distinct one once.
        Map<String, RetryAfterValue> parsed = new HashMap<>();
        for (Retry r : calls.retries()) {
            String header = r.previous().retryAfter();
            if (header == null) {
                continue;
            }
            after++;
            RetryAfterValue value = parsed.computeIfAbsent(header, RetryAfterValue::parse);
            boolean date;
            long asked;
            if (value instanceof RetryAfterValue.Delay delay) {
                date = false;
                asked = delay.seconds() * 1_000_000_000L;
            } else if (value instanceof RetryAfterValue.Date at) {
                if (wallClock.isEmpty()) {
                    unresolved++;
                    continue;
                }
                long sentMillis = wallClock.get().epochMillisAt(r.previousEndNanos());
                date = true;
                asked = Math.max(0, at.at().toEpochMilli() - sentMillis) * 1_000_000L;
            } else {
                invalid++;
                continue;
            }
            judged++;
            long waited = r.gapNanos();
            boolean isEarly = waited < asked - TOLERANCE_NANOS;
            // The first of the smallest margins, as a min over the judged waits in order would pick.
            boolean isClosest = closest == null || waited - asked < closest.marginNanos();
            if (isEarly || isClosest) {
                RetryAfterMeasurement.Wait wait = new RetryAfterMeasurement.Wait(r, header, date, asked, waited);
                if (isEarly) {
                    early.add(wait);
                }
                if (isClosest) {
                    closest = wait;
                }
            }
        }
        return new RetryAfterMeasurement(naming, after, judged, early, Optional.ofNullable(closest), unresolved, invalid);
    }
}
