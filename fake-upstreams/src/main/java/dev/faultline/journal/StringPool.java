package dev.faultline.journal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares the strings journal events repeat (upstream names, methods, paths, rule ids, effects,
 * {@code Retry-After} and {@code RateLimit} values), so a million events hold a handful of copies
 * instead of a million.
 * Bounded: once {@link #MAX_ENTRIES} distinct strings are pooled, further new strings are kept as
 * given, so a field with endless distinct values (paths with ids in them) cannot grow the pool
 * without limit. Threadsafe and lock-free on the common path (a hit).
 */
final class StringPool {
    static final int MAX_ENTRIES = 16_384;

    private final ConcurrentHashMap<String, String> pool = new ConcurrentHashMap<>();

    /** The pooled copy of {@code value} (equal to it), or {@code value} itself; null stays null. */
    String share(String value) {
        if (value == null) {
            return null;
        }
        String pooled = pool.get(value);
        if (pooled != null) {
            return pooled;
        }
        if (pool.size() >= MAX_ENTRIES) {
            return value;
        }
        pooled = pool.putIfAbsent(value, value);
        return pooled != null ? pooled : value;
    }
}
