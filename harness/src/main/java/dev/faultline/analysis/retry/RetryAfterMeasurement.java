package dev.faultline.analysis.retry;

import dev.faultline.analysis.Retry;

import java.util.List;
import java.util.Optional;

/**
 * Whether retries waited as long as the {@code Retry-After} of the response before them asked.
 *
 * @param responsesNaming  responses to the judged calls that carried a {@code Retry-After}
 * @param retriesAfter     retries whose previous response carried one
 * @param judged           of those, retries whose wait could be judged
 * @param early            retries that came more than the tolerance before the time asked, in arrival order
 * @param closest          the judged retry with the least margin ({@code waited - asked}), if any
 * @param unresolvedDates  retries after an HTTP-date that could not be placed on the run's clock
 *                         (the run's wall-clock start was not given)
 * @param invalid          retries after a value that is neither delay-seconds nor an HTTP-date
 */
public record RetryAfterMeasurement(long responsesNaming, long retriesAfter, long judged, List<Wait> early,
                                    Optional<Wait> closest, long unresolvedDates, long invalid) {
    public RetryAfterMeasurement {
        early = List.copyOf(early);
    }

    /**
     * One retry after a response that named a {@code Retry-After}.
     *
     * @param retry       the retry
     * @param value       the header value, as sent
     * @param date        true when it was an HTTP-date
     * @param askedNanos  the wait it asked for, from the end of the response
     * @param waitedNanos the wait the client made ({@link Retry#gapNanos()})
     */
    public record Wait(Retry retry, String value, boolean date, long askedNanos, long waitedNanos) {
        /** How much longer than asked the client waited; negative when it came early. */
        public long marginNanos() {
            return waitedNanos - askedNanos;
        }
    }
}
