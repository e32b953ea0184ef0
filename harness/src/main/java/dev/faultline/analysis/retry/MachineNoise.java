package dev.faultline.analysis.retry;

import dev.faultline.journal.Event;
import dev.faultline.journal.TimerNoise;

import java.util.List;
import java.util.OptionalLong;

/**
 * The machine's own timer noise as the harness measured it during the run ({@link TimerNoise} events),
 * looked up by time span. Empty for a journal without such events (written before the harness sampled
 * its noise, or synthetic): the jitter rule then keeps its fixed floor alone.
 *
 * @param stretches the measured stretches, in any order
 */
public record MachineNoise(List<TimerNoise> stretches) {
    public MachineNoise {
        stretches = List.copyOf(stretches);
    }

    /** No measurement. */
    public static MachineNoise none() {
        return new MachineNoise(List.of());
    }

    /** The timer-noise events of a journal. */
    public static MachineNoise of(List<Event> events) {
        return new MachineNoise(events.stream().filter(TimerNoise.class::isInstance).map(TimerNoise.class::cast).toList());
    }

    /**
     * The longest oversleep of the stretches overlapping {@code [fromNanos, toNanos]}: the worst stall a
     * thread woken on this machine suffered while those waits ran. Empty when no stretch overlaps.
     */
    public OptionalLong longestOversleepNanos(long fromNanos, long toNanos) {
        return stretches.stream()
                .filter(s -> s.sinceNanos() <= toNanos && s.atNanos() >= fromNanos)
                .mapToLong(TimerNoise::maxNanos)
                .max();
    }
}
