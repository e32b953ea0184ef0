package dev.faultline.analysis;

/**
 * How bunched arrivals on the run's clock were: the most of them within any 100 ms. Shared by the
 * retry analyses (retry sync, the normal burst before recovery) and the fairness herd, which all
 * count in the same bins. Pure.
 */
public final class Bursts {
    /** Width of a bin. */
    public static final long BIN_NANOS = 100_000_000L;

    private Bursts() {
    }

    /**
     * The most arrivals within any {@link #BIN_NANOS} and when that stretch began, found with a sliding
     * window so that a burst straddling a bin edge is not split in two.
     *
     * @param sorted arrival times in nanoseconds, ascending
     * @return {@code {count, startNanos}}
     */
    public static long[] peak(long[] sorted) {
        long best = 0;
        long at = sorted.length == 0 ? 0 : sorted[0];
        int lo = 0;
        for (int hi = 0; hi < sorted.length; hi++) {
            while (sorted[hi] - sorted[lo] >= BIN_NANOS) {
                lo++;
            }
            if (hi - lo + 1 > best) {
                best = hi - lo + 1;
                at = sorted[lo];
            }
        }
        return new long[] {best, at};
    }
}
