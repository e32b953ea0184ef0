package dev.faultline.upstream.control;

import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import org.eclipse.jetty.util.Fields;

/**
 * What {@code GET /journal} was asked for: filters, and the page ({@code after} a sequence number,
 * at most {@code limit} events).
 *
 * @param upstream   only this upstream's requests (other event kinds are kept), or null for all
 * @param sinceNanos only events at or after this run time
 * @param after      only events with a higher sequence number; -1 for all
 * @param limit      at most this many events, or {@link Integer#MAX_VALUE}
 */
record JournalQuery(String upstream, long sinceNanos, long after, int limit) {

    /**
     * Reads {@code upstream}, {@code since} (seconds), {@code after} and {@code limit}.
     *
     * @throws IllegalArgumentException with what was wrong and what is expected
     */
    static JournalQuery of(Fields query) {
        String upstream = query.getValue("upstream");
        long since = 0;
        String sinceText = query.getValue("since");
        if (sinceText != null) {
            try {
                since = (long) (Double.parseDouble(sinceText) * 1e9);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("since=" + sinceText + " is not a number of seconds (e.g. since=2.5)");
            }
        }
        long after = number(query, "after", -1, "the sequence number of the last event read, as the previous page's"
                + " Faultline-Journal-Next header gave it (e.g. after=1999)");
        long limit = number(query, "limit", 1, "a number of events of at least 1 (e.g. limit=1000)");
        return new JournalQuery(upstream, since, after,
                query.getValue("limit") == null ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, limit));
    }

    private static long number(Fields query, String name, long least, String expected) {
        String text = query.getValue(name);
        if (text == null) {
            return least;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + text + " is not valid (expected " + expected + ")");
    }

    /** True if {@code event} passes the filters. */
    boolean matches(Event event) {
        if (event.atNanos() < sinceNanos) {
            return false;
        }
        return upstream == null || !(event instanceof UpstreamRequest r) || r.upstream().equals(upstream);
    }
}
