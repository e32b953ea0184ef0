package dev.faultline.analysis.retry;

import dev.faultline.analysis.Retry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retries that should not have happened (metrics R11).
 *
 * @param statuses           the statuses that must not be retried ({@code no-retry-on})
 * @param responses          responses to the judged calls with each of those statuses
 * @param retriedAfterStatus retries whose previous response had one of those statuses, in arrival order
 * @param unkeyedRetries     retries of POST or PATCH without an {@code Idempotency-Key}, in arrival
 *                           order: a non-idempotent request retried with nothing that lets the server
 *                           tell a retry from a new request (RFC 9110 §9.2.2)
 */
public record NonRetryableMeasurement(Set<Integer> statuses, Map<Integer, Long> responses, List<Retry> retriedAfterStatus,
                                      List<Retry> unkeyedRetries) {
    public NonRetryableMeasurement {
        statuses = Set.copyOf(statuses);
        responses = Map.copyOf(responses);
        retriedAfterStatus = List.copyOf(retriedAfterStatus);
        unkeyedRetries = List.copyOf(unkeyedRetries);
    }
}
