package dev.faultline.junit5;

import dev.faultline.journal.Event;

import java.util.List;

/**
 * The fake upstreams of one test class (or method), as the test drives them: their urls, the faults in
 * force, and the judging of what the client under test did to them. Injected into test methods by
 * {@link FaultlineExtension}, which is itself one when registered with {@code @RegisterExtension}.
 */
public interface Faultline {

    /** The base url of the named upstream ({@code http://127.0.0.1:PORT}). */
    String url(String upstream);

    /**
     * Puts the scenario's named phase in force: its faults on every upstream, from now until another
     * phase or {@link #inject} replaces them. Phases do not advance by themselves in a test.
     *
     * @throws IllegalArgumentException if the scenario has no such phase
     */
    void phase(String name);

    /**
     * Replaces the faults in force on one upstream with these, from now on (the other upstreams keep
     * theirs); no faults lifts them. Each call starts a new window of the timeline the judges see.
     *
     * @throws IllegalArgumentException if there is no such upstream
     */
    void inject(String upstream, Fault... faults);

    /** Forgets the journal and puts the first phase back in force (no faults, for upstreams built in code). */
    void reset();

    /** Checks to judge the journal with, as the scenario format's {@code expect} declares them. */
    Expect expect();

    /** What the upstreams recorded since the last reset, in time order. */
    List<Event> journal();
}
