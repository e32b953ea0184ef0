package dev.faultline.analysis.retry;

import dev.faultline.analysis.Retry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Retries that should not have happened (metrics R11).
 *
 * @param statuses           the statuses that must not be retried ({@code no-retry-on})
 * @param responses          responses to the judged calls with each of those statuses
 * @param retriedAfterStatus retries whose previous response had one of those statuses, in arrival order
 * @param retriedByStatus    how many of those followed each status (counted without reading the retries)
 * @param unkeyedRetries     retries of POST or PATCH without an {@code Idempotency-Key}, in arrival
 *                           order: a non-idempotent request retried with nothing that lets the server
 *                           tell a retry from a new request (RFC 9110 §9.2.2)
 */
public record NonRetryableMeasurement(Set<Integer> statuses, Map<Integer, Long> responses, List<Retry> retriedAfterStatus,
                                      Map<Integer, Long> retriedByStatus, List<Retry> unkeyedRetries) {
    public NonRetryableMeasurement {
        statuses = Set.copyOf(statuses);
        responses = Map.copyOf(responses);
        retriedByStatus = Collections.unmodifiableMap(new TreeMap<>(retriedByStatus));
        // Read-only views, not copies: the analysis hands lists whose retries are made when read, and a
        // storm of unkeyed POST retries has hundreds of thousands.
        retriedAfterStatus = Collections.unmodifiableList(retriedAfterStatus);
        unkeyedRetries = Collections.unmodifiableList(unkeyedRetries);
    }
}
