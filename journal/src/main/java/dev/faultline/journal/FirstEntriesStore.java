package dev.faultline.journal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps the first entries up to a count and a byte bound, and counts the rest as lost
 * ({@link Retention#KEEP_FIRST}). Lock-free: an append is a few atomic increments and an array
 * store, so a fake upstream's hot path never waits. Once one entry did not fit, none after it is
 * kept, so what is kept is always the whole start. Storage grows in chunks as entries arrive, so
 * an idle store with a large cap costs almost nothing.
 */
final class FirstEntriesStore implements JournalStore {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private final int capacity;
    private final long maxBytes;
    private final long start;
    private final AtomicReferenceArray<AtomicReferenceArray<Object>> chunks;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final LongAdder lost = new LongAdder();
    private volatile boolean full;

    FirstEntriesStore(int capacity, long maxBytes, long start) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.start = start;
        this.chunks = new AtomicReferenceArray<>((capacity + CHUNK_SIZE - 1) >>> CHUNK_BITS);
    }

    @Override
    public boolean add(Object entry, long size) {
        if (full) {
            lost.increment();
            return false;
        }
        if (bytes.addAndGet(size) > maxBytes) {
            bytes.addAndGet(-size);
            full = true;
            lost.increment();
            return false;
        }
        long slot = reserved.getAndIncrement();
        if (slot >= capacity) {
            bytes.addAndGet(-size);
            full = true;
            lost.increment();
            return false;
        }
        chunk((int) (slot >>> CHUNK_BITS)).set((int) (slot & CHUNK_MASK), entry);
        return true;
    }

    private AtomicReferenceArray<Object> chunk(int index) {
        AtomicReferenceArray<Object> chunk = chunks.get(index);
        if (chunk == null) {
            chunks.compareAndSet(index, null, new AtomicReferenceArray<>(CHUNK_SIZE));
            chunk = chunks.get(index);
        }
        return chunk;
    }

    @Override
    public long offered() {
        return held() + lost.sum();
    }

    @Override
    public long lost() {
        return lost.sum();
    }

    @Override
    public long held() {
        return Math.min(reserved.get(), capacity);
    }

    @Override
    public long bytes() {
        return bytes.get();
    }

    @Override
    public long firstSequence() {
        return start;
    }

    @Override
    public long endSequence() {
        return start + held();
    }

    @Override
    public Batch read(long from, int max) {
        long first = Math.max(from, start);
        int size = (int) Math.max(0, Math.min(max, endSequence() - first));
        Object[] entries = new Object[size];
        for (int i = 0; i < size; i++) {
            long slot = first - start + i;
            AtomicReferenceArray<Object> chunk = chunks.get((int) (slot >>> CHUNK_BITS));
            entries[i] = chunk == null ? null : chunk.get((int) (slot & CHUNK_MASK));
        }
        return new Batch(first, entries, size);
    }
}
