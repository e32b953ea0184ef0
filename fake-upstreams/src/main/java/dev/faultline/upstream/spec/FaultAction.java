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

    /**
     * Close the connection (FIN) without sending a response, once the request has been read (curl:
     * exit 52, "Empty reply from server").
     */
    record Drop() implements FaultAction {
        @Override
        public String effect() {
            return "drop";
        }
    }

    /** Abort the connection with a TCP RST (SO_LINGER 0, then close), without a response (curl: exit 56). */
    record Reset() implements FaultAction {
        @Override
        public String effect() {
            return "reset";
        }
    }

    /**
     * Never answer; the connection stays open until the client gives up or the run ends, whatever
     * the idle timeout. Journalled when the client leaves (client gone) or at the end (open).
     */
    record Hang() implements FaultAction {
        @Override
        public String effect() {
            return "hang";
        }
    }

    /**
     * Stop listening for the phase: new connections are refused and open ones are closed; the next
     * phase without it listens again on the same ports. Takes no trigger (match, probability, first)
     * and no delay: it is the whole upstream's state, not a request's fate.
     */
    record Down() implements FaultAction {
        @Override
        public String effect() {
            return "down";
        }
    }

    /**
     * Declare the whole body's length, send only the first {@code afterBytes} bytes, then close (curl:
     * exit 18). When the body is not longer than that, the declared length is {@code afterBytes + 1},
     * so the body always ends early.
     */
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

    /**
     * Send the head at once, then the body {@code bytes} at a time, one chunk after each
     * {@code every}: a body of n chunks takes n intervals and arrives whole.
     */
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

    /**
     * Send the status line and headers, declaring {@code Transfer-Encoding: chunked}, then 1,024
     * random bytes from the rule's seeded stream where the chunk framing should be, then close: the
     * client fails decoding the body (curl: exit 56).
     */
    record GarbageBody() implements FaultAction {
        @Override
        public String effect() {
            return "garbage";
        }
    }

    /**
     * Admit requests up to a limit; answer the rest with 429 and the chosen headers. The rule fires
     * (and its delay applies) only for the requests it refuses; admitted ones go on to later rules
     * and the routes, carrying the quota headers when those families are chosen.
     */
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
