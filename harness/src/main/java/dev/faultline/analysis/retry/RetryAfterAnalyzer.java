package dev.faultline.analysis.retry;

import dev.faultline.analysis.LogicalCall;
import dev.faultline.analysis.Retry;
import dev.faultline.analysis.RetryAfterValue;
import dev.faultline.analysis.WallClock;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.Comparator;
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
        List<RetryAfterMeasurement.Wait> judged = new ArrayList<>();
        // A fault sends the same few values again and again: parse each distinct one once.
        Map<String, RetryAfterValue> parsed = new HashMap<>();
        for (Retry r : calls.retries()) {
            String header = r.previous().retryAfter();
            if (header == null) {
                continue;
            }
            after++;
            RetryAfterValue value = parsed.computeIfAbsent(header, RetryAfterValue::parse);
            if (value instanceof RetryAfterValue.Delay delay) {
                long asked = delay.seconds() * 1_000_000_000L;
                judged.add(new RetryAfterMeasurement.Wait(r, header, false, asked, r.gapNanos()));
            } else if (value instanceof RetryAfterValue.Date date) {
                if (wallClock.isEmpty()) {
                    unresolved++;
                    continue;
                }
                long sentMillis = wallClock.get().epochMillisAt(r.previousEndNanos());
                long askedMillis = Math.max(0, date.at().toEpochMilli() - sentMillis);
                judged.add(new RetryAfterMeasurement.Wait(r, header, true, askedMillis * 1_000_000L, r.gapNanos()));
            } else {
                invalid++;
            }
        }
        List<RetryAfterMeasurement.Wait> early = judged.stream()
                .filter(w -> w.waitedNanos() < w.askedNanos() - TOLERANCE_NANOS)
                .toList();
        Optional<RetryAfterMeasurement.Wait> closest = judged.stream()
                .min(Comparator.comparingLong(RetryAfterMeasurement.Wait::marginNanos));
        return new RetryAfterMeasurement(naming, after, judged.size(), early, closest, unresolved, invalid);
    }
}
