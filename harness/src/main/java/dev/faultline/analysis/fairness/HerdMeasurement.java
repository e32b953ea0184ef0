package dev.faultline.analysis.fairness;

/**
 * How bunched the clients' returns after a 429 were (metrics L11, the herd at the reset): the first
 * request of a client after each of its 429s is a <em>return</em>. The window runs from the first
 * return to the last (the wait before the first return is no time to spread returns over); the mean
 * is the returns divided by its 100 ms bins (empty ones included), the peak the most returns within
 * any 100 ms (a sliding window).
 *
 * @param returns       returns in the window
 * @param clients       clients that returned
 * @param windowSeconds from the first return to the last
 * @param bins          100 ms bins in the window
 * @param peak          most returns within any 100 ms
 * @param peakAtNanos   when that busiest stretch began
 */
public record HerdMeasurement(long returns, long clients, double windowSeconds, long bins, long peak, long peakAtNanos) {

    /** Returns per 100 ms bin. */
    public double mean() {
        return (double) returns / bins;
    }

    /** Peak / mean: 1 is evenly spread. */
    public double ratio() {
        return peak / mean();
    }

    /** The ratio a perfectly even spread of these returns would still score: with fewer returns than bins it is above 1. */
    public double lowestPossibleRatio() {
        return Math.ceil((double) returns / bins) / mean();
    }
}
