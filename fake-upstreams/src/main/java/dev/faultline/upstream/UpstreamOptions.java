package dev.faultline.upstream;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;

import java.util.Objects;

/**
 * How a fake upstream is run.
 *
 * @param clients number of clients to tell apart: one listening port each (target replicas); at least 1
 * @param host    address to bind ({@code 127.0.0.1} unless told otherwise)
 * @param journal where every request is recorded
 * @param clock   the run's clock
 * @param seed    the run seed every fault rule's random stream derives from
 */
public record UpstreamOptions(int clients, String host, Journal journal, RunClock clock, long seed) {
    public UpstreamOptions {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1 but was " + clients);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(clock, "clock");
    }

    /** Loopback, one client. */
    public static UpstreamOptions loopback(int clients, Journal journal, RunClock clock, long seed) {
        return new UpstreamOptions(clients, "127.0.0.1", journal, clock, seed);
    }
}
