package dev.faultline.analysis.retry;

import java.util.List;

/**
 * The backoff a client used between the attempts of its calls.
 *
 * @param gaps             one entry per retry number n that any call reached, in order
 * @param leadingImmediate how many gap levels at the start were immediate (urllib3's first retry is)
 * @param shape            the shape of the gaps after those immediate ones
 * @param jitter           the jitter, judged retry level by retry level
 * @param callsRetried     calls that retried at least once
 * @param retries          retries in all
 * @param afterRetryAfter  retries whose previous response named a {@code Retry-After}
 */
public record BackoffMeasurement(List<GapStats> gaps, int leadingImmediate, BackoffShape shape, JitterMeasurement jitter,
                                 long callsRetried, long retries, long afterRetryAfter) {
    public BackoffMeasurement {
        gaps = List.copyOf(gaps);
    }
}
