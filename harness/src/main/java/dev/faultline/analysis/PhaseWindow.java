package dev.faultline.analysis;

/**
 * The time a phase was in force, on the run's clock.
 *
 * @param index      0-based position in the scenario
 * @param name       the phase's name
 * @param startNanos when it began
 * @param endNanos   when the next phase began or the timeline ended
 */
public record PhaseWindow(int index, String name, long startNanos, long endNanos) {
    /** True if the instant falls in [start, end). */
    public boolean contains(long nanos) {
        return nanos >= startNanos && nanos < endNanos;
    }

    /** Length in seconds. */
    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
