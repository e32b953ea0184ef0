package dev.faultline.load;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for the calls in flight to end (the load's, the probes'), in short parks rather than
 * with a latch: calls end on many threads, and only the stopping thread cares when the count
 * reaches zero.
 */
public final class Settling {
    private static final long STEP_NANOS = 5_000_000L;

    private Settling() {
    }

    /** Returns once {@code settled} holds, {@code limit} has passed, or the thread is interrupted. */
    public static void await(BooleanSupplier settled, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!settled.getAsBoolean() && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(STEP_NANOS);
        }
    }
}
