package dev.faultline.analysis.retry;

/**
 * The n-th backoff gap across the calls that made an n-th retry.
 *
 * @param number          n: the gap before retry n (after response n ended)
 * @param samples         calls that made retry n
 * @param meanSeconds     mean gap
 * @param medianSeconds   median gap
 * @param p90Seconds      90th percentile gap
 * @param minSeconds      shortest gap
 * @param maxSeconds      longest gap
 * @param sdSeconds       standard deviation of the gaps (sample, n - 1), 0 for one sample
 * @param afterRetryAfter of those, retries whose previous response named a {@code Retry-After}
 * @param jitter          the spread of the gap among calls that failed together, and whether it is
 *                        jitter (see {@link JitterAnalyzer})
 */
public record GapStats(int number, int samples, double meanSeconds, double medianSeconds, double p90Seconds,
                       double minSeconds, double maxSeconds, double sdSeconds, int afterRetryAfter,
                       LevelJitter jitter) {

    /** True when the gap is no backoff at all: 90 % of them are shorter than {@link BackoffAnalyzer#IMMEDIATE_SECONDS}. */
    public boolean immediate() {
        return p90Seconds < BackoffAnalyzer.IMMEDIATE_SECONDS;
    }

    /** Standard error of the mean gap. */
    public double standardErrorSeconds() {
        return samples > 1 ? sdSeconds / Math.sqrt(samples) : 0;
    }
}
