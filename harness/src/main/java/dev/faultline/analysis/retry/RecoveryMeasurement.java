package dev.faultline.analysis.retry;

import dev.faultline.analysis.PhaseWindow;

import java.util.List;

/**
 * How long the attempt rate at the upstream stayed above normal after the fault cleared (metrics R16).
 */
public sealed interface RecoveryMeasurement {

    /**
     * Measured.
     *
     * @param baseline          the fault-free phase before the fault whose rate is normal
     * @param baselinePerSecond attempts per second in it
     * @param baselineBurst     the most baseline attempts that arrived within any 100 ms
     * @param allowedPerSlice   attempts a slice may hold and count as normal:
     *                          {@code floor(1.1 × the baseline rate × the slice + the burst)}
     * @param faultEndNanos     when the fault window ended (run time)
     * @param observedSeconds   whole slices observed after it, before the next fault or the end of the run
     * @param slices            attempts in each 1 s slice after the fault ended
     * @param recovered         true when the rate was back within the allowance by the last slice
     * @param recoverySeconds   time from the fault's end to the end of the last slice above the allowance
     *                          (0 when none was); when not recovered, the time observed
     */
    record Measured(PhaseWindow baseline, double baselinePerSecond, long baselineBurst, long allowedPerSlice, long faultEndNanos,
                    double observedSeconds, List<Long> slices, boolean recovered, double recoverySeconds)
            implements RecoveryMeasurement {
        public Measured {
            slices = List.copyOf(slices);
        }
    }

    /** Could not be measured, and why, in words. */
    record Unmeasured(String reason) implements RecoveryMeasurement {
    }
}
