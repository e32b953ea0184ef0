package dev.faultline.analysis.retry;

import dev.faultline.analysis.PhaseWindow;

/**
 * How bunched the retries of many calls were at the upstream: the peak-to-mean ratio of retry
 * arrivals in 100 ms bins over the retry window (the worst window when several phases are judged).
 *
 * @param window            the phase window whose retries these are
 * @param retries           retries of calls that started in it
 * @param calls             calls that retried
 * @param clients           distinct clients (target replicas) among them
 * @param windowSeconds     the retry window: from the phase's start to the last retry's arrival
 * @param bins              100 ms bins, aligned to the phase's start, from the first to the one holding the last retry
 * @param peak              the most retries that arrived within any 100 ms (a sliding window)
 * @param peakAtNanos       when that busiest 100 ms began (run time)
 * @param firstRetries      first retries (retry 1 of each call) in the window
 * @param firstRetriesPeak  the most first retries that arrived within any 100 ms
 */
public record SyncMeasurement(PhaseWindow window, long retries, long calls, long clients, double windowSeconds,
                              long bins, long peak, long peakAtNanos, long firstRetries, long firstRetriesPeak) {

    /** Mean retries per 100 ms bin of the retry window. */
    public double mean() {
        return (double) retries / bins;
    }

    /** Peak-to-mean ratio: 1 when retries are spread evenly, large when they come in bursts. */
    public double ratio() {
        return retries == 0 ? 0 : peak / mean();
    }

    /**
     * The lowest ratio these many retries could reach in this window, evenly spread: with fewer retries
     * than bins even a perfect spread leaves one retry in the busiest bin against a mean below 1.
     */
    public double lowestPossibleRatio() {
        if (retries == 0) {
            return 0;
        }
        return Math.ceil((double) retries / bins) / mean();
    }
}
