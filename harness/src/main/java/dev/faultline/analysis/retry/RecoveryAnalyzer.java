package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;
import dev.faultline.analysis.Bursts;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Recovery after the fault clears (metrics R16): the time after the fault window until the attempt
 * rate at the upstream is back within 1.1× its normal rate. Pure.
 *
 * <ul>
 *   <li>Normal is the attempt rate of the last phase before the fault window that injects no fault on
 *       the upstream (the baseline).</li>
 *   <li>From the end of the fault window, attempts are counted in consecutive 1 s slices, up to the
 *       start of the next phase that injects faults on the upstream or the end of the run; a partial
 *       last slice is left out.</li>
 *   <li>A slice is normal when it holds at most {@code floor(1.1 × baseline rate × 1 s + burst)} attempts,
 *       where the burst is the most attempts of the baseline phase that arrived within any 100 ms. A slice
 *       edge can split a client's normal arrivals unevenly, by up to one burst: a client making 5 calls
 *       a second one at a time may show 6 in a slice, and one that sends 5 at once twice a second may
 *       show 15.</li>
 *   <li>The recovery time is the end of the last slice that was not normal, measured from the end of the
 *       fault window: 0 if every slice was normal. If the last observed slice was still above normal,
 *       the client did not recover while it was watched.</li>
 *   <li>Separate fault windows (phases in {@code during} that do not follow each other) are measured one
 *       by one; the worst is reported.</li>
 * </ul>
 */
public final class RecoveryAnalyzer {
    /** Width of a slice. */
    public static final long SLICE_NANOS = 1_000_000_000L;
    /** A slice is normal up to this multiple of the baseline rate. */
    public static final double ALLOWED_FACTOR = 1.1;

    private RecoveryAnalyzer() {
    }

    /**
     * @param attempts the upstream's attempts, in arrival order
     * @param timeline the phases as played
     * @param scope    the fault window ({@code during}) and the phases that inject faults
     */
    public static RecoveryMeasurement measure(AttemptColumns attempts, Timeline timeline, RetryScope scope) {
        List<PhaseWindow> windows = timeline.phases(scope.during());
        if (windows.isEmpty()) {
            return new RecoveryMeasurement.Unmeasured("the fault window was never played");
        }
        Optional<PhaseWindow> baseline = baseline(timeline, scope, windows.get(0));
        if (baseline.isEmpty()) {
            return new RecoveryMeasurement.Unmeasured("no fault-free phase before " + windows.get(0).name()
                    + " to take the normal attempt rate from (add a steady phase before the fault)");
        }
        PhaseWindow normal = baseline.get();
        int n = attempts.size();
        long normalAttempts = 0;
        for (int i = 0; i < n; i++) {
            if (normal.contains(attempts.at(i))) {
                normalAttempts++;
            }
        }
        if (normalAttempts == 0 || normal.seconds() <= 0) {
            return new RecoveryMeasurement.Unmeasured("the baseline phase " + normal.name()
                    + " saw no attempts, so there is no normal rate to return to");
        }
        double rate = normalAttempts / normal.seconds();
        long[] normalTimes = new long[(int) normalAttempts];
        for (int i = 0, k = 0; i < n; i++) {
            if (normal.contains(attempts.at(i))) {
                normalTimes[k++] = attempts.at(i);
            }
        }
        Arrays.sort(normalTimes);
        long burst = Bursts.peak(normalTimes)[0];
        long allowed = (long) Math.floor(ALLOWED_FACTOR * rate * SLICE_NANOS / 1e9 + burst + 1e-9);

        RecoveryMeasurement.Measured worst = null;
        for (long end : blockEnds(windows)) {
            long observeUntil = nextFaultStart(timeline, scope, end).orElse(timeline.endNanos());
            int slices = (int) Math.max(0, (observeUntil - end) / SLICE_NANOS);
            if (slices == 0) {
                continue;
            }
            long[] counts = new long[slices];
            for (int i = 0; i < n; i++) {
                long since = attempts.at(i) - end;
                if (since >= 0 && since < (long) slices * SLICE_NANOS) {
                    counts[(int) (since / SLICE_NANOS)]++;
                }
            }
            int lastAbove = -1;
            List<Long> list = new ArrayList<>();
            for (int i = 0; i < slices; i++) {
                list.add(counts[i]);
                if (counts[i] > allowed) {
                    lastAbove = i;
                }
            }
            boolean recovered = lastAbove < slices - 1;
            double seconds = (lastAbove + 1) * (SLICE_NANOS / 1e9);
            RecoveryMeasurement.Measured m = new RecoveryMeasurement.Measured(normal, rate, burst, allowed, end,
                    slices * (SLICE_NANOS / 1e9), list, recovered, seconds);
            if (worst == null || worse(m, worst)) {
                worst = m;
            }
        }
        if (worst == null) {
            return new RecoveryMeasurement.Unmeasured("less than 1 s was observed after the fault window before the next fault"
                    + " or the end of the run (add a fault-free phase after it)");
        }
        return worst;
    }

    private static boolean worse(RecoveryMeasurement.Measured a, RecoveryMeasurement.Measured b) {
        if (a.recovered() != b.recovered()) {
            return !a.recovered();
        }
        return a.recoverySeconds() > b.recoverySeconds();
    }

    /** The last phase before the fault window that is neither judged nor injects faults on the upstream. */
    private static Optional<PhaseWindow> baseline(Timeline timeline, RetryScope scope, PhaseWindow firstFault) {
        PhaseWindow found = null;
        for (PhaseWindow p : timeline.phases()) {
            if (p.startNanos() >= firstFault.startNanos()) {
                break;
            }
            if (!scope.faultPhases().contains(p.name()) && !scope.during().contains(p.name())) {
                found = p;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Ends of runs of windows that follow each other without a gap. */
    private static List<Long> blockEnds(List<PhaseWindow> windows) {
        List<Long> ends = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            boolean continued = i + 1 < windows.size() && windows.get(i + 1).startNanos() == windows.get(i).endNanos();
            if (!continued) {
                ends.add(windows.get(i).endNanos());
            }
        }
        return ends;
    }

    private static Optional<Long> nextFaultStart(Timeline timeline, RetryScope scope, long after) {
        for (PhaseWindow p : timeline.phases()) {
            if (p.startNanos() >= after && (scope.faultPhases().contains(p.name()) || scope.during().contains(p.name()))) {
                return Optional.of(p.startNanos());
            }
        }
        return Optional.empty();
    }
}
