package dev.faultline.analysis;

import dev.faultline.analysis.TimeOrder;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.scenario.CallsBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups one upstream's attempts into logical calls, by the scenario's {@code by}. Pure. The retry
 * analysis groups a journal's attempts with {@link CallColumns}, which gives the same calls as columns.
 *
 * <ul>
 *   <li>{@code header:NAME}: attempts with the same value are one call (an attempt without the
 *       header is a call of its own, and counted as such);</li>
 *   <li>{@code client}: each client makes one call at a time, so a client's attempt that follows one
 *       of its failed attempts is a retry of the same call, and any other attempt starts a new call.
 *       An attempt answered with one of the {@code keepOpen} statuses (the scenario's
 *       {@code no-retry-on}) also leaves the call open, so a client that retries a 404 is seen
 *       retrying it. Over HTTP/2 (attempts with a {@code stream}) a client may have several calls in
 *       flight at once, and {@link MultiplexedCalls} tells them apart;</li>
 *   <li>{@code auto}: the first of X-Request-Id, traceparent (its trace id) and Idempotency-Key that at
 *       least half the attempts carry; with none, there are no call ids.</li>
 * </ul>
 */
public final class CallGrouper {
    static final double AUTO_COVERAGE = 0.5;

    private CallGrouper() {
    }

    /**
     * @param attempts one upstream's attempts in arrival order
     * @param callsBy  how to group them
     */
    public static CallGrouping group(List<UpstreamRequest> attempts, CallsBy callsBy) {
        return group(attempts, callsBy, Set.of());
    }

    /**
     * @param attempts one upstream's attempts in arrival order
     * @param callsBy  how to group them
     * @param keepOpen statuses after which a client's call stays open ({@code by: client} only)
     */
    public static CallGrouping group(List<UpstreamRequest> attempts, CallsBy callsBy, Set<Integer> keepOpen) {
        if (callsBy instanceof CallsBy.Client) {
            return byClient(attempts, keepOpen);
        }
        if (callsBy instanceof CallsBy.Header header) {
            Function<UpstreamRequest, String> key = headerKey(header.name());
            if (key == null) {
                return new CallGrouping.NoCallIds("the journal does not record header " + header.name()
                        + " (it records X-Request-Id, traceparent and Idempotency-Key)");
            }
            return byKey(attempts, key, header.name());
        }
        for (String name : List.of("X-Request-Id", "traceparent", "Idempotency-Key")) {
            Function<UpstreamRequest, String> key = headerKey(name);
            long carrying = attempts.stream().filter(a -> key.apply(a) != null).count();
            if (!attempts.isEmpty() && carrying >= AUTO_COVERAGE * attempts.size()) {
                return byKey(attempts, key, name);
            }
        }
        return new CallGrouping.NoCallIds("the attempts carry no X-Request-Id, traceparent or Idempotency-Key");
    }

    /** The accessor for a recorded chain header, or null if the journal does not record it. */
    static Function<UpstreamRequest, String> headerKey(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "x-request-id" -> UpstreamRequest::requestId;
            case "idempotency-key" -> UpstreamRequest::idempotencyKey;
            case "traceparent" -> CallGrouper::traceId;
            default -> null;
        };
    }

    // Retries of one call share the trace id; each attempt may carry a new span id.
    private static String traceId(UpstreamRequest attempt) {
        return traceId(attempt.traceparent());
    }

    /** The trace id of a traceparent header, or null for none. */
    static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length >= 2 ? parts[1] : traceparent;
    }

    private static CallGrouping byKey(List<UpstreamRequest> attempts, Function<UpstreamRequest, String> key, String basis) {
        // Each attempt gets its call's number, then each call's attempts are gathered by counting:
        // no map entry or growing list per call (CallColumns does the same on a journal's columns).
        int n = attempts.size();
        int[] callOf = new int[n];
        KeyNumbering numbering = new KeyNumbering(Math.max(16, n / 2));
        ArrayList<LogicalCall> calls = new ArrayList<>();
        long without = 0;
        for (int i = 0; i < n; i++) {
            UpstreamRequest attempt = attempts.get(i);
            String value = key.apply(attempt);
            if (value == null) {
                without++;
                callOf[i] = -1;
                calls.add(new LogicalCall("(no " + basis + ") #" + without, List.of(attempt)));
            } else {
                callOf[i] = numbering.numberOf(value);
            }
        }
        int keyed = numbering.size();
        int[] sizes = new int[keyed];
        for (int c : callOf) {
            if (c >= 0) {
                sizes[c]++;
            }
        }
        UpstreamRequest[][] members = new UpstreamRequest[keyed][];
        for (int c = 0; c < keyed; c++) {
            members[c] = new UpstreamRequest[sizes[c]];
            sizes[c] = 0;
        }
        for (int i = 0; i < n; i++) {
            int c = callOf[i];
            if (c >= 0) {
                members[c][sizes[c]++] = attempts.get(i);
            }
        }
        // In the order each key was first seen, as the map this replaces kept them.
        calls.ensureCapacity(calls.size() + keyed);
        for (int c = 0; c < keyed; c++) {
            calls.add(new LogicalCall(numbering.key(c), List.of(members[c])));
        }
        TimeOrder.sort(calls, c -> c.first().atNanos());
        return new CallGrouping.Calls(calls, basis, without);
    }

    private static CallGrouping byClient(List<UpstreamRequest> attempts, Set<Integer> keepOpen) {
        if (MultiplexedCalls.applies(attempts)) {
            List<LogicalCall> calls = new ArrayList<>(MultiplexedCalls.group(attempts, keepOpen));
            TimeOrder.sort(calls, c -> c.first().atNanos());
            return new CallGrouping.Calls(calls, "client", 0);
        }
        Map<Integer, List<UpstreamRequest>> open = new LinkedHashMap<>();
        Map<Integer, Integer> counter = new LinkedHashMap<>();
        List<LogicalCall> calls = new ArrayList<>();
        for (UpstreamRequest attempt : attempts) {
            List<UpstreamRequest> current = open.get(attempt.client());
            UpstreamRequest last = current == null ? null : current.get(current.size() - 1);
            if (last != null && !last.failed() && !keepOpen.contains(last.status())) {
                close(calls, counter, attempt.client(), current);
                current = null;
            }
            if (current == null) {
                current = new ArrayList<>();
                open.put(attempt.client(), current);
            }
            current.add(attempt);
        }
        open.forEach((client, list) -> close(calls, counter, client, list));
        TimeOrder.sort(calls, c -> c.first().atNanos());
        return new CallGrouping.Calls(calls, "client", 0);
    }

    private static void close(List<LogicalCall> calls, Map<Integer, Integer> counter, int client, List<UpstreamRequest> attempts) {
        int n = counter.merge(client, 1, Integer::sum);
        calls.add(new LogicalCall("client " + client + " #" + n, attempts));
    }
}
