package dev.faultline.analysis;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequestView;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One upstream's attempts in arrival order, as columns: what the retry analyses read of each attempt,
 * in primitive arrays filled once per judgement and shared by every analyzer.
 *
 * <p>A full journal holds a million attempts. Read as records, each analyzer chased a pointer per
 * attempt into objects scattered over the heap, and the records themselves (rebuilt from the journal's
 * compact form with fresh id strings) were a million live objects that every young collection copied.
 * Here each fact is one array, indexed by the attempt's position; the attempt itself is kept only as
 * the journal's own view of it ({@link #record}), rebuilt as a record for the few attempts a report
 * names. Retry-After values are kept as indexes into the distinct values, so each is parsed once.
 */
public final class AttemptColumns {
    private static final byte FAILED = 1;
    private static final byte FAULTED = 2;
    private static final byte UNKEYED_WRITE = 4;
    private static final byte REQUEST_ID_PACKED = 8;

    private List<? extends UpstreamRequestView> views;
    private final long[] at;
    private final long[] end;
    private final long[] answer;
    private final int[] client;
    private final int[] status;
    private final byte[] flags;
    private final int[] retryAfter;
    private final long[] requestIdHigh;
    private final long[] requestIdLow;
    private final String[] retryAfterValues;
    private final boolean streams;

    private AttemptColumns(List<? extends UpstreamRequestView> attempts) {
        // One pass over the views (in the journal, a million objects), then a reorder of the columns
        // in the rare case they were not given in arrival order.
        int n = attempts.size();
        views = attempts;
        at = new long[n];
        end = new long[n];
        answer = new long[n];
        client = new int[n];
        status = new int[n];
        flags = new byte[n];
        retryAfter = new int[n];
        requestIdHigh = new long[n];
        requestIdLow = new long[n];
        Map<String, Integer> distinct = new HashMap<>();
        String lastValue = null;
        int lastIndex = -1;
        // The journal shares method strings too: the last one's answer is reused while it repeats.
        String lastMethod = null;
        boolean lastWrite = false;
        boolean anyStream = false;
        for (int i = 0; i < n; i++) {
            UpstreamRequestView v = attempts.get(i);
            at[i] = v.atNanos();
            end[i] = v.endNanos();
            answer[i] = answerNanos(v);
            client[i] = v.client();
            status[i] = v.status();
            byte f = 0;
            if (v.failed()) {
                f |= FAILED;
            }
            if (v.faultedOrDependencyFailed()) {
                f |= FAULTED;
            }
            String method = v.method();
            if (method != lastMethod) {
                lastMethod = method;
                lastWrite = nonIdempotent(method);
            }
            if (lastWrite && !v.hasIdempotencyKey()) {
                f |= UNKEYED_WRITE;
            }
            if (v.requestIdPacked()) {
                f |= REQUEST_ID_PACKED;
                requestIdHigh[i] = v.requestIdHigh();
                requestIdLow[i] = v.requestIdLow();
            }
            flags[i] = f;
            String value = v.retryAfter();
            if (value == null) {
                retryAfter[i] = -1;
            } else {
                // The journal shares repeated strings, so a fault's few values are few objects.
                if (value != lastValue) {
                    Integer index = distinct.get(value);
                    if (index == null) {
                        index = distinct.size();
                        distinct.put(value, index);
                    }
                    lastValue = value;
                    lastIndex = index;
                }
                retryAfter[i] = lastIndex;
            }
            anyStream |= v.stream() != 0;
        }
        retryAfterValues = new String[distinct.size()];
        distinct.forEach((value, index) -> retryAfterValues[index] = value);
        streams = anyStream;
        if (!inOrder(at)) {
            reorder(TimeOrder.order(at));
        }
    }

