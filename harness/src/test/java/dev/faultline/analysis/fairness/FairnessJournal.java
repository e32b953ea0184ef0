package dev.faultline.analysis.fairness;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small DSL for synthetic journals of clients meeting a rate limit. Besides single requests, it
 * plays clients against a simulated token bucket that answers like the fake upstream's
 * ({@code Retry-After} and {@code RateLimit} in whole seconds, rounded up), each client reacting to
 * 429s its own way, all in simulated time: no sleeping. Times are in seconds since the run started;
 * every response takes 1 ms.
 */
public final class FairnessJournal {
    private static final long SECOND = 1_000_000_000L;
    private static final long RESPONSE_NANOS = 1_000_000L;

    private final List<Event> events = new ArrayList<>();
    private final List<Sender> senders = new ArrayList<>();
    private int phases;
    private long ids;

    public static FairnessJournal journal() {
        return new FairnessJournal();
    }

    public FairnessJournal phase(String name, double atSeconds) {
        events.add(new PhaseStarted(nanos(atSeconds), phases++, name));
        return this;
    }

    public FairnessJournal end(double atSeconds) {
        events.add(new RunEnded(nanos(atSeconds), false));
        return this;
    }

    /** How a client reacts to a 429: the seconds it then stays away, given the Retry-After (seconds) it was told. */
    @FunctionalInterface
    public interface Reaction {
        double pauseSeconds(long retryAfterSeconds);

        /** Keeps its pace whatever it is told. */
        Reaction IGNORES = retryAfter -> 0;

        /** Waits the Retry-After plus up to {@code jitter} of it more, drawn from a seeded stream. */
        static Reaction honours(double jitter, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            return retryAfter -> retryAfter * (1 + random.nextDouble() * jitter);
        }

        /** Stays away this long whatever it is told. */
        static Reaction stopsFor(double seconds) {
            return retryAfter -> seconds;
        }
    }

    /**
     * A token bucket of {@code limit} tokens refilled at {@code limit} per {@code perSeconds}, full at
     * {@code startSeconds}, as the generic cell rate algorithm (like the fake upstream's).
     */
    public static final class Bucket {
        private final int limit;
        private final long windowNanos;
        private final long intervalNanos;
        private long tat;

        public Bucket(int limit, double perSeconds, double startSeconds) {
            this.limit = limit;
            this.windowNanos = nanos(perSeconds);
            this.intervalNanos = windowNanos / limit;
            this.tat = nanos(startSeconds);
        }

        /** {@code {admitted ? 1 : 0, remaining, nanos until more}}. */
        long[] decide(long now) {
            long next = Math.max(tat, now) + intervalNanos;
            long debt = next - now;
            if (debt > windowNanos) {
                return new long[] {0, 0, next - windowNanos - now};
            }
            tat = next;
            long remaining = (windowNanos - debt) / intervalNanos;
            return new long[] {1, remaining, Math.max(0, debt - (windowNanos - (remaining + 1) * intervalNanos))};
        }

        int limit() {
            return limit;
        }
    }

    /** A target replica sending to an upstream every {@code 1/rate} s in [from, to), through {@code bucket}. */
    public FairnessJournal replica(String upstream, int replica, double rate, double fromSeconds, double toSeconds, Bucket bucket,
                                   Reaction reaction) {
        senders.add(new Sender(upstream, null, replica, rate, nanos(fromSeconds), nanos(toSeconds), bucket, reaction, true, true));
        return this;
    }

    /**
     * A load tenant sending to the target every {@code 1/rate} s in [from, to), open loop, through the
     * target's {@code bucket}; its 429s carry Retry-After when {@code retryAfter}, and every response
     * carries RateLimit fields when {@code rateLimit}.
     */
    public FairnessJournal tenant(String name, double rate, double fromSeconds, double toSeconds, Bucket bucket, boolean retryAfter,
                                  boolean rateLimit) {
        senders.add(new Sender(null, name, 0, rate, nanos(fromSeconds), nanos(toSeconds), bucket, Reaction.IGNORES, retryAfter,
                rateLimit));
        return this;
    }

