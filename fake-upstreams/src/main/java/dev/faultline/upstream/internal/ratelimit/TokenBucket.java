package dev.faultline.upstream.internal.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket of {@code limit} tokens refilled continuously at {@code limit} per window, kept as
 * the generic cell rate algorithm (GCRA): one number, the theoretical arrival time {@code tat} at
 * which the bucket would be full again. A request costs one emission interval {@code T = window /
 * limit}; it is admitted while the debt {@code tat - now} stays within the window. That is exactly a
 * bucket of {@code limit} tokens with a steady refill, in one {@link AtomicLong} updated by
 * compare-and-set, so admissions never take a lock. Threadsafe.
 */
final class TokenBucket implements QuotaState {
    private final long windowNanos;
    private final long intervalNanos;
    private final AtomicLong tat;

    /**
     * @param limit       the bucket's capacity, and the tokens added per window
     * @param windowNanos the window, in nanoseconds
     * @param originNanos run time at which the bucket starts full
     */
    TokenBucket(int limit, long windowNanos, long originNanos) {
        this.windowNanos = windowNanos;
        // Rounded down so the bucket never holds fewer than limit tokens; the refill is then at most
        // one nanosecond per window faster than asked.
        this.intervalNanos = Math.max(1, windowNanos / limit);
        this.tat = new AtomicLong(originNanos);
    }

    @Override
    public Admission tryAcquire(long nowNanos) {
        while (true) {
            long current = tat.get();
            long start = Math.max(current, nowNanos);
            long next = start + intervalNanos;
            long debt = next - nowNanos;
            if (debt > windowNanos) {
                return new Admission(false, 0, next - windowNanos - nowNanos);
            }
            if (tat.compareAndSet(current, next)) {
                long remaining = (windowNanos - debt) / intervalNanos;
                // The next token arrives when the debt has shrunk by what separates it from the
                // next whole token.
                long untilMore = debt - (windowNanos - (remaining + 1) * intervalNanos);
                return new Admission(true, remaining, Math.max(0, untilMore));
            }
        }
    }
}
