package dev.faultline.analysis.health;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.ProbeResult;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.SignalSent;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A small DSL for synthetic journals of load and probes: phases, load requests at a steady rate with
 * an outcome, probe answers, faults that fired at an upstream, signals. Times are in milliseconds
 * since the run started.
 */
public final class HealthJournal {
    private final List<Event> events = new ArrayList<>();
    private int phases;
    private long ids;

    public static HealthJournal journal() {
        return new HealthJournal();
    }

    public HealthJournal phase(String name, long atMillis) {
        events.add(new PhaseStarted(ms(atMillis), phases++, name));
        return this;
    }

    public HealthJournal end(long atMillis) {
        events.add(new RunEnded(ms(atMillis), false));
        return this;
    }

    /** Load requests intended every {@code everyMillis} in [from, to), each answered with {@code status} after 5 ms. */
    public HealthJournal load(long fromMillis, long toMillis, long everyMillis, int status) {
        for (long t = fromMillis; t < toMillis; t += everyMillis) {
            loadRequest(t, 0, 5, status, CallOutcome.RESPONSE);
        }
        return this;
    }

    /** One load request intended at {@code atMillis}, sent {@code lagMillis} late, ending {@code latencyMillis} after its intended time. */
    public HealthJournal loadRequest(long atMillis, double lagMillis, double latencyMillis, int status, CallOutcome outcome) {
        long at = ms(atMillis);
        events.add(new LoadResult(at, at + (long) (lagMillis * 1e6), at + (long) (latencyMillis * 1e6), 0, null, "GET", "/work",
                "id-" + ids++, status, outcome, outcome == CallOutcome.RESPONSE ? null : outcome.name()));
        return this;
    }

    /** Readiness answers every {@code everyMillis} in [from, to), each arriving 5 ms after it was sent. */
    public HealthJournal readiness(long fromMillis, long toMillis, long everyMillis, int status) {
        return probes("readiness", fromMillis, toMillis, everyMillis, status);
    }

    /** Liveness answers every {@code everyMillis} in [from, to). */
    public HealthJournal liveness(long fromMillis, long toMillis, long everyMillis, int status) {
        return probes("liveness", fromMillis, toMillis, everyMillis, status);
    }

    private HealthJournal probes(String probe, long fromMillis, long toMillis, long everyMillis, int status) {
        for (long t = fromMillis; t < toMillis; t += everyMillis) {
            probe(probe, t, 5, status, CallOutcome.RESPONSE, null);
        }
        return this;
    }

    /** One probe sent at {@code atMillis} whose answer arrived {@code latencyMillis} later. */
    public HealthJournal probe(String probe, long atMillis, double latencyMillis, int status, CallOutcome outcome, String health) {
        long at = ms(atMillis);
        events.add(new ProbeResult(at, at, at + (long) (latencyMillis * 1e6), 0, probe, "/health/" + probe, status, outcome,
                health, outcome == CallOutcome.RESPONSE ? null : outcome.name()));
        return this;
    }

    /** A request at upstream {@code deps} that a fault rule answered. */
    public HealthJournal faultAt(long atMillis) {
        long at = ms(atMillis);
        events.add(new UpstreamRequest(at, at + 1_000_000L, "deps", 0, ids++, "GET", "/data", null, null, null,
                "outage/deps[0]", "respond", 503, 0, -1, -1, null, UpstreamRequest.Outcome.COMPLETED));
        return this;
    }

    public HealthJournal signal(long atMillis) {
        events.add(new SignalSent(ms(atMillis), 0, "TERM", "action"));
        return this;
    }

    public List<Event> events() {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::atNanos));
        return sorted;
    }

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }
}
