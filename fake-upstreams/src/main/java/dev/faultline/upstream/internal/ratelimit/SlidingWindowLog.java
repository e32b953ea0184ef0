package dev.faultline.upstream.internal.ratelimit;

/**
 * The exact sliding window: a log of the admission times of the last {@code limit} admitted
 * requests; a request is admitted while fewer than {@code limit} admissions lie within the window
 * before it. The log is a ring of {@code limit} longs behind a lock held for a few comparisons.
 * Threadsafe.
 */
final class SlidingWindowLog implements QuotaState {
    private final int limit;
    private final long windowNanos;
    private final long[] admittedAt;
    private int oldest;
    private int size;

    SlidingWindowLog(int limit, long windowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.admittedAt = new long[limit];
    }

    @Override
    public synchronized Admission tryAcquire(long nowNanos) {
        // An admission leaves the window once a whole window has passed since it.
        while (size > 0 && admittedAt[oldest] <= nowNanos - windowNanos) {
            oldest = (oldest + 1) % limit;
            size--;
        }
        if (size == limit) {
            return new Admission(false, 0, admittedAt[oldest] + windowNanos - nowNanos);
        }
        admittedAt[(oldest + size) % limit] = nowNanos;
        size++;
        return new Admission(true, limit - size, Math.max(0, admittedAt[oldest] + windowNanos - nowNanos));
    }
}
