package dev.faultline.analysis;

import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Groups one upstream's attempts into calls by client when a client may have several calls in flight
 * at once: HTTP/2 streams, several on one connection. Pure.
 *
 * <p>"A client's attempt after one of its failed attempts is a retry" (the rule for a client that
 * makes one call at a time) would chain every concurrent call of a multiplexing client into one long
 * call: curl with {@code --parallel --retry 2} against three failing URLs would be one call of nine
 * attempts instead of three of three. Here an attempt continues one of its client's open calls only
 * if that call's last attempt had <em>ended</em> before the attempt arrived (a retry follows the
 * failure it answers; an attempt still in flight beside it, on another stream, is another call), and
 * among those it prefers a call for the same method and path (a retry repeats its request), then the
 * call whose failure ended first (clients retry in the order their calls failed). Otherwise the
 * attempt starts a new call. A call is open while its last attempt failed, or was answered with one
 * of the {@code keepOpen} statuses.
 *
 * <p>When the calls are alike (same path, failing together) which retry belongs to which call cannot
 * be known without an id, but every such assignment gives each call the same number of attempts, so
 * the counts the retry checks read are right.
 */
final class MultiplexedCalls {
    private MultiplexedCalls() {
    }

    /** True when any attempt came over HTTP/2, where one client's calls may overlap. */
    static boolean applies(List<UpstreamRequest> attempts) {
        for (UpstreamRequest attempt : attempts) {
            if (attempt.stream() != 0) {
                return true;
            }
        }
        return false;
    }

    /** The calls, each named {@code client N #k} in the order they started, in order of their first attempt. */
    static List<LogicalCall> group(List<UpstreamRequest> attempts, Set<Integer> keepOpen) {
        Map<Integer, List<List<UpstreamRequest>>> byClient = new HashMap<>();
        List<List<UpstreamRequest>> started = new ArrayList<>();
        for (UpstreamRequest attempt : attempts) {
            List<List<UpstreamRequest>> calls = byClient.computeIfAbsent(attempt.client(), c -> new ArrayList<>());
            List<UpstreamRequest> call = retried(calls, attempt, keepOpen);
            if (call == null) {
                call = new ArrayList<>();
                calls.add(call);
                started.add(call);
            }
            call.add(attempt);
        }
        Map<Integer, Integer> counter = new HashMap<>();
        List<LogicalCall> grouped = new ArrayList<>(started.size());
        for (List<UpstreamRequest> call : started) {
            int client = call.get(0).client();
            grouped.add(new LogicalCall("client " + client + " #" + counter.merge(client, 1, Integer::sum), call));
        }
        return grouped;
    }

    /** The open call of the client that {@code attempt} retries, or null when it starts a new one. */
    private static List<UpstreamRequest> retried(List<List<UpstreamRequest>> calls, UpstreamRequest attempt,
                                                 Set<Integer> keepOpen) {
        List<UpstreamRequest> best = null;
        boolean bestSameRequest = false;
        long bestEnd = Long.MAX_VALUE;
        for (List<UpstreamRequest> call : calls) {
            UpstreamRequest last = call.get(call.size() - 1);
            boolean open = last.failed() || keepOpen.contains(last.status());
            boolean ended = last.endNanos() >= 0 && last.endNanos() <= attempt.atNanos();
            if (!open || !ended) {
                continue;
            }
            boolean sameRequest = Objects.equals(last.method(), attempt.method()) && Objects.equals(last.path(), attempt.path());
            if (best == null || (sameRequest && !bestSameRequest)
                    || (sameRequest == bestSameRequest && last.endNanos() < bestEnd)) {
                best = call;
                bestSameRequest = sameRequest;
                bestEnd = last.endNanos();
            }
        }
        return best;
    }
}
