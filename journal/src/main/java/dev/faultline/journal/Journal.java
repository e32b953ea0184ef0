package dev.faultline.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The run's append-only event log, bounded by a count of events and by their estimated bytes.
 *
 * <p>What a full journal does is its {@link Retention}: a run's journal keeps the first events and
 * counts the rest as dropped (lock-free appends, so the fake upstream's hot path never waits);
 * {@code faultline serve}'s keeps the newest and counts the evicted ones. Either way
 * {@link #dropped()} says how many events are missing, so an analysis of a truncated journal is
 * never mistaken for a whole one.
 *
 * <p>The byte bound exists because events are not all alike: a request with a 2 KB path holds ten
 * times the heap of a typical one, so a count alone let a journal grow to gigabytes. Sizes are
 * estimated ({@link Footprint}); requests at fake upstreams, nearly all of a journal, are kept in a
 * compact form (shared strings, ids as longs; see {@link CompactUpstreamRequest}) of about 173 bytes
 * each, and become {@link UpstreamRequest} records again when read.
 *
 * <p>Every event kept gets a sequence number, in append order, that stays with it; numbers go on
 * across {@link #clear()}, so a reader's cursor ({@link #forEach}) stays valid. Threadsafe.
 */
public final class Journal {
    /** Default count bound, per the scenario format. */
    public static final int DEFAULT_CAPACITY = 1_000_000;
    /** Default byte bound, per the scenario format: 256 MiB, above a million typical requests (173 MB). */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private static final int BATCH = 512;

    private final int capacity;
    private final long maxBytes;
    private final Retention retention;
    private final StringPool strings = new StringPool();
    // Replaced whole by clear(), so appends never wait on a reset: an append racing with clear()
    // lands in the old store and is forgotten with it.
    private volatile JournalStore store;

    /** Visits journal events with their sequence numbers. */
    @FunctionalInterface
    public interface Visitor {
        /** @return false to stop visiting */
        boolean visit(long sequence, Event event);
    }

    /**
     * A run's journal: keeps the first events, at most {@code capacity} of them and
     * {@link #DEFAULT_MAX_BYTES}.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public Journal(int capacity) {
        this(capacity, DEFAULT_MAX_BYTES, Retention.KEEP_FIRST);
    }

    /**
     * @param capacity  the most events kept; must be positive
     * @param maxBytes  the most estimated bytes kept; must be positive
     * @param retention which events a full journal keeps
     * @throws IllegalArgumentException if a bound is not positive
     */
    public Journal(int capacity, long maxBytes, Retention retention) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("journal capacity must be > 0 but was " + capacity);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("journal byte bound must be > 0 but was " + maxBytes);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.retention = java.util.Objects.requireNonNull(retention, "retention");
        this.store = newStore(0);
    }

    /** A journal with {@link #DEFAULT_CAPACITY}. */
    public static Journal withDefaultCapacity() {
        return new Journal(DEFAULT_CAPACITY);
    }

    private JournalStore newStore(long start) {
        return retention == Retention.KEEP_FIRST
                ? new FirstEntriesStore(capacity, maxBytes, start)
                : new LastEntriesStore(capacity, maxBytes, start);
    }

    /**
     * Records an event.
     *
     * @return true if it was kept, false if a full journal only counted it
     */
    public boolean append(Event event) {
        Object kept = event;
        if (event instanceof UpstreamRequest request) {
            CompactUpstreamRequest compact = CompactUpstreamRequest.of(request, strings);
            if (compact != null) {
                kept = compact;
            }
        }
        return store.add(kept, Footprint.of(kept));
    }

    /**
     * Forgets every event and the counts ({@code faultline serve}'s reset); sequence numbers go on.
     * Appends in progress on other threads at that instant may land before or after the reset.
     */
    public void clear() {
        JournalStore old = store;
        store = newStore(old.endSequence());
    }

    /** The most events kept. */
    public int capacity() {
        return capacity;
    }

    /** The most estimated bytes kept. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Which events a full journal keeps. */
    public Retention retention() {
        return retention;
    }

    /** Events offered so far, kept or not. */
    public long offered() {
        return store.offered();
    }

    /** Events offered and not kept (the first events kept) or evicted since (the newest kept). */
    public long dropped() {
        return store.lost();
    }

    /** Events held now. */
    public long size() {
        return store.held();
    }

    /** Estimated bytes of the events held now. */
    public long bytes() {
        return store.bytes();
    }

    /** Sequence number of the oldest event held (of the next one, when none is). */
    public long firstSequence() {
        return store.firstSequence();
    }

    /** Sequence number the next event kept will get. */
    public long endSequence() {
        return store.endSequence();
    }

    /**
     * Visits the events held with sequence numbers from {@code from} (or the oldest held, if later)
     * up to {@code until} (exclusive), in append order, reading a few hundred at a time so nothing
     * is copied whole. Events evicted meanwhile are skipped, and so is an append still in progress
     * on another thread (a journal keeping the first events only).
     */
    public void forEach(long from, long until, Visitor visitor) {
        long next = from;
        JournalStore source = store;
        while (next < until) {
            JournalStore.Batch batch = source.read(next, (int) Math.min(BATCH, until - next));
            if (batch.size() == 0) {
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                Object entry = batch.entries()[i];
                if (entry != null && !visitor.visit(batch.first() + i, event(entry))) {
                    return;
                }
            }
            next = batch.first() + batch.size();
        }
    }

    /** Visits what a journal holds as it holds it: requests at upstreams as views, other events as they are. */
    public interface HeldVisitor {
        /** A request at an upstream, compact or a record; valid as long as the journal holds it. */
        void request(UpstreamRequestView request);

        /** Any other event. */
        void event(Event event);
    }

    /**
     * Visits every event held, in append order, without turning compact requests back into records:
     * an analysis of a full journal reads columns of numbers from the views and rebuilds as records
     * only the few requests a report names ({@link UpstreamRequestView#toRecord()}).
     */
    public void forEachHeld(HeldVisitor visitor) {
        long next = 0;
        JournalStore source = store;
        while (true) {
            JournalStore.Batch batch = source.read(next, BATCH);
            if (batch.size() == 0) {
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                Object entry = batch.entries()[i];
                if (entry instanceof UpstreamRequestView request) {
                    visitor.request(request);
                } else if (entry != null) {
                    visitor.event((Event) entry);
                }
            }
            next = batch.first() + batch.size();
        }
    }

    private static Event event(Object entry) {
        return entry instanceof CompactUpstreamRequest compact ? compact.toEvent() : (Event) entry;
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
        List<Event> events = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, size()));
        forEach(0, Long.MAX_VALUE, (sequence, event) -> events.add(event));
        return events;
    }
}
