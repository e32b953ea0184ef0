package dev.faultline.upstream.control;

import dev.faultline.journal.Journal;

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

    /** The journal the control API pages through ({@code GET /journal}). */
    Journal journal();

    /** Forgets the journal and the counters so far; the phase in force stays. */
    void reset();
}
