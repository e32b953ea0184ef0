package dev.faultline.analysis;

import dev.faultline.journal.UpstreamRequest;

import java.util.List;

/**
 * The attempts a client made for one logical call, in arrival order. Attempt 1 is the call itself;
 * every later attempt is a retry.
 *
 * @param key      what tied the attempts together (a header value, or {@code client N #k})
 * @param attempts the attempts, in arrival order, at least one
 */
public record LogicalCall(String key, List<UpstreamRequest> attempts) {
    public LogicalCall {
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a logical call has at least one attempt");
        }
    }

    /** The first attempt. */
    public UpstreamRequest first() {
        return attempts.get(0);
    }

    /** Retries: attempts after the first. */
    public int retries() {
        return attempts.size() - 1;
    }
}
