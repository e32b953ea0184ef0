package dev.faultline.analysis.retry;

import dev.faultline.analysis.LogicalCall;
import dev.faultline.analysis.Retry;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** Finds retries after statuses that must not be retried, and retries of unkeyed POST and PATCH. Pure. */
public final class NonRetryableAnalyzer {
    private NonRetryableAnalyzer() {
    }

    public static NonRetryableMeasurement measure(MeasuredCalls calls, Set<Integer> noRetryOn) {
        // The statuses as ints: asking the set would box every attempt's status.
        int[] statuses = noRetryOn.stream().mapToInt(Integer::intValue).toArray();
        TreeMap<Integer, Long> responses = new TreeMap<>();
        for (LogicalCall call : calls.calls()) {
            for (UpstreamRequest attempt : call.attempts()) {
                if (contains(statuses, attempt.status())) {
                    responses.merge(attempt.status(), 1L, Long::sum);
                }
            }
        }
        List<Retry> afterStatus = new ArrayList<>();
        // Every retry may be an unkeyed POST (a whole storm of them): one allocation, not a list grown by copies.
        List<Retry> unkeyed = new ArrayList<>(calls.retries().size());
        for (Retry r : calls.retries()) {
            if (contains(statuses, r.previous().status())) {
                afterStatus.add(r);
            }
            if (nonIdempotent(r.attempt().method()) && r.attempt().idempotencyKey() == null) {
                unkeyed.add(r);
            }
        }
        return new NonRetryableMeasurement(noRetryOn, responses, afterStatus, unkeyed);
    }

    private static boolean contains(int[] statuses, int status) {
        for (int s : statuses) {
            if (s == status) {
                return true;
            }
        }
        return false;
    }

    /** POST and PATCH, in any case, compared without allocating: this runs once per retry. */
    private static boolean nonIdempotent(String method) {
        return method.equalsIgnoreCase("POST") || method.equalsIgnoreCase("PATCH");
    }
}
