package dev.faultline.analysis;

import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
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

    /**
     * The first of its attempts that arrived in the windows, if any. A call belongs to a fault window
     * when any of its attempts arrived in it: a call that began just before the fault and retried
     * into it is part of the storm, though its first attempt came a moment early.
     */
    public java.util.Optional<UpstreamRequest> firstAttemptIn(List<PhaseWindow> windows) {
        int i = firstIndexIn(windows);
        return i < 0 ? java.util.Optional.empty() : java.util.Optional.of(attempts.get(i));
    }

    /** The index of {@link #firstAttemptIn}, or -1; allocates nothing. */
    public int firstIndexIn(List<PhaseWindow> windows) {
        for (int i = 0, n = attempts.size(); i < n; i++) {
            if (Timeline.within(windows, attempts.get(i).atNanos())) {
                return i;
            }
        }
        return -1;
    }

    /** Retries: attempts after the first. */
    public int retries() {
        return attempts.size() - 1;
    }
}
