package dev.faultline.load;

import dev.faultline.journal.PackedIds;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Fresh correlation headers for every request: an {@code X-Request-Id} (a random UUID) and a W3C
 * {@code traceparent} whose trace id is the same 128 bits, so a request can be followed through
 * the target to the fake upstreams by either header. Ids are not derived from the run seed: a
 * replayed run must not present the same ids to a target that remembers them. Not threadsafe.
 */
final class RequestIds {
    /** Version 00, flags 01 (sampled). */
    private static final int SAMPLED_V0 = 0x01;

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private long high;
    private long low;

    /** Draws the next id; read it with {@link #requestId()} and {@link #traceparent()}. */
    void next() {
        // Version 4, variant 10: a well-formed random UUID, and never an all-zero trace id.
        high = (random.nextLong() & ~0xF000L) | 0x4000L;
        low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    }

    /** The id as a UUID: {@code 8-4-4-4-12} lower-case hex digits. */
    String requestId() {
        return PackedIds.uuid(high, low);
    }

    /** {@code 00-<trace id: the request id's 32 hex digits>-<random span id>-01}. */
    String traceparent() {
        return PackedIds.traceparent(SAMPLED_V0, high, low, random.nextLong() | 1L);
    }
}
