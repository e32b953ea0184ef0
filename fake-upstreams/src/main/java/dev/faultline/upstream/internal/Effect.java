package dev.faultline.upstream.internal;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.drift.DeprecationHeaders;
import dev.faultline.upstream.drift.JsonDrift;
import dev.faultline.upstream.internal.ratelimit.RateLimitVerdict;
import dev.faultline.upstream.internal.ratelimit.RateLimiter;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.Http2FaultKind;
import org.eclipse.jetty.http.HttpField;

import java.time.Instant;
import java.util.List;

/**
 * A fault rule's {@link FaultAction} made ready for one phase: the action's own behaviour on an
 * {@link Exchange}, with whatever state it needs for the phase (a prepared response, a rate limiter,
 * a seeded stream). One record per action, made by {@link #compile}'s exhaustive visitor, so an
 * action without a behaviour does not compile. The request path calls these methods on the rule's
 * effect and allocates nothing to do so. Threadsafe.
 */
sealed interface Effect {

    /** Starts the effect on the exchange (at once, or when the delay is over); false if the exchange had already ended. */
    boolean start(Exchange exchange);

    /**
     * Whether the effect can act on this request at all, asked right after the match and before the
     * trigger spends anything ({@code first}'s budget, a probability draw): a rule whose effect cannot
     * act on a request leaves it to later rules, as if the rule did not match.
     */
    default boolean applies(RequestView request) {
        return true;
    }

    /**
     * Whether the effect lets a request its rule's trigger chose go on to later rules and the routes
     * (a rate limit admitting it). Asked last, after the match, {@code first} and probability.
     */
    default boolean lets(RequestView request) {
        return false;
    }

    /**
     * Whether the exchange reads (and discards) the request's body before the effect starts; an
     * effect that must leave the body unread (a stalled HTTP/2 window) says no.
     */
    default boolean readsBody() {
        return true;
    }

    /**
     * Whether a request this effect fires on goes to a proxy upstream's real dependency when no route
     * matches it. Every effect decides (none inherits a default), so a new effect must say: true when
     * it only changes how or when the route answers (a forwarded request's route is the dependency,
     * and the effect shapes its real answer); false when the effect answers or ends the exchange
     * itself, so the dependency is never contacted.
     */
    boolean forwards(RequestView request);

    /** Makes the effect's own random draws for a request it fires on, in arrival order. */
    default void draw(Exchange exchange) {
    }

