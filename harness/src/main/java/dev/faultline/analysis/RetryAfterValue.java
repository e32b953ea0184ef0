package dev.faultline.analysis;

import java.time.Instant;

/**
 * A {@code Retry-After} header value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 */
public sealed interface RetryAfterValue {

    /** {@code Retry-After: 2}: wait this many seconds after the response. */
    record Delay(long seconds) implements RetryAfterValue {
    }

    /** {@code Retry-After: Wed, 21 Oct 2026 07:28:00 GMT}: wait until this instant. */
    record Date(Instant at) implements RetryAfterValue {
    }

    /** Neither: the value is reported, not judged. */
    record Invalid(String text) implements RetryAfterValue {
    }

    /**
     * Parses a header value. Dates are accepted in the three formats a recipient must accept:
     * IMF-fixdate, RFC 850 and asctime. A delay too large for a {@code long} reads as the largest.
     */
    static RetryAfterValue parse(String value) {
        return RetryAfterParser.parse(value);
    }
}
