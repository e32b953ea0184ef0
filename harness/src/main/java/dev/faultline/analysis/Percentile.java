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

    /**
     * {@link #interpolated(double[], int, double)} of the first {@code length} values of {@code values}, in
     * any order: the two values the quantile falls between are found by selection (linear time, not a
     * sort), and the values are left partly reordered. The same result as sorting first.
     */
    public static double interpolatedSelecting(double[] values, int length, double q) {
        if (length == 0) {
            throw new IllegalArgumentException("no values to take a quantile of");
        }
        if (length == 1) {
            return values[0];
        }
        double pos = q * (length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, length - 1);
        select(values, length, lo);
        double low = values[lo];
        double high = low;
        if (hi != lo) {
            // After the selection, every value past lo is at least values[lo]: the next in order is their least.
            high = values[hi];
            for (int i = hi + 1; i < length; i++) {
                high = Math.min(high, values[i]);
            }
        }
        return low + (pos - lo) * (high - low);
    }

    /** Puts the k-th smallest of the first {@code length} values at index k, smaller ones before it and larger after. */
    private static void select(double[] values, int length, int k) {
        int left = 0;
        int right = length - 1;
        while (right > left) {
            // Median of three as the pivot: sorted or reversed input stays linear.
            int mid = (left + right) >>> 1;
            double pivot = median(values[left], values[mid], values[right]);
            int i = left;
            int j = right;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