    /**
     * The effect of {@code rule} for a phase.
     *
     * @param upstream        the upstream's name (part of every seed)
     * @param clients         how many clients the upstream tells apart
     * @param runSeed         the run's seed
     * @param clock           the run's clock
     * @param phaseStartNanos when the phase started, on {@code clock}
     * @throws IllegalArgumentException if a {@code down} rule has a trigger or a delay
     */
    static Effect compile(FaultRule rule, String upstream, int clients, long runSeed, RunClock clock,
                          long phaseStartNanos) {
        return rule.action().accept(new FaultAction.Visitor<Effect>() {
            @Override
            public Effect respond(FaultAction.RespondWith action) {
                return new Respond(PreparedResponse.of(action.respond()));
            }

            @Override
            public Effect passToRoute(FaultAction.PassToRoute action) {
                return new PassToRoute();
            }

            @Override
            public Effect drop(FaultAction.Drop action) {
                return new Cut(false, "dropped the connection");
            }

            @Override
            public Effect reset(FaultAction.Reset action) {
                return new Cut(true, "reset the connection");
            }

            @Override
            public Effect hang(FaultAction.Hang action) {
                return new Hang();
            }

            @Override
            public Effect down(FaultAction.Down action) {
                if (!(rule.match().matchesEverything() && rule.probability() == 1.0 && rule.first() == 0
                        && rule.delay() == null)) {
                    throw new IllegalArgumentException("fault rule " + rule.id() + ": down: true takes no match,"
                            + " probability, first or delay (the upstream stops listening for the whole phase)");
                }
                return new Down();
            }

            @Override
            public Effect truncate(FaultAction.TruncateBody action) {
                return new Truncate(action.afterBytes());
            }

            @Override
            public Effect dribble(FaultAction.DribbleBody action) {
                return new Dribble(action.bytes(), action.every().toNanos());
            }

            @Override
            public Effect garbage(FaultAction.GarbageBody action) {
                return new Garbage(SeededStream.derive(runSeed, upstream, rule.seedKey(), "garbage"));
            }

            @Override
            public Effect rateLimit(FaultAction.RateLimit action) {
                return new RateLimit(RateLimiter.of(action, clients, phaseStartNanos), clock);
            }

            @Override
            public Effect afterHeaders(FaultAction.AfterHeaders action) {
                return new AfterHeaders(action.then());
            }

            @Override
            public Effect tls(FaultAction.TlsFault action) {
                if (!(rule.match().matchesEverything() && rule.probability() == 1.0 && rule.first() == 0
                        && rule.delay() == null)) {
                    throw new IllegalArgumentException("fault rule " + rule.id() + ": tls takes no match,"
                            + " probability, first or delay (it acts on the handshake, before any request exists)");
                }
                return new Tls(action);
            }

            @Override
            public Effect drift(FaultAction.Drift action) {
                long seed = SeededStream.derive(runSeed, upstream, rule.seedKey(), "drift").bitsAt(0);
                return new Drift(new JsonDrift(action.mutations(), seed));
            }

            @Override
            public Effect deprecate(FaultAction.Deprecate action) {
                Instant phaseStart = Instant.ofEpochMilli(clock.epochMillisAt(phaseStartNanos));
                return new Deprecate(RewrittenResponse.fields(DeprecationHeaders.of(action, phaseStart)), action.gone());
            }

            @Override
            public Effect bandwidth(FaultAction.BandwidthBody action) {
                return new Bandwidth(action.bytesPerSecond());
            }

            @Override
            public Effect http2(FaultAction.Http2Fault action) {
                if (action.kind() == Http2FaultKind.MAX_CONCURRENT_STREAMS
                        && !(rule.match().matchesEverything() && rule.probability() == 1.0 && rule.first() == 0
                        && rule.delay() == null)) {
                    throw new IllegalArgumentException("fault rule " + rule.id() + ": http2 max-concurrent-streams takes"
                            + " no match, probability, first or delay (it sets the SETTINGS of new connections)");
                }
                return new Http2(action);
            }
        });
    }

