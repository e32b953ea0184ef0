package dev.faultline.journal;

/**
 * Something that happened during a run, placed on the run's one timeline.
 *
 * <p>Every component of a run (fake upstreams, targets, the timeline, later the load driver and the
 * probes) reports what it did as events; analyzers are pure functions of the resulting journal.
 * {@link #atNanos()} is measured from the run's start on the monotonic clock ({@link RunClock}).
 */
public sealed interface Event
        permits UpstreamRequest, UpstreamDown, PhaseStarted, RunEnded, SignalSent, TargetStarted, TargetReady, TargetExited,
                LoadResult, ProbeResult, TimerNoise, TlsHandshake,
                ResponseDrift {

    /** Nanoseconds since the run started. */
    long atNanos();

    /** The short, stable discriminator written as {@code type} in {@code journal.jsonl}. */
    String type();
}
