package dev.faultline.analysis;

import dev.faultline.journal.UpstreamRequest;

/**
 * One retry: an attempt of a logical call after the first, with the attempt it followed.
 *
 * @param call     the call it belongs to
 * @param number   which retry of the call it is, from 1 (the second attempt)
 * @param previous the attempt before it (attempt {@code number} of the call)
 * @param attempt  the retry itself (attempt {@code number + 1})
 */
public record Retry(LogicalCall call, int number, UpstreamRequest previous, UpstreamRequest attempt) {
    public Retry {
        if (number < 1) {
            throw new IllegalArgumentException("a retry is numbered from 1 but was " + number);
        }
    }

    /**
     * When the previous response ended at the upstream: its {@code endNanos}, or its arrival when the
     * exchange never ended (a hang still open).
     */
    public long previousEndNanos() {
        return previous.endNanos() >= 0 ? Math.max(previous.endNanos(), previous.atNanos()) : previous.atNanos();
    }

    /** The backoff gap {@code d_n = t(attempt n+1) - t(response n end)}; negative if they overlapped. */
    public long gapNanos() {
        return attempt.atNanos() - previousEndNanos();
    }

    /** The client (target replica) that sent it. */
    public int client() {
        return attempt.client();
    }
}
