package dev.faultline.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The run's append-only, bounded event log.
 *
 * <p>Appends are lock-free (one atomic increment and an array store), so the fake upstream's hot
 * path never waits on it. Past the capacity, events are counted but not kept, and
 * {@link #dropped()} says how many; the report states it, so an analysis of a truncated journal is
 * never mistaken for a whole one. Storage grows in chunks as events arrive, so an idle journal with a
 * large cap costs almost nothing.
 *
 * <p>Requests at fake upstreams, nearly all of a journal, are kept in a compact form (shared
 * strings, ids as longs; see {@link CompactUpstreamRequest}) of about 173 bytes each, and become
 * {@link UpstreamRequest} records again when read. Threadsafe.
 */
public final class Journal {
    /** Default cap, per the scenario format. */
    public static final int DEFAULT_CAPACITY = 1_000_000;

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private final int capacity;
    private final StringPool strings = new StringPool();
    // Replaced whole by clear(), so appends never wait on a reset: an append racing with clear()
    // lands in the old storage and is forgotten with it.
    private volatile Storage storage;

    /** Slots and their reservation counter. Each slot holds an Event, or the CompactUpstreamRequest standing for one. */
    private static final class Storage {
        final AtomicReferenceArray<AtomicReferenceArray<Object>> chunks;
        final AtomicLong reserved = new AtomicLong();

        Storage(int capacity) {
            chunks = new AtomicReferenceArray<>((capacity + CHUNK_SIZE - 1) >>> CHUNK_BITS);
        }

        AtomicReferenceArray<Object> chunk(int index) {
            AtomicReferenceArray<Object> chunk = chunks.get(index);
            if (chunk == null) {
                chunks.compareAndSet(index, null, new AtomicReferenceArray<>(CHUNK_SIZE));
                chunk = chunks.get(index);
            }
            return chunk;
        }
    }

    /**
     * @param capacity the most events kept; must be positive
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public Journal(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("journal capacity must be > 0 but was " + capacity);
        }
        this.capacity = capacity;
        this.storage = new Storage(capacity);
    }

    /** A journal with {@link #DEFAULT_CAPACITY}. */
    public static Journal withDefaultCapacity() {
        return new Journal(DEFAULT_CAPACITY);
    }

    /**
     * Records an event.
     *
     * @return true if it was kept, false if the journal is full (the event is only counted)
     */
    public boolean append(Event event) {
        Storage into = storage;
        long slot = into.reserved.getAndIncrement();
        if (slot >= capacity) {
            return false;
        }
        Object kept = event;
        if (event instanceof UpstreamRequest request) {
            CompactUpstreamRequest compact = CompactUpstreamRequest.of(request, strings);
            if (compact != null) {
                kept = compact;
            }
        }
        into.chunk((int) (slot >>> CHUNK_BITS)).set((int) (slot & CHUNK_MASK), kept);
        return true;
    }

    /**
     * Forgets every event and the counts ({@code faultline serve}'s reset). Appends in progress on
     * other threads at that instant may land before or after the reset.
     */
    public void clear() {
        storage = new Storage(capacity);
    }

    /** The most events kept. */
    public int capacity() {
        return capacity;
    }

    /** Events offered so far, kept or not. */
    public long offered() {
        return storage.reserved.get();
    }

    /** Events offered after the journal was full. */
    public long dropped() {
        return Math.max(0, storage.reserved.get() - capacity);
    }

    /**
     * The events kept so far, in time order ({@link Event#atNanos()}, ties in append order).
     * An append still in progress on another thread may be missing; after the run's components
     * have stopped the snapshot is complete.
     */
    public List<Event> snapshot() {
        List<Event> events = inAppendOrder();
        events.sort(Comparator.comparingLong(Event::atNanos));
        return events;
    }

    /** The events kept so far, in the order they were appended. */
    public List<Event> inAppendOrder() {
        Storage from = storage;
        long end = Math.min(from.reserved.get(), capacity);
        List<Event> events = new ArrayList<>((int) end);
        for (long slot = 0; slot < end; slot++) {
            AtomicReferenceArray<Object> chunk = from.chunks.get((int) (slot >>> CHUNK_BITS));
            Object kept = chunk == null ? null : chunk.get((int) (slot & CHUNK_MASK));
            if (kept instanceof CompactUpstreamRequest compact) {
                events.add(compact.toEvent());
            } else if (kept != null) {
                events.add((Event) kept);
            }
        }
        return events;
    }
}
