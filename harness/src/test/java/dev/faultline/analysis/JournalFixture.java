package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.TimerNoise;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A small DSL for synthetic journals: phases at given times, attempts with status and call id.
 * Times are in milliseconds since the run started.
 */
public final class JournalFixture {
    private final List<Event> events = new ArrayList<>();
    private int phases;
    private long connection;

    public static JournalFixture journal() {
        return new JournalFixture();
    }

    public JournalFixture phase(String name, long atMillis) {
        events.add(new PhaseStarted(atMillis * 1_000_000L, phases++, name));
        return this;
    }

    public JournalFixture end(long atMillis) {
        events.add(new RunEnded(atMillis * 1_000_000L, false));
        return this;
    }

    /**
     * The harness's timer-noise samples, one stretch a second from {@code fromMillis} to {@code toMillis},
     * each with this longest oversleep (90th percentile half of it, median a tenth).
     */
    public JournalFixture timerNoise(long fromMillis, long toMillis, double longestMillis) {
        long longest = Math.round(longestMillis * 1e6);
        for (long since = fromMillis; since < toMillis; since += 1_000) {
            long at = Math.min(toMillis, since + 1_000);
            events.add(new TimerNoise(at * 1_000_000L, since * 1_000_000L, 50, longest / 10, longest / 2, longest));
        }
        return this;
    }

    /** An attempt answered by a fault rule (the status is the fault's). */
    public JournalFixture faulted(String upstream, long atMillis, int client, String requestId, int status) {
        return add(upstream, atMillis, client, requestId, null, status, "outage/" + upstream + "[0]");
    }

    /** An attempt answered by the routes. */
    public JournalFixture served(String upstream, long atMillis, int client, String requestId, int status) {
        return add(upstream, atMillis, client, requestId, null, status, null);
    }

    /** An attempt carrying only a traceparent. */
    public JournalFixture traced(String upstream, long atMillis, String traceId, String spanId, int status, boolean faulted) {
        String traceparent = "00-" + traceId + "-" + spanId + "-01";
        return add(upstream, atMillis, 0, null, traceparent, status, faulted ? "outage/" + upstream + "[0]" : null);
    }

    private JournalFixture add(String upstream, long atMillis, int client, String requestId, String traceparent, int status,
                               String rule) {
        long at = atMillis * 1_000_000L;
        events.add(new UpstreamRequest(at, at + 1_000_000L, upstream, client, ++connection, "GET", "/charge", requestId,
                traceparent, null, rule, rule == null ? "route" : "respond", status, 0, -1, -1, null,
                UpstreamRequest.Outcome.COMPLETED));
        return this;
    }

    /**
     * A call that fails with 503 on every attempt: the first at {@code startSeconds}, each later one
     * {@code gaps[i]} seconds after the previous response ended (each response takes 1 ms).
     */
    public JournalFixture failingCall(String upstream, int client, String requestId, double startSeconds, double... gaps) {
        double at = startSeconds;
        attempt(upstream, at).client(client).call(requestId).add();
        for (double gap : gaps) {
            at = at + 0.001 + gap;
            attempt(upstream, at).client(client).call(requestId).add();
        }
        return this;
    }

    /** Starts an attempt at a time; finish it with {@link Attempt#add()}. */
    public Attempt attempt(String upstream, double atSeconds) {
        return new Attempt(upstream, Math.round(atSeconds * 1e9));
    }

    /** One attempt being described: a GET answered 503 by a fault in 1 ms, unless told otherwise. */
    public final class Attempt {
        private final String upstream;
        private final long atNanos;
        private long lastingNanos = 1_000_000L;
        private int client;
        private String requestId;
        private String idempotencyKey;
        private String method = "GET";
        private int status = 503;
        private String retryAfter;
        private boolean faulted = true;

        private Attempt(String upstream, long atNanos) {
            this.upstream = upstream;
            this.atNanos = atNanos;
        }

        public Attempt client(int client) {
            this.client = client;
            return this;
        }

        public Attempt call(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Attempt key(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Attempt method(String method) {
            this.method = method;
            return this;
        }

        public Attempt status(int status) {
            this.status = status;
            return this;
        }

        public Attempt retryAfter(String value) {
            this.retryAfter = value;
            return this;
        }

        /** Answered by the routes rather than a fault rule. */
        public Attempt served() {
            this.faulted = false;
            return this;
        }

        /** How long the exchange took, from arrival to the end of the response. */
        public Attempt lasting(double seconds) {
            this.lastingNanos = Math.round(seconds * 1e9);
            return this;
        }

        public JournalFixture add() {
            String rule = faulted ? "outage/" + upstream + "[0]" : null;
            events.add(new UpstreamRequest(atNanos, atNanos + lastingNanos, upstream, client, ++connection, method, "/charge",
                    requestId, null, idempotencyKey, rule, rule == null ? "route" : "respond", status, 0, -1, -1, retryAfter,
                    UpstreamRequest.Outcome.COMPLETED));
            return JournalFixture.this;
        }
    }

    public List<Event> events() {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::atNanos));
        return sorted;
    }
}
