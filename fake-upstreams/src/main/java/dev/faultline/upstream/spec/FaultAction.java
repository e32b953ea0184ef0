package dev.faultline.upstream.spec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a fault rule does to a request it fires on: at most one action per rule (a rule may also have
 * only a delay, then the matched route answers). The effects are applied by the fake upstream with an
 * exhaustive switch over this sealed family.
 */
public sealed interface FaultAction {

    /** The short name used in the journal's {@code effect} field and in the report. */
    String effect();

    /** Answer this instead of the route. */
    record RespondWith(Respond respond) implements FaultAction {
        public RespondWith {
            Objects.requireNonNull(respond, "respond");
        }

        @Override
        public String effect() {
            return "respond";
        }
    }

    /** Close the connection (FIN) without sending a response. */
    record Drop() implements FaultAction {
        @Override
        public String effect() {
            return "drop";
        }
    }

    /** Abort the connection with a TCP RST, without sending a response. */
    record Reset() implements FaultAction {
        @Override
        public String effect() {
            return "reset";
        }
    }

    /** Never answer; the connection stays open until the client gives up or the run ends. */
    record Hang() implements FaultAction {
        @Override
        public String effect() {
            return "hang";
        }
    }

    /** Stop listening for the phase: new connections are refused. */
    record Down() implements FaultAction {
        @Override
        public String effect() {
            return "down";
        }
    }

    /** Declare the whole body's length, send only the first {@code afterBytes} bytes, then close. */
    record TruncateBody(long afterBytes) implements FaultAction {
        public TruncateBody {
            if (afterBytes < 0) {
                throw new IllegalArgumentException("truncate-after must be >= 0 bytes but was " + afterBytes);
            }
        }

        @Override
        public String effect() {
            return "truncate";
        }
    }

    /** Send the body {@code bytes} at a time, one chunk every {@code every}. */
    record DribbleBody(int bytes, Duration every) implements FaultAction {
        public DribbleBody {
            if (bytes <= 0) {
                throw new IllegalArgumentException("dribble bytes must be > 0 but was " + bytes);
            }
            Objects.requireNonNull(every, "every");
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("dribble every must be > 0 but was " + every);
            }
        }

        @Override
        public String effect() {
            return "dribble";
        }
    }

    /** Send a status line and headers, then random bytes in place of the body, then close. */
    record GarbageBody() implements FaultAction {
        @Override
        public String effect() {
            return "garbage";
        }
    }

    /** Admit requests up to a limit; answer the rest with 429 and the chosen headers. */
    record RateLimit(int limit, Duration per, RateLimitKey by, RateLimitAlgorithm algorithm,
                     List<RateLimitHeaders> headers) implements FaultAction {
        public RateLimit {
            if (limit <= 0) {
                throw new IllegalArgumentException("rate-limit limit must be > 0 but was " + limit);
            }
            Objects.requireNonNull(per, "per");
            if (per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("rate-limit per must be > 0 but was " + per);
            }
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(algorithm, "algorithm");
            headers = List.copyOf(headers);
        }

        @Override
        public String effect() {
            return "rate-limit";
        }
    }
}
