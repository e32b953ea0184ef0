package dev.faultline.load;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Fresh correlation headers for every request: an {@code X-Request-Id} (a random UUID) and a W3C
 * {@code traceparent} whose trace id is the same 128 bits, so a request can be followed through
 * the target to the fake upstreams by either header. Ids are not derived from the run seed: a
 * replayed run must not present the same ids to a target that remembers them. Not threadsafe.
 */
final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
        char[] out = new char[36];
        hex(high >>> 32, 8, out, 0);
        out[8] = '-';
        hex(high >>> 16, 4, out, 9);
        out[13] = '-';
        hex(high, 4, out, 14);
        out[18] = '-';
        hex(low >>> 48, 4, out, 19);
        out[23] = '-';
        hex(low, 12, out, 24);
        return new String(out);
    }

    /** {@code 00-<trace id: the request id's 32 hex digits>-<random span id>-01}. */
    String traceparent() {
        long span = random.nextLong() | 1L;
        char[] out = new char[55];
        out[0] = '0';
        out[1] = '0';
        out[2] = '-';
        hex(high, 16, out, 3);
        hex(low, 16, out, 19);
        out[35] = '-';
        hex(span, 16, out, 36);
        out[52] = '-';
        out[53] = '0';
        out[54] = '1';
        return new String(out);
    }

    private static void hex(long value, int digits, char[] out, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
