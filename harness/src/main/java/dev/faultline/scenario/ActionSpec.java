package dev.faultline.scenario;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * A signal to send during a phase.
 *
 * @param at      offset from the phase's start
 * @param signal  which signal
 * @param replica the replica to signal; empty for all of them
 */
public record ActionSpec(Duration at, Signal signal, OptionalInt replica) {
}
