package dev.faultline.upstream.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reproducible stream of uniform variates, lock-free: the n-th value is a pure function of the
 * stream's seed and n (SplitMix64's mixer applied to {@code seed + (n + 1) * GAMMA}, as
 * {@link java.util.SplittableRandom} does), and n comes from one atomic counter. So the values a
 * rule sees depend only on the order in which requests reach that rule, never on thread timing
 * inside the generator or on any other rule. Threadsafe.
 */
public final class SeededStream {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final double UNIT = 0x1.0p-53;

    private final long seed;
    private final AtomicLong next = new AtomicLong();

    private SeededStream(long seed) {
        this.seed = seed;
    }

    /** A stream with exactly this seed (for tests and benchmarks). */
    public static SeededStream ofSeed(long seed) {
        return new SeededStream(seed);
    }

    /**
     * The stream for one purpose of one rule of one upstream. The rule is named by its seed key
     * (its own content), not by its position, so adding another rule leaves this stream unchanged.
     *
     * @param runSeed  the run's seed
     * @param upstream the upstream's name
     * @param seedKey  the rule's {@link dev.faultline.upstream.spec.FaultRule#seedKey()}
     * @param purpose  which draw this stream feeds ({@code probability}, {@code delay}, ...), so a
     *                 rule's streams are independent of each other
     */
    public static SeededStream derive(long runSeed, String upstream, String seedKey, String purpose) {
        long h = FNV_OFFSET;
        h = fnv(h, upstream);
        h = fnv(h, seedKey);
        h = fnv(h, purpose);
        return new SeededStream(mix64(mix64(runSeed) ^ h));
    }

    // The separator byte keeps ("ab", "c") and ("a", "bc") apart.
    private static long fnv(long h, String part) {
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return (h ^ 0xFF) * FNV_PRIME;
    }

    /** The next uniform variate in [0, 1). */
    public double nextUnit() {
        return unitAt(next.getAndIncrement());
    }

    /**
     * Claims {@code count} consecutive positions for one draw that needs several variates, so they
     * stay together even when requests race; read them with {@link #unitAt(long)}.
     *
     * @return the first claimed position
     */
    public long claim(int count) {
        return next.getAndAdd(count);
    }

    /** The uniform variate in [0, 1) at a position of this stream. */
    public double unitAt(long position) {
        return (bitsAt(position) >>> 11) * UNIT;
    }

    /** The 64 random bits at a position of this stream (for random bytes). */
    public long bitsAt(long position) {
        return mix64(seed + (position + 1) * GAMMA);
    }

    /**
     * Fills {@code bytes} with the stream's next bits, claiming one position per eight bytes, so
     * the bytes a request gets depend only on how many bytes earlier requests took.
     */
    public void nextBytes(byte[] bytes) {
        long position = claim((bytes.length + 7) / 8);
        for (int i = 0; i < bytes.length; i += 8) {
            long bits = bitsAt(position++);
            for (int j = i; j < Math.min(i + 8, bytes.length); j++) {
                bytes[j] = (byte) bits;
                bits >>>= 8;
            }
        }
    }

    /** How many positions have been claimed so far. */
    public long drawn() {
        return next.get();
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer, as used by SplitMix64. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
