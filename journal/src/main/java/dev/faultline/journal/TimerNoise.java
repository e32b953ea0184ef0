package dev.faultline.journal;

/**
 * How late the machine woke a sleeping thread during one stretch of the run (about a second): the
 * harness parks a thread of its own for a fixed period again and again and records the oversleep,
 * the actual wait less the planned one. Scheduling delays only ever lengthen a wait, so a client's
 * waits are spread by about this much on this machine at this time whatever its policy; the jitter
 * rule uses it as the noise floor of the gaps measured then.
 *
 * @param atNanos      run time at the end of the stretch
 * @param sinceNanos   run time at its start
 * @param samples      parks measured in it
 * @param p50Nanos     median oversleep
 * @param p90Nanos     90th percentile of the oversleep
 * @param maxNanos     longest oversleep
 */
public record TimerNoise(long atNanos, long sinceNanos, int samples, long p50Nanos, long p90Nanos, long maxNanos)
        implements Event {
    @Override
    public String type() {
        return "timer-noise";
    }
}
