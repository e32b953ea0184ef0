package dev.faultline.upstream.control;

import dev.faultline.journal.Event;

import java.util.List;
import java.util.Map;

/**
 * What the control API controls: a running set of fake upstreams playing a scenario's phases.
 * Implemented by the harness's serve session. Implementations must be threadsafe: the control API
 * calls them from its own threads while the upstreams serve traffic.
 */
public interface ControlTarget {

    /** The current state, as a JSON-ready map (strings, numbers, booleans, lists and maps). */
    Map<String, Object> status();

    /**
     * Puts the named phase's faults in force and holds it (the automatic timeline stops).
     *
     * @throws IllegalArgumentException if no phase has that name; the message lists the phases
     */
    void switchPhase(String name);

    /**
     * The journal's events, in time order.
     *
     * @param upstream only this upstream's requests (other event kinds are kept), or null for all
     * @param sinceNanos only events at or after this run time
     */
    List<Event> events(String upstream, long sinceNanos);

    /** Forgets the journal and the counters so far; the phase in force stays. */
    void reset();
}
