package dev.faultline.journal;

/**
 * A phase of the timeline began; its fault rules are now in force on every upstream.
 *
 * @param atNanos run time of the switch
 * @param index   0-based position of the phase in the scenario
 * @param name    the phase's name
 */
public record PhaseStarted(long atNanos, int index, String name) implements Event {
    @Override
    public String type() {
        return "phase-started";
    }
}
