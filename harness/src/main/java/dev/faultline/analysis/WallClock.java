package dev.faultline.analysis;

/**
 * The run's wall-clock start, which turns an HTTP-date {@code Retry-After} into a wait on the run's
 * clock. The journal places every event on the monotonic run clock only; the caller that knows the
 * start (the run) supplies it, so analyzers still read no clock.
 *
 * @param startEpochMillis wall-clock time at run time zero, in milliseconds since the epoch
 */
public record WallClock(long startEpochMillis) {

    /** Wall-clock milliseconds since the epoch at a run time. */
    public long epochMillisAt(long runNanos) {
        return startEpochMillis + Math.floorDiv(runNanos, 1_000_000L);
    }
}