    private static boolean inOrder(long[] times) {
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private void reorder(int[] order) {
        List<? extends UpstreamRequestView> v = views;
        UpstreamRequestView[] ordered = new UpstreamRequestView[order.length];
        long[] a = at.clone();
        long[] e = end.clone();
        long[] an = answer.clone();
        int[] c = client.clone();
        int[] s = status.clone();
        byte[] f = flags.clone();
        int[] r = retryAfter.clone();
        long[] h = requestIdHigh.clone();
        long[] l = requestIdLow.clone();
        for (int i = 0; i < order.length; i++) {
            int from = order[i];
            ordered[i] = v.get(from);
            at[i] = a[from];
            end[i] = e[from];
            answer[i] = an[from];
            client[i] = c[from];
            status[i] = s[from];
            flags[i] = f[from];
            retryAfter[i] = r[from];
            requestIdHigh[i] = h[from];
            requestIdLow[i] = l[from];
        }
        views = Arrays.asList(ordered);
    }

    /**
     * The columns of these attempts (one upstream's), put in arrival order; attempts that arrived at
     * the same instant keep the order they are given in. The list is kept (not copied) as the attempts'
     * views when it is in arrival order already.
     */
    public static AttemptColumns of(List<? extends UpstreamRequestView> attempts) {
        return new AttemptColumns(attempts);
    }

    /** How many attempts. */
    public int size() {
        return at.length;
    }

    /** When attempt {@code i} arrived. */
    public long at(int i) {
        return at[i];
    }

    /** When attempt {@code i}'s exchange ended, or -1 if it never did. */
    public long end(int i) {
        return end[i];
    }

    /**
     * When attempt {@code i}'s response ended at the upstream: its end, or its arrival when the
     * exchange never ended (a hang still open). {@link Retry#previousEndNanos()} for the attempt a retry followed.
     */
    public long endedAt(int i) {
        long e = end[i];
        return e >= 0 ? Math.max(e, at[i]) : at[i];
    }

    /**
     * How long the fake upstream took to answer attempt {@code i} beyond the delay its fault planned, in
     * nanoseconds: 0 for effects that take long on purpose and exchanges that never ended ({@link #answerNanos}).
     */
    public long answer(int i) {
        return answer[i];
    }

    /** The client (target replica) that sent attempt {@code i}. */
    public int client(int i) {
        return client[i];
    }

    /** The status sent for attempt {@code i}, 0 when none. */
    public int status(int i) {
        return status[i];
    }

    /** {@link UpstreamRequest#failed()} of attempt {@code i}. */
    public boolean failed(int i) {
        return (flags[i] & FAILED) != 0;
    }

    /** {@link UpstreamRequest#faultedOrDependencyFailed()} of attempt {@code i}. */
    public boolean faultedOrDependencyFailed(int i) {
        return (flags[i] & FAULTED) != 0;
    }

    /** True when attempt {@code i} was a POST or PATCH without an {@code Idempotency-Key}. */
    public boolean unkeyedWrite(int i) {
        return (flags[i] & UNKEYED_WRITE) != 0;
    }

    /** The index of attempt {@code i}'s {@code Retry-After} among {@link #retryAfterValue distinct values}, or -1. */
    public int retryAfter(int i) {
        return retryAfter[i];
    }

    /** How many distinct {@code Retry-After} values were sent. */
    public int retryAfterValues() {
        return retryAfterValues.length;
    }

    /** Distinct {@code Retry-After} value {@code index}, as sent. */
    public String retryAfterValue(int index) {
        return retryAfterValues[index];
    }

    /** True when any attempt came on an HTTP/2 stream. */
    public boolean anyStream() {
        return streams;
    }

    /**
     * True when attempt {@code i}'s {@code X-Request-Id} is held packed, as {@link #requestIdHigh} and
     * {@link #requestIdLow} (read with the other columns, so grouping by it reads no view again).
     */
    public boolean requestIdPacked(int i) {
        return (flags[i] & REQUEST_ID_PACKED) != 0;
    }

    /** The first 64 bits of attempt {@code i}'s packed {@code X-Request-Id}. */
    public long requestIdHigh(int i) {
        return requestIdHigh[i];
    }

    /** The last 64 bits of attempt {@code i}'s packed {@code X-Request-Id}. */
    public long requestIdLow(int i) {
        return requestIdLow[i];
    }

    /** The journal's view of attempt {@code i} (for facts no column holds, such as its ids). */
    public UpstreamRequestView view(int i) {
        return views.get(i);
    }

    /** Attempt {@code i} as a record: for the few attempts a measurement names. */
    public UpstreamRequest record(int i) {
        return views.get(i).toRecord();
    }

    /**
     * How long the fake upstream took to answer, beyond the delay its fault planned: 0 for effects that
     * take long on purpose ({@code hang}, {@code dribble}, {@code hang-after-headers}) and for exchanges
     * that never ended. A proxied request's time includes its real dependency's, which is the answer's.
     */
    public static long answerNanos(UpstreamRequestView r) {
        String effect = r.effect();
        if (r.endNanos() < 0 || "hang".equals(effect) || "dribble".equals(effect) || "hang-after-headers".equals(effect)) {
            return 0;
        }
        long planned = Math.max(0, Math.max(r.delayPlannedNanos(), r.delayAchievedNanos()));
        return Math.max(0, r.endNanos() - r.atNanos() - planned);
    }

    /** POST and PATCH, in any case, compared without allocating. */
    private static boolean nonIdempotent(String method) {
        return method != null && (method.equalsIgnoreCase("POST") || method.equalsIgnoreCase("PATCH"));
    }
}
