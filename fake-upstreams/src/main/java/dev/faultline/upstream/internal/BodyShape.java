package dev.faultline.upstream.internal;

/**
 * How a body fault shapes a real body on its way from a proxy upstream's dependency to the client:
 * the same body effects the fake's own routes get ({@code truncate-after}, {@code dribble},
 * {@code bandwidth}, {@code drift}), applied to a stream instead of a prepared buffer. A new body
 * effect adds a record here and its step in {@link ForwardedBody}.
 */
sealed interface BodyShape {
    /** The body as it comes. */
    BodyShape WHOLE = new Whole();

    /** The body as it comes, each chunk written as soon as it arrives. */
    record Whole() implements BodyShape {
    }

    /**
     * The head, then the first {@code keep} body bytes, then the connection aborts. A dependency
     * whose body is not longer is declared one byte longer, so the client always sees it end early.
     */
    record Truncate(long keep) implements BodyShape {
    }

    /** The head at once, then the body {@code bytes} at a time, one slice after each {@code everyNanos}. */
    record Dribble(int bytes, long everyNanos) implements BodyShape {
    }

    /** The head, then no body: the connection is dropped, reset or left hanging. */
    record AfterHeaders(dev.faultline.upstream.spec.FaultAction.AfterHeaders.Then then) implements BodyShape {
    }

    /** The dependency's status line and headers as chunked, then noise where the chunks should be; the body is never read. */
    record Garbage() implements BodyShape {
    }

    /** The head at once, then the body paced at the bandwidth ({@code body: {bandwidth}}). */
    record Throttle(Pacing pacing) implements BodyShape {
    }

    /**
     * The body held until it is whole (up to {@code maxBytes}), drifted, then sent with its own
     * length. A body that is not JSON, is content-encoded, or grows past {@code maxBytes} streams as
     * it comes, and the journal says why it was left alone.
     */
    record Drift(dev.faultline.upstream.drift.JsonDrift drift, int maxBytes) implements BodyShape {
        /** The most a drifted dependency's body is held in memory: 8 MiB. */
        static final int MAX_BYTES = 8 * 1024 * 1024;
    }
}
