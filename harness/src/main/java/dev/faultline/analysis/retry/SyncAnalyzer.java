package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;
import dev.faultline.analysis.Bursts;
import dev.faultline.analysis.PhaseWindow;

import java.util.Arrays;
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
        // One pass over the calls' columns into primitive arrays per window: a million-event journal
        // has hundreds of thousands of retries, and boxing or hashing each one dominated the time.
        int windows = calls.windows().size();
        AttemptColumns attempts = calls.attempts();
        int all = calls.callCount();
        // First the count of each window's retries, so that every window's arrays are allocated once at their size.
        int[] arrivalsIn = new int[windows];
        int[] firstsIn = new int[windows];
        for (int m = 0; m < all; m++) {
            int retries = calls.attemptsOf(m) - 1;
            int w = calls.windowOf(m);
            if (retries > 0 && w >= 0) {
                arrivalsIn[w] += retries;
                firstsIn[w]++;
            }
        }
        Window[] byWindow = new Window[windows];
        for (int w = 0; w < windows; w++) {
            byWindow[w] = new Window(arrivalsIn[w], firstsIn[w]);
        }
        for (int m = 0; m < all; m++) {
            int size = calls.attemptsOf(m);
            int w = calls.windowOf(m);
            if (size < 2 || w < 0) {
                continue;
            }
            Window window = byWindow[w];
            window.calls++;
            for (int k = 1; k < size; k++) {
                int attempt = calls.attemptOf(m, k);
                window.arrivals.add(attempts.at(attempt));
                if (k == 1) {
                    window.firsts.add(attempts.at(attempt));
                }
                // Shifted by one: an upstream not bound per replica records client -1.
                window.clients.set(attempts.client(attempt) + 1);
            }
        }
        SyncMeasurement worst = null;
        for (int w = 0; w < windows; w++) {
            if (byWindow[w].arrivals.size() == 0) {
                continue;
            }
            SyncMeasurement m = byWindow[w].measure(calls.windows().get(w));
            if (worst == null || m.ratio() > worst.ratio()) {
                worst = m;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The retries of one window, as times. */
    private static final class Window {
        final LongList arrivals;
        final LongList firsts;
        final BitSet clients = new BitSet();
        long calls;

        Window(int arrivals, int firsts) {
            this.arrivals = new LongList(arrivals);
            this.firsts = new LongList(firsts);
        }

        SyncMeasurement measure(PhaseWindow window) {
            long[] sortedArrivals = arrivals.sorted();
            long[] sortedFirsts = firsts.sorted();
            long start = Math.min(window.startNanos(), sortedArrivals[0]);
            long span = sortedArrivals[sortedArrivals.length - 1] - start;
            long bins = span / Bursts.BIN_NANOS + 1;
            long[] peak = Bursts.peak(sortedArrivals);
            long[] firstPeak = Bursts.peak(sortedFirsts);
            return new SyncMeasurement(window, sortedArrivals.length, calls, clients.cardinality(), span / 1e9, bins,
                    peak[0], peak[1], sortedFirsts.length, firstPeak[0]);
        }
    }

    /** A growable array of longs. */
    private static final class LongList {
        private long[] values;
        private int size;

        LongList(int capacity) {
            values = new long[Math.max(1, capacity)];
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        /** Sorts the values in place (the list is not added to afterwards) and returns them. */
        long[] sorted() {
            long[] sorted = size == values.length ? values : Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted;
        }
    }
}
