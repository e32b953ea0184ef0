package dev.faultline.analysis;

import dev.faultline.journal.PackedIds;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequestView;
import dev.faultline.scenario.CallsBy;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One upstream's attempts grouped into logical calls as {@link CallGrouper} groups them, held as
 * columns: call {@code c}'s attempts are the attempt indexes {@link #attempt(int, int) attempt(c, 0..)}
 * into the {@link AttemptColumns}, in arrival order, and the calls are ordered by their first attempt
 * (ties in the order {@link CallGrouper} gives). No {@link LogicalCall} exists until one is asked for
 * ({@link #call(int)}), and a call's key is only written out when a report names it.
 *
 * <p>With {@code header:NAME} and {@code auto}, attempts are numbered by their id straight from the
 * journal's packed longs ({@link PackedKeyNumbering}); with {@code client}, the attempts are grouped
 * as records by {@link CallGrouper} (a client's calls follow each other; the grouping is not yet
 * columnar) and the calls then turned into columns.
 */
public final class CallColumns implements CallGrouping {
    private final AttemptColumns attempts;
    private final String basis;
    private final long attemptsWithoutId;
    private final int[] start;
    private final int[] members;
    // For a call of an attempt without the header, k of its key "(no basis) #k"; 0 for the others.
    private final int[] unkeyed;
    // The keys when given whole (by: client); null when written from the first attempt's header.
    private final String[] keys;
    private final Function<UpstreamRequest, String> header;

    private CallColumns(AttemptColumns attempts, String basis, long attemptsWithoutId, int[] start, int[] members,
                        int[] unkeyed, String[] keys, Function<UpstreamRequest, String> header) {
        this.attempts = attempts;
        this.basis = basis;
        this.attemptsWithoutId = attemptsWithoutId;
        this.start = start;
        this.members = members;
        this.unkeyed = unkeyed;
        this.keys = keys;
        this.header = header;
    }

    /** Which recorded id groups attempts. */
    private enum Id {
        REQUEST_ID, TRACE_ID, IDEMPOTENCY_KEY;

        static Id named(String header) {
            return switch (header.toLowerCase(Locale.ROOT)) {
                case "x-request-id" -> REQUEST_ID;
                case "traceparent" -> TRACE_ID;
                case "idempotency-key" -> IDEMPOTENCY_KEY;
                default -> null;
            };
        }

        boolean carried(UpstreamRequestView v) {
            return switch (this) {
                case REQUEST_ID -> v.hasRequestId();
                case TRACE_ID -> v.hasTraceparent();
                case IDEMPOTENCY_KEY -> v.hasIdempotencyKey();
            };
        }
    }

    /**
     * Groups the attempts as {@link CallGrouper#group(List, CallsBy, Set)} does: the same calls, keys
     * and order, or the same reason there are none.
     */
    public static CallGrouping group(AttemptColumns attempts, CallsBy callsBy, Set<Integer> keepOpen) {
        if (callsBy instanceof CallsBy.Client) {
            return byClient(attempts, keepOpen);
        }
        if (callsBy instanceof CallsBy.Header h) {
            Id id = Id.named(h.name());
            if (id == null) {
                return new CallGrouping.NoCallIds("the journal does not record header " + h.name()
                        + " (it records X-Request-Id, traceparent and Idempotency-Key)");
            }
            return byId(attempts, id, h.name());
        }
        int n = attempts.size();
        for (String name : List.of("X-Request-Id", "traceparent", "Idempotency-Key")) {
            Id id = Id.named(name);
            long carrying = 0;
            for (int i = 0; i < n; i++) {
                if (id == Id.REQUEST_ID && attempts.requestIdPacked(i) || id.carried(attempts.view(i))) {
                    carrying++;
                }
            }
            if (n > 0 && carrying >= CallGrouper.AUTO_COVERAGE * n) {
                return byId(attempts, id, name);
            }
        }
        return new CallGrouping.NoCallIds("the attempts carry no X-Request-Id, traceparent or Idempotency-Key");
    }

    private static CallGrouping byId(AttemptColumns attempts, Id id, String basis) {
        int n = attempts.size();
        int[] callOf = new int[n];
        PackedKeyNumbering numbering = new PackedKeyNumbering(Math.max(16, n / 2));
        // Calls are made as CallGrouper makes them: first one per attempt without the id, in arrival
        // order, then one per id in the order first seen; then sorted stably by their first attempt.
        int without = 0;
        for (int i = 0; i < n; i++) {
            int number = id == Id.REQUEST_ID && attempts.requestIdPacked(i)
                    ? numbering.numberOf(attempts.requestIdHigh(i), attempts.requestIdLow(i))
                    : numberOf(attempts.view(i), id, numbering);
            callOf[i] = number;
            if (number < 0) {
                without++;
            }
        }
        int keyed = numbering.size();
        int made = without + keyed;
        int[] sizes = new int[made];
        long[] firstAt = without == 0 ? null : new long[made];
        int[] unkeyedMade = without == 0 ? null : new int[made];
        int nextUnkeyed = 0;
        for (int i = 0; i < n; i++) {
            int c = callOf[i];
            if (c < 0) {
                c = nextUnkeyed++;
                unkeyedMade[c] = c + 1;
            } else {
                c += without;
            }
            callOf[i] = c;
            if (sizes[c]++ == 0 && firstAt != null) {
                firstAt[c] = attempts.at(i);
            }
        }
        // Calls numbered in the order first seen are in order of their first attempt already (the
        // attempts are in arrival order): only calls without the id, made first, need a sort.
        int[] rank = null;
        int[] unkeyed = new int[made];
        int[] start = new int[made + 1];
        if (firstAt == null) {
            for (int c = 0; c < made; c++) {
                start[c + 1] = start[c] + sizes[c];
            }
        } else {
            int[] order = TimeOrder.order(firstAt);
            rank = new int[made];
            for (int c = 0; c < made; c++) {
                rank[order[c]] = c;
                start[c + 1] = start[c] + sizes[order[c]];
                unkeyed[c] = unkeyedMade[order[c]];
            }
        }
        int[] members = new int[n];
        int[] filled = sizes;
        java.util.Arrays.fill(filled, 0);
        for (int i = 0; i < n; i++) {
            int c = rank == null ? callOf[i] : rank[callOf[i]];
            members[start[c] + filled[c]++] = i;
        }
        return new CallColumns(attempts, basis, without, start, members, unkeyed, null, CallGrouper.headerKey(basis));
    }

    /** The call number of the attempt's id, or -1 when it carries none. */
    private static int numberOf(UpstreamRequestView v, Id id, PackedKeyNumbering numbering) {
        switch (id) {
            case REQUEST_ID:
                if (v.requestIdPacked()) {
                    return numbering.numberOf(v.requestIdHigh(), v.requestIdLow());
                }
                return uuidOrText(v.requestId(), numbering);
            case IDEMPOTENCY_KEY:
                if (v.idempotencyKeyPacked()) {
                    return numbering.numberOf(v.idempotencyKeyHigh(), v.idempotencyKeyLow());
                }
                return uuidOrText(v.idempotencyKey(), numbering);
            default:
                if (v.traceparentPacked()) {
                    return numbering.numberOf(v.traceIdHigh(), v.traceIdLow());
                }
                String trace = CallGrouper.traceId(v.traceparent());
                if (trace == null) {
                    return -1;
                }
                return PackedIds.isTraceId(trace)
                        ? numbering.numberOf(PackedIds.traceIdHighOf(trace), PackedIds.traceIdLowOf(trace))
                        : numbering.numberOf(trace);
        }
    }

    // A canonical UUID is numbered as the journal would have packed it, so a list of records and a
    // journal's compact requests give the same calls.
    private static int uuidOrText(String value, PackedKeyNumbering numbering) {
        if (value == null) {
            return -1;
        }
        return PackedIds.isUuid(value) ? numbering.numberOf(PackedIds.uuidHigh(value), PackedIds.uuidLow(value))
                : numbering.numberOf(value);
    }

    private static CallGrouping byClient(AttemptColumns attempts, Set<Integer> keepOpen) {
        int n = attempts.size();
        List<UpstreamRequest> records = new ArrayList<>(n);
        Map<UpstreamRequest, Integer> index = new IdentityHashMap<>(n);
        for (int i = 0; i < n; i++) {
            UpstreamRequest r = attempts.record(i);
            records.add(r);
            index.put(r, i);
        }
        CallGrouping grouping = CallGrouper.group(records, new CallsBy.Client(), keepOpen);
        if (!(grouping instanceof CallGrouping.Calls calls)) {
            return grouping;
        }
        int made = calls.calls().size();
        int[] start = new int[made + 1];
        int[] members = new int[n];
        String[] keys = new String[made];
        int at = 0;
        for (int c = 0; c < made; c++) {
            LogicalCall call = calls.calls().get(c);
            keys[c] = call.key();
            for (UpstreamRequest r : call.attempts()) {
                members[at++] = index.get(r);
            }
            start[c + 1] = at;
        }
        return new CallColumns(attempts, calls.basis(), calls.attemptsWithoutId(), start, members, new int[made], keys, null);
    }

    /** The attempts grouped. */
    public AttemptColumns attemptColumns() {
        return attempts;
    }

    /** What grouped them, for explanations ({@code X-Request-Id}, {@code client}). */
    public String basis() {
        return basis;
    }

    /** Attempts that lacked the grouping header (each counted as its own call). */
    public long attemptsWithoutId() {
        return attemptsWithoutId;
    }

    /** How many calls. */
    public int size() {
        return start.length - 1;
    }

    /** How many attempts call {@code c} made. */
    public int attempts(int c) {
        return start[c + 1] - start[c];
    }

    /** The attempt index of call {@code c}'s {@code k}-th attempt (from 0). */
    public int attempt(int c, int k) {
        return members[start[c] + k];
    }

    /** True when call {@code c} is an attempt that lacked the grouping header. */
    public boolean withoutId(int c) {
        return unkeyed[c] > 0;
    }

    /** What tied call {@code c}'s attempts together, as {@link LogicalCall#key()} gives it. */
    public String key(int c) {
        if (keys != null) {
            return keys[c];
        }
        if (unkeyed[c] > 0) {
            return "(no " + basis + ") #" + unkeyed[c];
        }
        return header.apply(attempts.record(attempt(c, 0)));
    }

    /** Call {@code c} as a {@link LogicalCall}: for the few calls a measurement names. */
    public LogicalCall call(int c) {
        List<UpstreamRequest> records = new ArrayList<>(attempts(c));
        for (int k = 0; k < attempts(c); k++) {
            records.add(attempts.record(attempt(c, k)));
        }
        return new LogicalCall(key(c), records);
    }

    /** The calls as {@link LogicalCall}s, each made when read. */
    public List<LogicalCall> calls() {
        return new AbstractList<>() {
            @Override
            public LogicalCall get(int index) {
                return call(index);
            }

            @Override
            public int size() {
                return CallColumns.this.size();
            }
        };
    }
}
