package dev.faultline.upstream.spec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a fault rule does to a request it fires on: one record per effect, the only list of effects
 * there is. A rule with a delay alone has {@link PassToRoute}: the matched route answers, late.
 *
 * <p>Java 17 has no exhaustive {@code switch} over a sealed interface, so whoever acts on an effect
 * does it through {@link Visitor}: a new record must implement {@link #accept}, which needs a new
 * visitor method, which every visitor (the fake upstream's, first) must then implement. The compiler
 * lists what a new effect still lacks; nothing is joined by names.
 */
public sealed interface FaultAction {

    /** The short name used in the journal's {@code effect} field and in the report (a label, never dispatched on). */
    String effect();

    /** Calls the visitor's method for this record. */
    <R> R accept(Visitor<R> visitor);

    /** One method per effect. */
    interface Visitor<R> {
        R respond(RespondWith action);

        R passToRoute(PassToRoute action);

        R drop(Drop action);

        R reset(Reset action);

        R hang(Hang action);

        R down(Down action);

        R truncate(TruncateBody action);

        R dribble(DribbleBody action);

        R garbage(GarbageBody action);

        R rateLimit(RateLimit action);

        R tls(TlsFault action);

        R drift(Drift action);

        R deprecate(Deprecate action);

        R bandwidth(BandwidthBody action);

        R http2(Http2Fault action);

        R afterHeaders(AfterHeaders action);
    }

    /** Answer this instead of the route. */
    record RespondWith(Respond respond) implements FaultAction {
        public RespondWith {
            Objects.requireNonNull(respond, "respond");
        }

        @Override
        public String effect() {
            return "respond";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.respond(this);
        }
    }

    /** No action of its own: the rule only delays, then the matched route answers. */
    record PassToRoute() implements FaultAction {
        @Override
        public String effect() {
            return "delay";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.passToRoute(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.drop(this);
        }
    }

    /** Abort the connection with a TCP RST (SO_LINGER 0, then close), without a response (curl: exit 56). */
    record Reset() implements FaultAction {
        @Override
        public String effect() {
            return "reset";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reset(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.hang(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.down(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.truncate(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dribble(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.garbage(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.rateLimit(this);
        }
    }

    /**
     * Spoil the TLS handshake of every new connection for the phase ({@code tls: ...}). It acts
     * before any request exists, so it takes no trigger (match, probability, first) and no delay;
     * connections whose handshake was over before the phase keep being served.
     *
     * @param kind    what the client meets
     * @param version for {@link TlsFaultKind#VERSION}, the only protocol the upstream speaks
     *                ({@code TLSv1} or {@code TLSv1.1}); {@code null} otherwise
     */
    record TlsFault(TlsFaultKind kind, String version) implements FaultAction {
        public TlsFault {
            Objects.requireNonNull(kind, "kind");
            if ((kind == TlsFaultKind.VERSION) != (version != null)) {
                throw new IllegalArgumentException("a TLS version fault names its version, and only it does");
            }
        }

        /** A fault that needs no version. */
        public static TlsFault of(TlsFaultKind kind) {
            return new TlsFault(kind, null);
        }

        @Override
        public String effect() {
            return "tls-" + kind.word();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.tls(this);
        }
    }

    /**
     * Change the matched route's JSON body ({@code application/json} or {@code +json}) by each
     * mutation in turn, then answer it; any other body is sent unchanged (and journalled as such).
     * Seeded names and values come from the rule's own stream.
     */
    record Drift(List<DriftMutation> mutations) implements FaultAction {
        public Drift {
            mutations = List.copyOf(mutations);
            if (mutations.isEmpty()) {
                throw new IllegalArgumentException("drift needs at least one mutation");
            }
        }

        @Override
        public String effect() {
            return "drift";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.drift(this);
        }
    }

    /**
     * Answer the route with deprecation headers: {@code Deprecation} (RFC 9745, {@code @EPOCH} of
     * {@code since}, or of the phase start when absent), {@code Sunset} (RFC 8594, an HTTP-date) and
     * {@code Link: <link>; rel="successor-version"}; with {@code gone}, 410 Gone with the same headers.
     *
     * @param sunset when the endpoint goes away, or {@code null} for no {@code Sunset} header
     * @param link   the successor's URL (may be relative), or {@code null} for no {@code Link}
     * @param since  when it was deprecated, or {@code null} for the phase start
     * @param gone   answer 410 instead of the route
     */
    record Deprecate(java.time.Instant sunset, String link, java.time.Instant since, boolean gone) implements FaultAction {
        @Override
        public String effect() {
            return "deprecate";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deprecate(this);
        }
    }

    /**
     * Send the route's head at once and its body at no more than {@code bytesPerSecond}, paced
     * over the whole response (a 64 KiB body at 64KB/s takes about a second).
     */
    record BandwidthBody(long bytesPerSecond) implements FaultAction {
        public BandwidthBody {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("bandwidth must be > 0 bytes a second but was " + bytesPerSecond);
            }
        }

        @Override
        public String effect() {
            return "bandwidth";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.bandwidth(this);
        }
    }

    /**
     * An HTTP/2-only fault ({@code http2: ...}): reset the request's stream, send GOAWAY, stall the
     * stream's flow-control window, or (a phase rule with no trigger) limit the concurrent streams
     * of the phase's new connections. On a request that arrived over HTTP/1.1 it does not fire.
     *
     * @param kind                 what it does
     * @param error                for {@link Http2FaultKind#RST_STREAM} and {@link Http2FaultKind#GOAWAY},
     *                             the error code sent; {@code null} otherwise
     * @param lastStreamId         for {@link Http2FaultKind#GOAWAY}, the last stream id sent, or {@code -1}
     *                             for the id of the stream that triggered it; {@code -1} otherwise
     * @param maxConcurrentStreams for {@link Http2FaultKind#MAX_CONCURRENT_STREAMS}, the limit (at least
     *                             1); {@code 0} otherwise
     */
    record Http2Fault(Http2FaultKind kind, Http2ErrorCode error, int lastStreamId, int maxConcurrentStreams)
            implements FaultAction {
        public Http2Fault {
            Objects.requireNonNull(kind, "kind");
            boolean coded = kind == Http2FaultKind.RST_STREAM || kind == Http2FaultKind.GOAWAY;
            if (coded != (error != null)) {
                throw new IllegalArgumentException("an http2 " + kind.word() + " fault "
                        + (coded ? "needs an error code" : "takes no error code"));
            }
            if (lastStreamId < -1 || (kind != Http2FaultKind.GOAWAY && lastStreamId != -1)) {
                throw new IllegalArgumentException("last-stream-id belongs to goaway and is >= 0, but was " + lastStreamId);
            }
            if ((kind == Http2FaultKind.MAX_CONCURRENT_STREAMS) != (maxConcurrentStreams > 0)) {
                throw new IllegalArgumentException("max-concurrent-streams belongs to its own fault and is >= 1, but was "
                        + maxConcurrentStreams);
            }
        }

        /** Reset the stream with {@code error}. */
        public static Http2Fault rstStream(Http2ErrorCode error) {
            return new Http2Fault(Http2FaultKind.RST_STREAM, error, -1, 0);
        }

        /** GOAWAY with {@code error} and {@code lastStreamId} ({@code -1}: the triggering stream's id). */
        public static Http2Fault goAway(Http2ErrorCode error, int lastStreamId) {
            return new Http2Fault(Http2FaultKind.GOAWAY, error, lastStreamId, 0);
        }

        /** Never open the stream's flow-control window. */
        public static Http2Fault stallWindow() {
            return new Http2Fault(Http2FaultKind.STALL_WINDOW, null, -1, 0);
        }

        /** At most {@code limit} concurrent streams per new connection. */
        public static Http2Fault maxConcurrentStreams(int limit) {
            return new Http2Fault(Http2FaultKind.MAX_CONCURRENT_STREAMS, null, -1, limit);
        }

        /** The journal's label: the kind, then its error code or limit ({@code rst-stream:REFUSED_STREAM}). */
        @Override
        public String effect() {
            if (error != null) {
                return kind.word() + ":" + error.name();
            }
            return kind == Http2FaultKind.MAX_CONCURRENT_STREAMS ? kind.word() + ":" + maxConcurrentStreams : kind.word();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.http2(this);
        }
    }

    /**
     * Send the status and headers (the route's, or a proxy upstream's real dependency's), then,
     * instead of the body, drop the connection (FIN), reset it (RST) or hang (nothing more until the
     * client leaves): a connection fault in the middle of a response ({@code connection: {reset:
     * after-headers}}). curl: exit 18 (drop: partial body), 56 (reset), 28 with {@code -m} (hang).
     */
    record AfterHeaders(Then then) implements FaultAction {
        /** What the connection does after the headers. */
        public enum Then {
            DROP, RESET, HANG;

            /** The word in the scenario: {@code drop}, {@code reset}, {@code hang}. */
            public String word() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public AfterHeaders {
            Objects.requireNonNull(then, "then");
        }

        @Override
        public String effect() {
            return then.word() + "-after-headers";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.afterHeaders(this);
        }
    }
}
