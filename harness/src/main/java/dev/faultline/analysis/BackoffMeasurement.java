package dev.faultline.analysis;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The backoff a client used between the attempts of its calls.
 *
 * @param gaps             one entry per retry number n that any call reached, in order
 * @param leadingImmediate how many gap levels at the start were immediate (urllib3's first retry is)
 * @param shape            the shape of the gaps after those immediate ones
 * @param jitterCv         the jitter: coefficient of variation of the n-th gap within cohorts of calls
 *                         that failed together, averaged over n weighted by degrees of freedom; empty
 *                         when no two calls failed together and retried
 * @param jitterDof        degrees of freedom behind {@code jitterCv}
 * @param callsRetried     calls that retried at least once
 * @param retries          retries in all
 * @param afterRetryAfter  retries whose previous response named a {@code Retry-After}
 */
public record BackoffMeasurement(List<GapStats> gaps, int leadingImmediate, BackoffShape shape, OptionalDouble jitterCv,
                                 int jitterDof, long callsRetried, long retries, long afterRetryAfter) {
    public BackoffMeasurement {
        gaps = List.copyOf(gaps);
    }
}
