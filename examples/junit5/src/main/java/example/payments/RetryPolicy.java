package example.payments;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a payments client retries and how long it waits: the part of a client that faultline judges.
 *
 * @param maxAttempts      attempts per call, the first included
 * @param base             the first backoff; each later one doubles
 * @param cap              the longest backoff
 * @param fullJitter       wait a random time between 0 and the backoff (AWS's "full jitter") instead of the backoff itself
 * @param honorRetryAfter  wait what a 429/503's Retry-After asks (in seconds) when it is longer than the backoff
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, boolean fullJitter, boolean honorRetryAfter) {

    /** Three attempts, 200 ms doubling backoff capped at 2 s, full jitter, Retry-After honoured. */
    public static RetryPolicy careful() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), true, true);
    }

    /** {@link #careful()} without the jitter: every call waits the same 200 ms, 400 ms, so calls that fail together retry together. */
    public static RetryPolicy lockstep() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), false, true);
    }

    /** The policy faultline exists to catch: ten attempts, no wait, Retry-After ignored. */
    public static RetryPolicy naive() {
        return new RetryPolicy(10, Duration.ZERO, Duration.ZERO, false, false);
    }

    /** Retry 5xx, 429 and transport failures; never other 4xx (they will not get better). */
    public boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    /** How long to wait before attempt {@code attempt + 1} after {@code attempt} failed. */
    public long waitMillis(int attempt, OptionalLong retryAfterSeconds) {
        long backoff = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        long wait = fullJitter && backoff > 0 ? ThreadLocalRandom.current().nextLong(backoff + 1) : backoff;
        if (honorRetryAfter && retryAfterSeconds.isPresent()) {
            wait = Math.max(wait, retryAfterSeconds.getAsLong() * 1000);
        }
        return wait;
    }

    /** The delay-seconds form of Retry-After; an HTTP date or garbage counts as absent. */
    static OptionalLong retryAfter(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
