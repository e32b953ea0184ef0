package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;
import dev.faultline.analysis.RetryAfterValue;
import dev.faultline.analysis.WallClock;

import java.util.ArrayList;
import java.util.List;
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
        AttemptColumns attempts = calls.attempts();
        long naming = 0;
        for (int m = 0, n = calls.callCount(); m < n; m++) {
            for (int k = 0, size = calls.attemptsOf(m); k < size; k++) {
                if (attempts.retryAfter(calls.attemptOf(m, k)) >= 0) {
                    naming++;
                }
            }
        }
        long after = 0;
        long unresolved = 0;
        long invalid = 0;
        long judged = 0;
        // Only the early waits and the closest are kept, each with its retry made as objects when kept:
        // a Wait per retry was a tenth of the bytes judging a million-event journal allocated.
        List<RetryAfterMeasurement.Wait> early = new ArrayList<>();
        RetryAfterMeasurement.Wait closest = null;
        // A fault sends the same few values again and again: each distinct one is parsed once.
        RetryAfterValue[] parsed = new RetryAfterValue[attempts.retryAfterValues()];
        for (int v = 0; v < parsed.length; v++) {
            parsed[v] = RetryAfterValue.parse(attempts.retryAfterValue(v));
        }
        for (int r = 0, retries = calls.retryCount(); r < retries; r++) {
            int previous = calls.retryPrevious(r);
            int header = attempts.retryAfter(previous);
            if (header < 0) {
                continue;
            }
            after++;
            RetryAfterValue value = parsed[header];
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
                long sentMillis = wallClock.get().epochMillisAt(attempts.endedAt(previous));
                date = true;
                asked = Math.max(0, at.at().toEpochMilli() - sentMillis) * 1_000_000L;
            } else {
                invalid++;
                continue;
            }
            judged++;
            long waited = calls.gapNanos(r);
            boolean isEarly = waited < asked - TOLERANCE_NANOS;
            // The first of the smallest margins, as a min over the judged waits in order would pick.
            boolean isClosest = closest == null || waited - asked < closest.marginNanos();
            if (isEarly || isClosest) {
                RetryAfterMeasurement.Wait wait = new RetryAfterMeasurement.Wait(calls.retry(r), attempts.retryAfterValue(header),
                        date, asked, waited);
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
