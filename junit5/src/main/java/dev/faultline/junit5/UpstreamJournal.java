package dev.faultline.junit5;

import dev.faultline.analysis.CallGrouper;
import dev.faultline.analysis.CallGrouping;
import dev.faultline.analysis.LogicalCall;
import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.scenario.CallsBy;

import java.util.List;

/**
 * What one fake upstream received since the last reset: its requests in arrival order, and the calls
 * they group into. The subject of {@link JournalAssert}.
 *
 * @param upstream the upstream's name
 * @param requests every request it received (attempts), in arrival order
 */
public record UpstreamJournal(String upstream, List<UpstreamRequest> requests) {
    public UpstreamJournal {
        requests = List.copyOf(requests);
    }

    /** The requests to this upstream among these events. */
    static UpstreamJournal of(String upstream, List<Event> events) {
        return new UpstreamJournal(upstream, events.stream().filter(UpstreamRequest.class::isInstance).map(UpstreamRequest.class::cast)
                .filter(r -> r.upstream().equals(upstream)).toList());
    }

    /**
     * The requests grouped into calls the way the retry judge groups them by default ({@code by: auto}):
     * by X-Request-Id, else traceparent, else Idempotency-Key, whichever at least half the requests carry.
     */
    public CallGrouping calls() {
        return CallGrouper.group(requests, new CallsBy.Auto());
    }

    /** {@link #calls()}, or an explanation of why the requests cannot be grouped into calls. */
    List<LogicalCall> callsOrThrow(String assertion) {
        CallGrouping grouping = calls();
        if (grouping instanceof CallGrouping.Calls calls) {
            return calls.calls();
        }
        throw new AssertionError(upstream + ": " + assertion + " needs the requests grouped into calls, but "
                + ((CallGrouping.NoCallIds) grouping).reason()
                + " (send the same X-Request-Id on every attempt of a call)");
    }
}
