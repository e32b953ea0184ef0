package dev.faultline.journal;

/**
 * Keeps the newest entries within a count and a byte bound, evicting the oldest
 * ({@link Retention#KEEP_LAST}). A ring that grows by doubling up to the count bound, so an idle
 * store costs little. Appends take a lock for a few array stores: {@code faultline serve}'s
 * upstreams answer a system under test, not a benchmark, and a lock-free ring with byte
 * accounting would cost far more code than it saves time.
 */
final class LastEntriesStore implements JournalStore {
    private static final int INITIAL = 1024;

    private final int capacity;
    private final long maxBytes;
    private Object[] ring;
    private int[] sizes;
    private int head;
    private int count;
    private long first;
    private long bytes;
    private long lost;

    LastEntriesStore(int capacity, long maxBytes, long start) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.first = start;
        int initial = Math.min(capacity, INITIAL);
        this.ring = new Object[initial];
        this.sizes = new int[initial];
    }

    @Override
    public synchronized boolean add(Object entry, long size) {
        if (count == capacity) {
            evictOldest();
        }
        if (count == ring.length) {
            grow();
        }
        int at = (head + count) % ring.length;
        ring[at] = entry;
        sizes[at] = (int) Math.min(Integer.MAX_VALUE, size);
        count++;
        bytes += sizes[at];
        long end = first + count;
        while (count > 0 && bytes > maxBytes) {
            evictOldest();
        }
        return first < end; // false only when the entry alone is larger than the byte bound
    }

    private void evictOldest() {
        bytes -= sizes[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        count--;
        first++;
        lost++;
    }

    private void grow() {
        int length = (int) Math.min(capacity, ring.length * 2L);
        Object[] entries = new Object[length];
        int[] entrySizes = new int[length];
        for (int i = 0; i < count; i++) {
            entries[i] = ring[(head + i) % ring.length];
            entrySizes[i] = sizes[(head + i) % ring.length];
        }
        ring = entries;
        sizes = entrySizes;
        head = 0;
    }

    @Override
    public synchronized long offered() {
        return count + lost;
    }

    @Override
    public synchronized long lost() {
        return lost;
    }

    @Override
    public synchronized long held() {
        return count;
    }

    @Override
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized long firstSequence() {
        return first;
    }

    @Override
    public synchronized long endSequence() {
        return first + count;
    }

    @Override
    public synchronized Batch read(long from, int max) {
        long start = Math.max(from, first);
        int size = (int) Math.max(0, Math.min(max, first + count - start));
        Object[] entries = new Object[size];
        for (int i = 0; i < size; i++) {
            entries[i] = ring[(int) ((head + (start - first) + i) % ring.length)];
        }
        return new Batch(start, entries, size);
    }
}
