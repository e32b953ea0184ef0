package dev.faultline.upstream.internal.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter per window of fixed length, windows aligned on the phase's start: window k covers
 * {@code [origin + k*window, origin + (k+1)*window)}. The window's index and its count share one
 * {@link AtomicLong} (index in the high 32 bits, count in the low 32), so admissions are lock-free.
 * Threadsafe.
 *
 * <p>Known trait of the algorithm, kept on purpose: a client may get up to twice the limit across
 * a window boundary.
 */
final class FixedWindow implements QuotaState {
    private static final long COUNT_MASK = 0xFFFF_FFFFL;

    private final int limit;
    private final long windowNanos;
    private final long originNanos;
    private final AtomicLong state;

    FixedWindow(int limit, long windowNanos, long originNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.originNanos = originNanos;
        this.state = new AtomicLong(0);
    }

    @Override
    public Admission tryAcquire(long nowNanos) {
        long index = Math.floorDiv(nowNanos - originNanos, windowNanos);
        long untilReset = originNanos + (index + 1) * windowNanos - nowNanos;
        // The index wraps after 2^32 windows (50 days of 1 ms windows); only equality is compared.
        long tag = (index & COUNT_MASK) << 32;
        while (true) {
            long current = state.get();
            long count = (current & ~COUNT_MASK) == tag ? current & COUNT_MASK : 0;
            if (count >= limit) {
                return new Admission(false, 0, untilReset);
            }
            if (state.compareAndSet(current, tag | (count + 1))) {
                return new Admission(true, limit - count - 1, untilReset);
            }
        }
    }
}
