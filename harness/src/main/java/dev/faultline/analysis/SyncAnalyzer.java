package dev.faultline.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Measures how synchronized retries were across calls and clients. Pure.
 *
 * <p>For each phase window judged, the retries of the calls that started in it are placed on the
 * run's clock. The <em>retry window</em> runs from the phase's start (when the fault began) to the
 * arrival of the last of those retries, so retries that spill past the phase count and a quiet tail
 * after the last retry does not. The mean is the retries divided by the number of 100 ms bins,
 * aligned to the phase's start, from the first bin to the one holding the last retry (empty bins
 * included). The peak is the most retries arriving within any 100 ms, found with a sliding
 * window so that a burst straddling a bin edge is not split in two. The ratio is peak / mean; with
 * several windows the worst is reported.
 */
public final class SyncAnalyzer {
    /** Width of a bin. */
    public static final long BIN_NANOS = 100_000_000L;

    private SyncAnalyzer() {
    }

    /** The worst window's measurement, or empty when no call retried. */
    public static Optional<SyncMeasurement> measure(MeasuredCalls calls) {
        List<List<Retry>> byWindow = new ArrayList<>();
        for (int w = 0; w < calls.windows().size(); w++) {
            byWindow.add(new ArrayList<>());
        }
        Map<LogicalCall, Integer> windowOf = new IdentityHashMap<>();
        for (Retry r : calls.retries()) {
            int w = windowOf.computeIfAbsent(r.call(), calls::windowOf);
            if (w >= 0) {
                byWindow.get(w).add(r);
            }
        }
        SyncMeasurement worst = null;
        for (int w = 0; w < byWindow.size(); w++) {
            List<Retry> inWindow = byWindow.get(w);
            if (inWindow.isEmpty()) {
                continue;
            }
            SyncMeasurement m = measure(calls.windows().get(w), inWindow);
            if (worst == null || m.ratio() > worst.ratio()) {
                worst = m;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** @param retries the window's retries, in arrival order */
    static SyncMeasurement measure(PhaseWindow window, List<Retry> retries) {
        long[] arrivals = retries.stream().mapToLong(r -> r.attempt().atNanos()).sorted().toArray();
        long[] firsts = retries.stream().filter(r -> r.number() == 1).mapToLong(r -> r.attempt().atNanos()).sorted().toArray();
        long start = Math.min(window.startNanos(), arrivals[0]);
        long span = arrivals[arrivals.length - 1] - start;
        long bins = span / BIN_NANOS + 1;
        long[] peak = peak(arrivals);
        long[] firstPeak = peak(firsts);
        Set<LogicalCall> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        retries.forEach(r -> distinct.add(r.call()));
        long calls = distinct.size();
        long clients = retries.stream().mapToInt(Retry::client).distinct().count();
        return new SyncMeasurement(window, arrivals.length, calls, clients, span / 1e9, bins, peak[0], peak[1],
                firsts.length, firstPeak[0]);
    }

    /** The most arrivals within any {@link #BIN_NANOS} and when that stretch began. */
    static long[] peak(long[] sorted) {
        long best = 0;
        long at = sorted.length == 0 ? 0 : sorted[0];
        int lo = 0;
        for (int hi = 0; hi < sorted.length; hi++) {
            while (sorted[hi] - sorted[lo] >= BIN_NANOS) {
                lo++;
            }
            if (hi - lo + 1 > best) {
                best = hi - lo + 1;
                at = sorted[lo];
            }
        }
        return new long[] {best, at};
    }
}
