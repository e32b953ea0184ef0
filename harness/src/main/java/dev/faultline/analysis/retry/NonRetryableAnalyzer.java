package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;

import java.util.Set;
import java.util.TreeMap;

/** Finds retries after statuses that must not be retried, and retries of unkeyed POST and PATCH. Pure. */
public final class NonRetryableAnalyzer {
    private NonRetryableAnalyzer() {
    }

    public static NonRetryableMeasurement measure(MeasuredCalls calls, Set<Integer> noRetryOn) {
        AttemptColumns attempts = calls.attempts();
        // The statuses as ints: asking the set would box every attempt's status.
        int[] statuses = noRetryOn.stream().mapToInt(Integer::intValue).toArray();
        TreeMap<Integer, Long> responses = new TreeMap<>();
        for (int m = 0, n = calls.callCount(); m < n; m++) {
            for (int k = 0, size = calls.attemptsOf(m); k < size; k++) {
                int status = attempts.status(calls.attemptOf(m, k));
                if (contains(statuses, status)) {
                    responses.merge(status, 1L, Long::sum);
                }
            }
        }
        // The retries as indexes (a whole storm may be unkeyed POSTs), read as Retry objects only when named.
        int retries = calls.retryCount();
        int afterStatus = 0;
        int unkeyed = 0;
        for (int r = 0; r < retries; r++) {
            if (contains(statuses, attempts.status(calls.retryPrevious(r)))) {
                afterStatus++;
            }
            if (attempts.unkeyedWrite(calls.retryAttempt(r))) {
                unkeyed++;
            }
        }
        long[] perStatus = new long[statuses.length];
        int[] after = new int[afterStatus];
        int[] unkeyedRetries = new int[unkeyed];
        afterStatus = 0;
        unkeyed = 0;
        for (int r = 0; r < retries; r++) {
            int previous = attempts.status(calls.retryPrevious(r));
            if (contains(statuses, previous)) {
                after[afterStatus++] = r;
                for (int s = 0; s < statuses.length; s++) {
                    if (statuses[s] == previous) {
                        perStatus[s]++;
                    }
                }
            }
            if (attempts.unkeyedWrite(calls.retryAttempt(r))) {
                unkeyedRetries[unkeyed++] = r;
            }
        }
        TreeMap<Integer, Long> byStatus = new TreeMap<>();
        for (int s = 0; s < statuses.length; s++) {
            if (perStatus[s] > 0) {
                byStatus.merge(statuses[s], perStatus[s], Long::sum);
            }
        }
        return new NonRetryableMeasurement(noRetryOn, responses, calls.retries(after), byStatus, calls.retries(unkeyedRetries));
    }

    private static boolean contains(int[] statuses, int status) {
        for (int s : statuses) {
            if (s == status) {
                return true;
            }
        }
        return false;
    }
}
