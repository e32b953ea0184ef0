package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;
import dev.faultline.analysis.Bursts;
import dev.faultline.analysis.PhaseWindow;

import java.util.BitSet;
import java.util.Optional;

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
    private SyncAnalyzer() {
    }

    /** The worst window's measurement, or empty when no call retried. */
    public static Optional<SyncMeasurement> measure(MeasuredCalls calls) {
        // One pass over the retries' columns into primitive arrays per window: a million-event journal
        // has hundreds of thousands of retries, and boxing, hashing or sorting them dominated the time.
        int windows = calls.windows().size();
        AttemptColumns attempts = calls.attempts();
        // First the count of each window's retries, so that every window's arrays are allocated once at their size.
        int[] arrivalsIn = new int[windows];
        int[] firstsIn = new int[windows];
        int retries = calls.retryCount();
        for (int r = 0; r < retries; r++) {
            int w = calls.windowOf(calls.retryCall(r));
            if (w >= 0) {
                arrivalsIn[w]++;
                if (calls.retryNumber(r) == 1) {
                    firstsIn[w]++;
                }
            }
        }
        Window[] byWindow = new Window[windows];
        for (int w = 0; w < windows; w++) {
            byWindow[w] = new Window(arrivalsIn[w], firstsIn[w]);
        }
        // The retries are listed in arrival order, so each window's times come out sorted: no sort.
        for (int r = 0; r < retries; r++) {
            int w = calls.windowOf(calls.retryCall(r));
            if (w < 0) {
                continue;
            }
            Window window = byWindow[w];
            int attempt = calls.retryAttempt(r);
            window.arrivals[window.arrived++] = attempts.at(attempt);
            if (calls.retryNumber(r) == 1) {
                // A call that retried is counted at its first retry.
                window.calls++;
                window.firsts[window.first++] = attempts.at(attempt);
            }
            // Shifted by one: an upstream not bound per replica records client -1.
            window.clients.set(attempts.client(attempt) + 1);
        }
        SyncMeasurement worst = null;
        for (int w = 0; w < windows; w++) {
            if (byWindow[w].arrived == 0) {
                continue;
            }
            SyncMeasurement m = byWindow[w].measure(calls.windows().get(w));
            if (worst == null || m.ratio() > worst.ratio()) {
                worst = m;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The retries of one window, as times in arrival order. */
    private static final class Window {
        final long[] arrivals;
        final long[] firsts;
        final BitSet clients = new BitSet();
        int arrived;
        int first;
        long calls;

        Window(int arrivals, int firsts) {
            this.arrivals = new long[arrivals];
            this.firsts = new long[firsts];
        }

        SyncMeasurement measure(PhaseWindow window) {
            long[] sortedArrivals = arrivals;
            long[] sortedFirsts = firsts;
            long start = Math.min(window.startNanos(), sortedArrivals[0]);
            long span = sortedArrivals[sortedArrivals.length - 1] - start;
            long bins = span / Bursts.BIN_NANOS + 1;
            long[] peak = Bursts.peak(sortedArrivals);
            long[] firstPeak = Bursts.peak(sortedFirsts);
            return new SyncMeasurement(window, sortedArrivals.length, calls, clients.cardinality(), span / 1e9, bins,
                    peak[0], peak[1], sortedFirsts.length, firstPeak[0]);
        }
    }
}
