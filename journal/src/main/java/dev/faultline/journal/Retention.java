package dev.faultline.journal;

/** Which events a full journal keeps. */
public enum Retention {
    /**
     * The first events; later ones are counted as dropped. A run's journal: its analyses need the
     * whole start of the run, and the report says how many events are missing at the end.
     */
    KEEP_FIRST,
    /**
     * The newest events; the oldest are evicted and counted. {@code faultline serve}'s journal: it runs
     * for as long as its users like, and what they read is what just happened.
     */
    KEEP_LAST
}
