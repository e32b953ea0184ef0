package dev.faultline.analysis.balance;

import java.util.OptionalLong;

/**
 * One stretch of consecutive played phases in which an instance is failing, and what reached it.
 *
 * @param instance         the instance (0-based)
 * @param phases           the phases of the stretch, for people ({@code outage} or {@code a, b})
 * @param startNanos       when its failure began (the first phase's start)
 * @param endNanos         when it ended (the last phase's end)
 * @param downOnly         its only failure is {@code down}: refused connections are not requests
 * @param lastInsideNanos  the last counted request that reached it during the failure, if any
 * @param firstAfterNanos  the first counted request that reached it after the failure, if any
 * @param runEndNanos      when the run ended (how long readmission could have been seen)
 */
record FaultEpisode(int instance, String phases, long startNanos, long endNanos, boolean downOnly,
                    OptionalLong lastInsideNanos, OptionalLong firstAfterNanos, long runEndNanos) {

    /** From the failure's start to the last request that still reached it (0 when none did). */
    long ejectNanos() {
        return lastInsideNanos.isPresent() ? lastInsideNanos.getAsLong() - startNanos : 0;
    }

    long lengthNanos() {
        return endNanos - startNanos;
    }

    /** How long the run went on after the failure ended. */
    long afterNanos() {
        return runEndNanos - endNanos;
    }
}
