package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;
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

    public List<Event> events() {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::atNanos));
        return sorted;
    }
}
