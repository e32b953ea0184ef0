package dev.faultline.journal;

/**
 * The run's monotonic clock: nanoseconds since the run started.
 *
 * <p>Wall-clock time appears only once, as the run's start instant in the report; every event is
 * placed by {@link System#nanoTime()} so that NTP steps cannot reorder the timeline. Threadsafe.
 */
public final class RunClock {
    private final long originNanos;
    private final long startEpochMillis;

    private RunClock(long originNanos, long startEpochMillis) {
        this.originNanos = originNanos;
        this.startEpochMillis = startEpochMillis;
    }

    /** A clock whose zero is now. */
    public static RunClock startingNow() {
        return new RunClock(System.nanoTime(), System.currentTimeMillis());
    }

    /** Nanoseconds since the run started. */
    public long nanos() {
        return System.nanoTime() - originNanos;
    }

    /** Converts an absolute {@link System#nanoTime()} reading to run time. */
    public long toRunNanos(long systemNanoTime) {
        return systemNanoTime - originNanos;
    }

    /** Wall-clock time of the run's start, in milliseconds since the epoch. */
    public long startEpochMillis() {
        return startEpochMillis;
    }

    /** Wall-clock milliseconds since the epoch at the given run time (for HTTP-date arithmetic). */
    public long epochMillisAt(long runNanos) {
        return startEpochMillis + runNanos / 1_000_000L;
    }
}
