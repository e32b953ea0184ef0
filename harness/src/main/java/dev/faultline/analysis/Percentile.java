package dev.faultline.analysis;

/**
 * The one percentile definition of faultline: the <em>nearest rank</em> on the exact values. The p-th
 * percentile of n sorted values is the value at 1-based rank ⌈p·n⌉ (at least 1): always a value that was
 * measured, never an interpolation between two, and p99 of fewer than 100 values is the maximum. Every
 * latency, lag, lateness and timer-oversleep percentile in checks, notes, reports and charts is computed here.
 *
 * <p>One other estimator lives here and is not a percentile that anyone reads: {@link #interpolated}, the
 * linear-interpolated quantile (Hyndman and Fan's type 7), which the retry analysis uses for the middle half
 * (interquartile range) of a retry level's gaps and for whether a level is immediate. It is a measure of
 * spread on a few dozen gaps, where a nearest-rank quartile jumps by a whole gap from one sample to the
 * next; the jitter rule's noise floor was calibrated on it. Pure.
 */
public final class Percentile {
    private Percentile() {
    }

    /**
     * The nearest-rank percentile of values sorted in ascending order.
     *
     * @param sorted values, ascending, at least one
     * @param p      the percentile as a fraction, 0..1 ({@code 0.99} for p99)
     */
    public static long nearestRank(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a percentile of");
        }
        return sorted[index(sorted.length, p)];
    }

    /** {@link #nearestRank(long[], double)} for values in a double unit (retry gaps in seconds). */
    public static double nearestRank(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a percentile of");
        }
        return sorted[index(sorted.length, p)];
    }

    private static int index(int n, double p) {
        // p·n in floating point can land a hair above a whole number (0.07 × 100 = 7.000000000000001);
        // rounding to 9 decimals first keeps an exact rank exact.
        double rank = Math.ceil(Math.round(p * n * 1e9) / 1e9);
        return (int) Math.max(0, Math.min(n - 1, rank - 1));
    }

    /**
     * The linear-interpolated quantile of sorted values (type 7): the retry analysis's spread estimator,
     * not a reported percentile (see the class comment).
     */
    public static double interpolated(double[] sorted, double q) {
        return interpolated(sorted, sorted.length, q);
    }

    /** {@link #interpolated(double[], double)} of the first {@code length} values of {@code sorted}. */
    public static double interpolated(double[] sorted, int length, double q) {
        if (length == 0) {
            throw new IllegalArgumentException("no values to take a quantile of");
        }
        if (length == 1) {
            return sorted[0];
        }
        double pos = q * (length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
