package dev.faultline.upstream.internal;

/**
 * The arithmetic of a body sent at a set bandwidth ({@code body: {bandwidth}}), shared by a route's
 * body ({@link ThrottledBody}) and a real dependency's ({@link ForwardedBody}): bytes go out in steps
 * of about a fiftieth of a second's worth, each when the bytes up to its end are due on an absolute
 * schedule ({@code start + sent / rate}), so timer lateness never accumulates and a body of N bytes
 * takes N / rate seconds.
 *
 * @param bytesPerSecond the rate, above 0
 */
record Pacing(long bytesPerSecond) {
    /** Steps are at most this many bytes, so a high rate still goes out in paced steps. */
    private static final int MAX_STEP = 16 * 1024;

    Pacing {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a bandwidth must be above 0 bytes a second, not " + bytesPerSecond);
        }
    }

    /** A fiftieth of a second's bytes (20 ms per step), at least 1 and at most 16 KiB. */
    int stepBytes() {
        return (int) Math.max(1, Math.min(MAX_STEP, bytesPerSecond / 50));
    }

    /** Nanoseconds after the start at which the first {@code bytes} bytes are due. */
    long dueNanos(long bytes) {
        return (long) (bytes * 1e9 / bytesPerSecond);
    }

    /** How long from {@code nowNanoTime} until {@code bytes} bytes are due, for a body started at {@code startNanoTime}; 0 or less: now. */
    long waitNanos(long startNanoTime, long bytes, long nowNanoTime) {
        return startNanoTime + dueNanos(bytes) - nowNanoTime;
    }
}
