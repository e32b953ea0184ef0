package dev.faultline.analysis;

import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups one upstream's attempts into calls by client when a client may have several calls in flight
 * at once: HTTP/2 streams, several on one connection. Pure.
 *
 * <p>"A client's attempt after one of its failed attempts is a retry" (the rule for a client that
 * makes one call at a time) would chain every call of a multiplexing client into one long call: curl
 * with {@code --parallel --retry 2} against three failing URLs would be one call of nine attempts
 * instead of three of three. Here an attempt continues one of its client's open calls only if that
 * call is for the same method and path (a retry repeats its request) and its last attempt had
 * <em>ended</em> before the attempt arrived (a retry follows the failure it answers; an attempt still
 * in flight beside it, on another stream, is another call); of several such calls, the one whose
 * failure ended first (clients retry in the order their calls failed). Otherwise the attempt starts a
 * new call. A call is open while its last attempt failed, or was answered with one of the
 * {@code keepOpen} statuses.
 *
 * <p>Without an id, what cannot be told apart stays so: when a client's calls for the same path fail
 * together, which retry belongs to which call is unknown, but every assignment gives each call the same
 * number of attempts, so the counts the retry checks read are right; a new call for a path whose last
 * call failed and gave up is counted as its retry (send X-Request-Id and group by it to tell them apart).
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
        // Only calls that may still be retried: their last attempt failed (or kept them open).
        Map<RequestKey, List<List<UpstreamRequest>>> open = new HashMap<>();
        List<List<UpstreamRequest>> started = new ArrayList<>();
        for (UpstreamRequest attempt : attempts) {
            List<List<UpstreamRequest>> candidates = open.computeIfAbsent(RequestKey.of(attempt), k -> new ArrayList<>());
            List<UpstreamRequest> call = retried(candidates, attempt);
            if (call == null) {
                call = new ArrayList<>();
                started.add(call);
            } else {
                candidates.remove(call);
            }
            call.add(attempt);
            if (attempt.failed() || keepOpen.contains(attempt.status())) {
                candidates.add(call);
            }
        }
        Map<Integer, Integer> counter = new HashMap<>();
        List<LogicalCall> grouped = new ArrayList<>(started.size());
        for (List<UpstreamRequest> call : started) {
            int client = call.get(0).client();
            grouped.add(new LogicalCall("client " + client + " #" + counter.merge(client, 1, Integer::sum), call));
        }
        return grouped;
    }

    /** Of the open calls for the attempt's client and request, the one whose last attempt ended first before it arrived. */
    private static List<UpstreamRequest> retried(List<List<UpstreamRequest>> candidates, UpstreamRequest attempt) {
        List<UpstreamRequest> best = null;
        long bestEnd = Long.MAX_VALUE;
        for (List<UpstreamRequest> call : candidates) {
            long end = call.get(call.size() - 1).endNanos();
            if (end >= 0 && end <= attempt.atNanos() && end < bestEnd) {
                best = call;
                bestEnd = end;
            }
        }
        return best;
    }

    /** A client's request as its retries repeat it. */
    private record RequestKey(int client, String method, String path) {
        static RequestKey of(UpstreamRequest attempt) {
            return new RequestKey(attempt.client(), attempt.method(), attempt.path());
        }
    }
}
