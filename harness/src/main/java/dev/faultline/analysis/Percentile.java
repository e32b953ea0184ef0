package dev.faultline.analysis;

/**
 * The one percentile definition of faultline: the <em>nearest rank</em> on the exact values. The p-th
 * percentile of n sorted values is the value at 1-based rank ⌈p·n⌉ (at least 1): always a value that was
 * measured, never an interpolation between two, and p99 of fewer than 100 values is the maximum. Every
 * latency, lag and lateness percentile in checks, notes, reports and charts is computed here. Pure.
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
        // p·n in floating point can land a hair above a whole number (0.07 × 100 = 7.000000000000001);
        // rounding to 9 decimals first keeps an exact rank exact.
        double rank = Math.ceil(Math.round(p * sorted.length * 1e9) / 1e9);
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
