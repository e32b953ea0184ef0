package dev.faultline.scenario;

import java.time.Duration;

/**
 * How a replica is stopped at the end of a run: {@code signal} to its process tree, then KILL once
 * {@code grace} has passed.
 */
public record StopSpec(Signal signal, Duration grace) {
    /** TERM, 10 s grace. */
    public static final StopSpec DEFAULT = new StopSpec(Signal.TERM, Duration.ofSeconds(10));
}
