package dev.faultline.journal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares the strings journal events repeat (upstream names, methods, paths, rule ids, effects,
 * {@code Retry-After} and {@code RateLimit} values), so a million events hold a handful of copies
 * instead of a million.
 * Bounded: once {@link #MAX_ENTRIES} distinct strings are pooled, further new strings are kept as
 * given, so a field with endless distinct values (paths with ids in them) cannot grow the pool
 * without limit; strings longer than {@link #MAX_LENGTH} are never pooled. Threadsafe and lock-free on the common path (a hit).
 */
final class StringPool {
    static final int MAX_ENTRIES = 16_384;
    /**
     * Longer strings are not pooled: they seldom repeat (a path with a payload in it), and 16,384
     * of them would hold tens of megabytes for the life of the journal, outside its byte bound.
     */
    static final int MAX_LENGTH = 256;

    private final ConcurrentHashMap<String, String> pool = new ConcurrentHashMap<>();
    private volatile boolean full;

    /** The pooled copy of {@code value} (equal to it), or {@code value} itself; null stays null. */
    String share(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return value;
        }
        String pooled = pool.get(value);
        if (pooled != null) {
            return pooled;
        }
        if (full || pool.size() >= MAX_ENTRIES) {
            full = true;
            return value;
        }
        pooled = pool.putIfAbsent(value, value);
        return pooled != null ? pooled : value;
    }

    /**
     * True if {@code kept}, a string {@link #share} gave back, is held by the pool (so a journal
     * entry holding it costs nothing more). Costs a lookup only once the pool is full.
     */
    boolean holds(String kept) {
        return kept != null && kept.length() <= MAX_LENGTH && (!full || pool.get(kept) == kept);
    }
}