    /** Answer the prepared response instead of the route. */
    record Respond(PreparedResponse response) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return false; // the prepared answer is all the client sees
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.respondWith(response);
        }
    }

    /** The rule only delays; the route answers. */
    record PassToRoute() implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return true; // only delays: the dependency answers
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.respondWith(exchange.route());
        }
    }

    /** Close the connection without a response: FIN (drop) or RST (reset). */
    record Cut(boolean reset, String what) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return false; // the connection ends before any answer
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.cut(reset, what);
        }
    }

    /** Never answer. */
    record Hang() implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return false; // no answer ever comes
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.hang();
        }
    }

    /**
     * The upstream is down for the phase (the upstream stops listening when the phase starts); a
     * request that slipped in as it went down finds it gone all the same.
     */
    record Down() implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return false; // the upstream is not there
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.cut(false, "is down");
        }
    }

    /** Declare the route's whole body, send only {@code afterBytes} of it, then close. */
    record Truncate(long afterBytes) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return true; // cuts the dependency's real body
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.truncate(exchange.route(), afterBytes);
        }
    }

    /** Send the route's head, then its body {@code bytes} at a time, one chunk each {@code everyNanos}. */
    record Dribble(int bytes, long everyNanos) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return true; // dribbles the dependency's real body
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.dribble(exchange.route(), bytes, everyNanos);
        }
    }

    /** Send the route's (or the dependency's) status and headers, then drop, reset or hang instead of the body. */
    record AfterHeaders(FaultAction.AfterHeaders.Then then) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return true; // the dependency's real head, then no body
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.afterHeaders(exchange.route(), then);
        }
    }

    /** Send the route's head as chunked, then noise from the rule's own stream where the chunks should be. */
    record Garbage(SeededStream draws) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return true; // noise under the dependency's real head
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.sendGarbage(exchange.route());
        }

        @Override
        public void draw(Exchange exchange) {
            byte[] noise = new byte[GarbageResponse.NOISE_BYTES];
            draw(noise);
            exchange.garbage(noise);
        }

        /** Fills {@code bytes} from the rule's stream. */
        void draw(byte[] bytes) {
            draws.nextBytes(bytes);
        }
    }

    /** Admit requests up to the limit; answer the rest with 429 and the chosen quota headers. */
    record RateLimit(RateLimiter limiter, RunClock clock) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return false; // fires only to refuse; an admitted request goes on to later rules and the routes
        }

        @Override
        public boolean lets(RequestView request) {
            RateLimitVerdict verdict = limiter.decide(request, clock.nanos());
            request.rateLimited(verdict);
            return verdict.admitted();
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.refuse();
        }
    }

    /**
     * Spoil the handshake of every new connection ({@link TlsFaultConnectionFactory} reads it off the
     * phase's rules). Requests arrive only on connections whose handshake came through, and go on
     * to later rules and the routes: the fault is the connection's, never a request's.
     */
    record Tls(FaultAction.TlsFault fault) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return true; // the handshake's fault; the request itself goes on
        }

        @Override
        public boolean lets(RequestView request) {
            return true;
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.respondWith(exchange.route());
        }
    }

    /**
     * Answer the route's (or the dependency's) response with its JSON body drifted (journalled as a
     * {@code drift} event per request); a body that is not JSON goes out unchanged, and the event says why.
     */
    record Drift(JsonDrift drift) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return true; // drifts the dependency's real body
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.drift(exchange.route(), drift);
        }
    }

    /** Answer the route's (or the dependency's) response with the deprecation fields added, or 410 Gone with them. */
    record Deprecate(List<HttpField> fields, boolean gone) implements Effect {
        private static final int GONE = 410;

        @Override
        public boolean forwards(RequestView request) {
            return !gone; // the fields go on the dependency's real answer; gone answers 410 itself
        }

        @Override
        public boolean start(Exchange exchange) {
            if (gone) {
                return exchange.respondWith(PreparedResponse.of(GONE, fields, new byte[0]));
            }
            return exchange.withFields(exchange.route(), fields);
        }
    }

    /** Send the route's (or the dependency's) head at once and its body at {@code bytesPerSecond}. */
    record Bandwidth(long bytesPerSecond) implements Effect {
        @Override
        public boolean forwards(RequestView request) {
            return true; // paces the dependency's real body
        }

        @Override
        public boolean start(Exchange exchange) {
            return exchange.throttle(exchange.route(), bytesPerSecond);
        }
    }

    /**
     * An HTTP/2 fault. Stream faults (rst-stream, goaway, stall-window) act on the request's stream
     * or connection; a request that came over HTTP/1.1 has neither, so the rule does not apply to it
     * (it spends no {@code first} budget or draw on it) and later rules and the routes answer it, as
     * the journal shows, with no {@code stream}. The stream limit is read off the phase's rules when a connection is made
     * ({@link Http2Limits}) and never fires on a request.
     */
    record Http2(FaultAction.Http2Fault fault) implements Effect {
        /**
         * A stream reset, a GOAWAY that closes or leaves this stream unanswered, or a stalled window
         * answers nothing, so the dependency is never contacted; a graceful GOAWAY that covers the
         * stream lets the route (the dependency) answer it, as {@link Exchange#goAway} does.
         */
        @Override
        public boolean forwards(RequestView request) {
            switch (fault.kind()) {
                case GOAWAY:
                    return fault.error() == dev.faultline.upstream.spec.Http2ErrorCode.NO_ERROR
                            && (fault.lastStreamId() < 0 || request.stream() <= fault.lastStreamId());
                case MAX_CONCURRENT_STREAMS:
                    return true; // never fires on a request
                default:
                    return false;
            }
        }

        @Override
        public boolean applies(RequestView request) {
            return fault.kind() != Http2FaultKind.MAX_CONCURRENT_STREAMS && request.stream() != 0;
        }

        @Override
        public boolean readsBody() {
            return fault.kind() != Http2FaultKind.STALL_WINDOW;
        }

        @Override
        public boolean start(Exchange exchange) {
            switch (fault.kind()) {
                case RST_STREAM:
                    return exchange.resetStream(fault.error());
                case GOAWAY:
                    return exchange.goAway(fault.error(), fault.lastStreamId());
                case STALL_WINDOW:
                    return exchange.stallWindow();
                default:
                    return exchange.respondWith(exchange.route());
            }
        }
    }
}
