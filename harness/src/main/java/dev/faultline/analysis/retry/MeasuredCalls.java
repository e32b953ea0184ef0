package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;
import dev.faultline.analysis.CallColumns;
import dev.faultline.analysis.LogicalCall;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Retry;

import java.util.AbstractList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The logical calls a retry analysis judges: those with an attempt in the fault window, each with all
 * its attempts (retries that spill past the window stay with their call), and their retries, as
 * columns every retry analyzer reads.
 *
 * <p>Call {@code m} (from 0, ordered by first attempt) is call {@link #callNumber(int)} of the
 * grouping; retry {@code r} (from 0, ordered by arrival; retries arriving together in call order, then
 * by number) is attempt {@link #retryAttempt(int)} of its call, after attempt {@link #retryPrevious(int)}.
 * {@link #calls()} and {@link #retries()} read as lists of {@link LogicalCall} and {@link Retry}, each
 * made when read: an analysis names a few of them in its explanations, and a large journal has
 * hundreds of thousands.
 */
public final class MeasuredCalls {
    private final CallColumns grouping;
    private final List<PhaseWindow> windows;
    private final int[] calls;
    private final int[] windowOfCall;
    private final int[] retryCall;
    private final int[] retryNumber;
    private final int[] retryAttempt;
    private final int[] retryPrevious;

    private MeasuredCalls(CallColumns grouping, List<PhaseWindow> windows, int[] calls, int[] windowOfCall, int[] retryCall,
                          int[] retryNumber, int[] retryAttempt, int[] retryPrevious) {
        this.grouping = grouping;
        this.windows = windows;
        this.calls = calls;
        this.windowOfCall = windowOfCall;
        this.retryCall = retryCall;
        this.retryNumber = retryNumber;
        this.retryAttempt = retryAttempt;
        this.retryPrevious = retryPrevious;
    }

    /** The calls of the grouping with an attempt in the windows, with their retries. */
    public static MeasuredCalls of(CallColumns grouping, List<PhaseWindow> windows) {
        windows = List.copyOf(windows);
        AttemptColumns attempts = grouping.attemptColumns();
        int all = grouping.size();
        // The window of each call's first attempt in any window, or -1 (then the call is not measured).
        int[] windowOf = new int[all];
        int measured = 0;
        int retries = 0;
        for (int c = 0; c < all; c++) {
            int w = -1;
            for (int k = 0, n = grouping.attempts(c); k < n && w < 0; k++) {
                w = windowIndex(windows, attempts.at(grouping.attempt(c, k)));
            }
            windowOf[c] = w;
            if (w >= 0) {
                measured++;
                retries += grouping.attempts(c) - 1;
            }
        }
        int[] calls = new int[measured];
        int[] windowOfCall = new int[measured];
        for (int c = 0, m = 0; c < all; c++) {
            if (windowOf[c] >= 0) {
                calls[m] = c;
                windowOfCall[m] = windowOf[c];
                m++;
            }
        }
        // The attempts are in arrival order, so their retries are listed in it by one pass over them
        // (no sort): each attempt is marked with its measured call, and the scan counts a call's
        // attempts as it meets them (its k-th is its (k-1)-th retry).
        int n = attempts.size();
        int[] measuredCallOf = new int[n];
        java.util.Arrays.fill(measuredCallOf, -1);
        for (int m = 0; m < measured; m++) {
            for (int k = 0, size = grouping.attempts(calls[m]); k < size; k++) {
                measuredCallOf[grouping.attempt(calls[m], k)] = m;
            }
        }
        int[] met = new int[measured];
        int[] retryCall = new int[retries];
        int[] retryNumber = new int[retries];
        int[] retryAttempt = new int[retries];
        int[] retryPrevious = new int[retries];
        int r = 0;
        for (int i = 0; i < n; i++) {
            int m = measuredCallOf[i];
            if (m < 0) {
                continue;
            }
            int k = met[m]++;
            if (k == 0) {
                continue;
            }
            retryCall[r] = m;
            retryNumber[r] = k;
            retryAttempt[r] = i;
            retryPrevious[r] = grouping.attempt(calls[m], k - 1);
            r++;
        }
        // Retries that arrived at the same instant go in call order, then by number (as a stable sort
        // of the retries listed call by call would leave them).
        for (int from = 0; from < retries; ) {
            int to = from + 1;
            while (to < retries && attempts.at(retryAttempt[to]) == attempts.at(retryAttempt[from])) {
                to++;
            }
            for (int x = from + 1; x < to; x++) {
                for (int y = x; y > from && after(retryCall, retryNumber, y - 1, y); y--) {
                    swap(retryCall, y);
                    swap(retryNumber, y);
                    swap(retryAttempt, y);
                    swap(retryPrevious, y);
                }
            }
            from = to;
        }
        return new MeasuredCalls(grouping, windows, calls, windowOfCall, retryCall, retryNumber, retryAttempt, retryPrevious);
    }

    private static boolean after(int[] call, int[] number, int a, int b) {
        return call[a] > call[b] || call[a] == call[b] && number[a] > number[b];
    }

    private static void swap(int[] values, int y) {
        int t = values[y];
        values[y] = values[y - 1];
        values[y - 1] = t;
    }

    private static int windowIndex(List<PhaseWindow> windows, long at) {
        for (int i = 0, n = windows.size(); i < n; i++) {
            if (windows.get(i).contains(at)) {
                return i;
            }
        }
        return -1;
    }

    /** What grouped attempts into calls ({@code X-Request-Id}, {@code client}, ...). */
    public String basis() {
        return grouping.basis();
    }

    /** The fault window's phases. */
    public List<PhaseWindow> windows() {
        return windows;
    }

    /** The attempts at the upstream, which the indexes here point into. */
    public AttemptColumns attempts() {
        return grouping.attemptColumns();
    }

    /** How many calls are measured. */
    public int callCount() {
        return calls.length;
    }

    /** The grouping's number of measured call {@code m}. */
    public int callNumber(int m) {
        return calls[m];
    }

    /** How many attempts measured call {@code m} made. */
    public int attemptsOf(int m) {
        return grouping.attempts(calls[m]);
    }

    /** The attempt index of measured call {@code m}'s {@code k}-th attempt (from 0). */
    public int attemptOf(int m, int k) {
        return grouping.attempt(calls[m], k);
    }

    /** True when measured call {@code m} is an attempt that lacked the grouping header. */
    public boolean withoutId(int m) {
        return grouping.withoutId(calls[m]);
    }

    /** The key of measured call {@code m}, written out. */
    public String key(int m) {
        return grouping.key(calls[m]);
    }

    /** The window (index into {@link #windows()}) of measured call {@code m}'s first attempt in any of them. */
    public int windowOf(int m) {
        return windowOfCall[m];
    }

    /** How many retries the measured calls made. */
    public int retryCount() {
        return retryAttempt.length;
    }

    /** The measured call retry {@code r} belongs to. */
    public int retryCall(int r) {
        return retryCall[r];
    }

    /** Which retry of its call retry {@code r} is, from 1. */
    public int retryNumber(int r) {
        return retryNumber[r];
    }

    /** The attempt index of retry {@code r}. */
    public int retryAttempt(int r) {
        return retryAttempt[r];
    }

    /** The attempt index of the attempt retry {@code r} followed. */
    public int retryPrevious(int r) {
        return retryPrevious[r];
    }

    /** {@link Retry#gapNanos()} of retry {@code r}. */
    public long gapNanos(int r) {
        AttemptColumns a = attempts();
        return a.at(retryAttempt[r]) - a.endedAt(retryPrevious[r]);
    }

    /** Retry {@code r} as a {@link Retry}: for the few a measurement names. */
    public Retry retry(int r) {
        LogicalCall call = grouping.call(calls[retryCall[r]]);
        int n = retryNumber[r];
        return new Retry(call, n, call.attempts().get(n - 1), call.attempts().get(n));
    }

    /** The calls, ordered by their first attempt, each made when read. */
    public List<LogicalCall> calls() {
        return new AbstractList<>() {
            @Override
            public LogicalCall get(int index) {
                return grouping.call(calls[index]);
            }

            @Override
            public int size() {
                return calls.length;
            }
        };
    }

    /** Every retry of these calls, ordered by the retry's arrival, each made when read. */
    public List<Retry> retries() {
        return retries(null);
    }

    /** Retries {@code which} (indexes in arrival order; null for all), each made when read. */
    List<Retry> retries(int[] which) {
        return new AbstractList<>() {
            @Override
            public Retry get(int index) {
                return retry(which == null ? index : which[index]);
            }

            @Override
            public int size() {
                return which == null ? retryAttempt.length : which.length;
            }
        };
    }

    /** How many distinct clients (target replicas) made these calls. */
    public long clients() {
        int[] first = new int[calls.length];
        for (int m = 0; m < calls.length; m++) {
            first[m] = attemptOf(m, 0);
        }
        return distinctClients(first);
    }

    /** How many distinct clients sent the retries. */
    public long retryClients() {
        return distinctClients(retryAttempt);
    }

    private long distinctClients(int[] attemptIndexes) {
        // Clients are replicas from 0, or -1 on an upstream not bound per replica: a bit each, shifted by one.
        BitSet seen = new BitSet();
        Set<Integer> others = new HashSet<>();
        for (int i : attemptIndexes) {
            int client = attempts().client(i);
            if (client >= -1) {
                seen.set(client + 1);
            } else {
                others.add(client);
            }
        }
        return seen.cardinality() + others.size();
    }
}
