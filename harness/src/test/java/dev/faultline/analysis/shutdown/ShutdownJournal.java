package dev.faultline.analysis.shutdown;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.ProbeResult;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.SignalSent;
import dev.faultline.journal.TargetExited;
import dev.faultline.journal.TargetStarted;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A small DSL for synthetic journals of a target's shutdown: signals, load requests by when they were
 * sent and ended, readiness answers, the exit, upstream calls whose client went away. Times are in
 * milliseconds since the run started; events go to the current replica ({@link #replica(int)}, 0 at first).
 */
public final class ShutdownJournal {
    private final List<Event> events = new ArrayList<>();
    private int phases;
    private long ids;
    private int replica;

    public static ShutdownJournal journal() {
        return new ShutdownJournal();
    }

    /** Following events concern this replica; it is recorded as started at 0. */
    public ShutdownJournal replica(int replica) {
        this.replica = replica;
        events.add(new TargetStarted(0, replica, 1000 + replica, 8000 + replica));
        return this;
    }

    public ShutdownJournal phase(String name, long atMillis) {
        events.add(new PhaseStarted(ms(atMillis), phases++, name));
        return this;
    }

    public ShutdownJournal end(long atMillis) {
        events.add(new RunEnded(ms(atMillis), false));
        return this;
    }

    public ShutdownJournal aborted(long atMillis) {
        events.add(new RunEnded(ms(atMillis), true));
        return this;
    }

    /** A signal to the current replica: {@code reason} is action, stop, kill or abort. */
    public ShutdownJournal signal(long atMillis, String signal, String reason) {
        events.add(new SignalSent(ms(atMillis), replica, signal, reason));
        return this;
    }

    /** One load request sent at {@code sentMillis} (on schedule) and ended at {@code endMillis}. */
    public ShutdownJournal request(long sentMillis, long endMillis, int status, CallOutcome outcome) {
        events.add(new LoadResult(ms(sentMillis), ms(sentMillis), ms(endMillis), replica, null, "GET", "/work", "id-" + ids++,
                status, outcome, outcome == CallOutcome.RESPONSE ? null : outcome.name()));
        return this;
    }

    /** A request answered 200. */
    public ShutdownJournal ok(long sentMillis, long endMillis) {
        return request(sentMillis, endMillis, 200, CallOutcome.RESPONSE);
    }

    /** A request that failed without a response. */
    public ShutdownJournal failed(long sentMillis, long endMillis, CallOutcome outcome) {
        return request(sentMillis, endMillis, 0, outcome);
    }

    /** Requests sent every {@code everyMillis} in [from, to), each answered 200 after {@code latencyMillis}. */
    public ShutdownJournal steady(long fromMillis, long toMillis, long everyMillis, long latencyMillis) {
        for (long t = fromMillis; t < toMillis; t += everyMillis) {
            ok(t, t + latencyMillis);
        }
        return this;
    }

    /** Readiness answers every {@code everyMillis} in [from, to), each arriving 5 ms after it was sent. */
    public ShutdownJournal readiness(long fromMillis, long toMillis, long everyMillis, int status) {
        for (long t = fromMillis; t < toMillis; t += everyMillis) {
            readinessAnswer(t, status, CallOutcome.RESPONSE);
        }
        return this;
    }

    /** One readiness answer, sent at {@code atMillis}, arriving 5 ms later. */
    public ShutdownJournal readinessAnswer(long atMillis, int status, CallOutcome outcome) {
        long at = ms(atMillis);
        events.add(new ProbeResult(at, at, at + ms(5), replica, "readiness", "/health/ready", status, outcome, null,
                outcome == CallOutcome.RESPONSE ? null : outcome.name()));
        return this;
    }

    /** The current replica's main process exited. */
    public ShutdownJournal exit(long atMillis, int code, boolean killed) {
        events.add(new TargetExited(ms(atMillis), replica, code, killed, true));
        return this;
    }

    /** The current replica exited by itself, unsignalled. */
    public ShutdownJournal exitByItself(long atMillis, int code) {
        events.add(new TargetExited(ms(atMillis), replica, code, false, false));
        return this;
    }

    /** An upstream call by the current replica, arrived at {@code atMillis}, whose client went away (seen at {@code endMillis}). */
    public ShutdownJournal upstreamAbandoned(String upstream, long atMillis, long endMillis) {
        return upstream(upstream, atMillis, endMillis, UpstreamRequest.Outcome.CLIENT_GONE, 0);
    }

    /** An upstream call by the current replica answered whole. */
    public ShutdownJournal upstreamCompleted(String upstream, long atMillis, long endMillis) {
        return upstream(upstream, atMillis, endMillis, UpstreamRequest.Outcome.COMPLETED, 200);
    }

    private ShutdownJournal upstream(String upstream, long atMillis, long endMillis, UpstreamRequest.Outcome outcome, int status) {
        events.add(new UpstreamRequest(ms(atMillis), ms(endMillis), upstream, replica, ids++, "GET", "/data", null, null, null,
                "drain/" + upstream + "[0]", "delay", status, 0, ms(1000), -1, null, outcome));
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
