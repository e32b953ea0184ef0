package dev.faultline.journal;

/**
 * Where a {@link Journal} keeps its entries (events, or the compact forms standing for them), each
 * under a sequence number given in append order. Threadsafe.
 */
sealed interface JournalStore permits FirstEntriesStore, LastEntriesStore {

    /** Offers an entry of {@code bytes} estimated bytes; true if it is kept. */
    boolean add(Object entry, long bytes);

    /** Entries offered, kept or not. */
    long offered();

    /** Entries offered and not kept, or kept and evicted since. */
    long lost();

    /** Entries held now. */
    long held();

    /** Estimated bytes of the entries held now. */
    long bytes();

    /** Sequence number of the oldest entry held (or of the next one, when none is). */
    long firstSequence();

    /** Sequence number the next kept entry will get. */
    long endSequence();

    /**
     * Up to {@code max} entries from sequence {@code from} on (from the oldest held, when {@code from}
     * was evicted). An entry whose append is still in progress on another thread may be null.
     */
    Batch read(long from, int max);

    /** Entries read together: {@code entries[i]} has sequence number {@code first + i}. */
    record Batch(long first, Object[] entries, int size) {
    }
}