    /** One request at an upstream from a replica, answered with {@code status} and these headers (null: none). */
    public FairnessJournal attempt(String upstream, int replica, double atSeconds, int status, String retryAfter, String rateLimit) {
        long at = nanos(atSeconds);
        events.add(new UpstreamRequest(at, at + RESPONSE_NANOS, upstream, replica, ids++, "GET", "/api", null, null, null,
                status == 429 ? "busy/" + upstream + "[0]" : null, status == 429 ? "rate-limit" : "route", status, 0, -1, -1,
                retryAfter, rateLimit, UpstreamRequest.Outcome.COMPLETED));
        return this;
    }

    /** One load request of a tenant, sent at {@code atSeconds} and answered 1 ms later with {@code status} and these headers. */
    public FairnessJournal request(String tenant, double atSeconds, int status, String retryAfter, String rateLimit, String policy) {
        long at = nanos(atSeconds);
        events.add(new LoadResult(at, at, at + RESPONSE_NANOS, 0, tenant, "GET", "/api", "id-" + ids++, status,
                CallOutcome.RESPONSE, null, retryAfter, rateLimit, policy));
        return this;
    }

    /** Every event, the simulated clients played out, in time order. */
    public List<Event> events() {
        play();
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::atNanos));
        return sorted;
    }

    private void play() {
        List<Sender> active = new ArrayList<>(senders);
        senders.clear();
        while (true) {
            Sender next = null;
            for (Sender s : active) {
                if (s.nextNanos < s.toNanos && (next == null || s.nextNanos < next.nextNanos)) {
                    next = s;
                }
            }
            if (next == null) {
                return;
            }
            next.send();
        }
    }

    private final class Sender {
        final String upstream;
        final String tenant;
        final int replica;
        final long intervalNanos;
        final long toNanos;
        final Bucket bucket;
        final Reaction reaction;
        final boolean retryAfter;
        final boolean rateLimit;
        long nextNanos;

        Sender(String upstream, String tenant, int replica, double rate, long fromNanos, long toNanos, Bucket bucket,
               Reaction reaction, boolean retryAfter, boolean rateLimit) {
            this.upstream = upstream;
            this.tenant = tenant;
            this.replica = replica;
            this.intervalNanos = Math.round(SECOND / rate);
            this.nextNanos = fromNanos;
            this.toNanos = toNanos;
            this.bucket = bucket;
            this.reaction = reaction;
            this.retryAfter = retryAfter;
            this.rateLimit = rateLimit;
        }

        void send() {
            long at = nextNanos;
            long[] decision = bucket.decide(at);
            boolean admitted = decision[0] == 1;
            long seconds = Math.max(1, -Math.floorDiv(-decision[2], SECOND));
            String ra = !admitted && retryAfter ? Long.toString(seconds) : null;
            String rl = rateLimit ? "\"default\";r=" + decision[1] + ";t=" + -Math.floorDiv(-decision[2], SECOND) : null;
            int status = admitted ? 200 : 429;
            if (upstream != null) {
                events.add(new UpstreamRequest(at, at + RESPONSE_NANOS, upstream, replica, ids++, "GET", "/api", null, null, null,
                        admitted ? null : "busy/" + upstream + "[0]", admitted ? "route" : "rate-limit", status, 0, -1, -1, ra, rl,
                        UpstreamRequest.Outcome.COMPLETED));
            } else {
                events.add(new LoadResult(at, at, at + RESPONSE_NANOS, 0, tenant, "GET", "/api", "id-" + ids++, status,
                        CallOutcome.RESPONSE, null, ra, rl, rateLimit ? "\"default\";q=" + bucket.limit() + ";w=1" : null));
            }
            double pause = admitted ? 0 : reaction.pauseSeconds(seconds);
            nextNanos = pause > 0 ? at + RESPONSE_NANOS + nanos(pause) : at + intervalNanos;
        }
    }

    static long nanos(double seconds) {
        return Math.round(seconds * SECOND);
    }
}
