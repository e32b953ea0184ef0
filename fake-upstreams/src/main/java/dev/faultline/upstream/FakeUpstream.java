package dev.faultline.upstream;

import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.UpstreamSpec;

import java.io.IOException;
import java.util.List;

/**
 * One fake upstream: a Jetty 12 server answering from its routes, with the current phase's fault
 * rules applied first, recording every request in the journal. One listening port per client so the
 * journal knows which target replica sent each request. Threadsafe.
 */
public final class FakeUpstream implements AutoCloseable {

    private FakeUpstream() {
    }

    /**
     * Starts the upstream with no fault rules in force.
     *
     * @throws IOException if a port cannot be bound (a fixed port already taken)
     */
    public static FakeUpstream start(UpstreamSpec spec, UpstreamOptions options) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Its name in the scenario. */
    public String name() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The port for each client, in client order. */
    public List<Integer> ports() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** {@code http://HOST:PORT} for a client. */
    public String url(int client) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Puts a phase's fault rules in force, replacing the previous phase's at once (one atomic swap;
     * {@code first} counters start again at zero).
     */
    public void enterPhase(String phaseName, List<FaultRule> rules) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The counters so far. */
    public UpstreamStats stats() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Stops listening; exchanges still open (hangs) are recorded with outcome OPEN. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
