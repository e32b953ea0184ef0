package dev.faultline.analysis.retry;

import dev.faultline.analysis.PhaseWindow;

import java.util.List;
import java.util.Optional;

/**
 * What a client's retries looked like at one upstream during the fault window.
 *
 * @param scope              what was analysed
 * @param windows            the phase windows analysed
 * @param attemptsInWindow   attempts that arrived in the window
 * @param faultedInWindow    of those, attempts a fault rule decided or a proxy upstream's real dependency failed (or could not be reached)
 * @param calls              call-based measurements, when attempts could be grouped into calls
 * @param rate               rate-based amplification, when a baseline phase was played
 * @param noCallIdsReason    why there are no call-based measurements, or empty
 */
public record AmplificationMeasurement(
        RetryScope scope,
        List<PhaseWindow> windows,
        long attemptsInWindow,
        long faultedInWindow,
        Optional<CallStats> calls,
        Optional<RateStats> rate,
        String noCallIdsReason) {

    public AmplificationMeasurement {
        windows = List.copyOf(windows);
    }

    /**
     * Measurements over the logical calls that started in the window.
     *
     * @param basis              what grouped attempts into calls ({@code X-Request-Id}, {@code client}, ...)
     * @param calls              calls with an attempt in the window
     * @param attempts           all attempts of those calls
     * @param maxAttemptsPerCall the most attempts any one call made
     * @param worstCallKey       the key of that call
     * @param attemptsWithoutId  attempts without the grouping header (counted as calls of their own)
     */
    public record CallStats(String basis, long calls, long attempts, int maxAttemptsPerCall, String worstCallKey,
                            long attemptsWithoutId) {
        /** Attempts per logical call. */
        public double amplification() {
            return calls == 0 ? 0 : (double) attempts / calls;
        }

        /** Attempts after the first of each call. */
        public long retries() {
            return attempts - calls;
        }

        /** Retries per first attempt: the retry budget ratio of the scenario format. */
        public double retryRatio() {
            return calls == 0 ? 0 : (double) retries() / calls;
        }

        /** Retries as a share of all attempts (the SRE book's ratio, for reference). */
        public double retryShare() {
            return attempts == 0 ? 0 : (double) retries() / attempts;
        }
    }

    /**
     * Attempt rate in the window against the baseline phase's.
     *
     * @param baselinePhase       the fault-free phase compared against
     * @param baselinePerSecond   attempts per second in it
     * @param windowPerSecond     attempts per second in the fault window
     */
    public record RateStats(String baselinePhase, double baselinePerSecond, double windowPerSecond) {
        /** The rate ratio; NaN when the baseline saw no attempts. */
        public double amplification() {
            return baselinePerSecond > 0 ? windowPerSecond / baselinePerSecond : Double.NaN;
        }
    }
}
