package dev.faultline.upstream.internal;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.UpstreamDown;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes an upstream stop listening while a phase with a {@code down: true} rule is in force, and
 * listen again on the same ports when a phase without one is entered.
 *
 * <p>Down means what it means for a real server: the listening sockets are closed, so the kernel
 * refuses new connections (clients see "connection refused"), and the connections already open are
 * closed too; exchanges waiting on them are journalled as faulted. Stopping a Jetty connector does
 * both. Each stretch of being down is journalled as one {@link UpstreamDown} event when it ends; a
 * phase that is down after a phase that was down continues the stretch (its rule counts as fired
 * all the same). The down rule fires once per phase it takes the upstream down in.
 *
 * <p>Threadsafe: switches are serialized.
 */
public final class ListeningSwitch {
    private final String upstream;
    private final List<ClientPortConnector> connectors;
    private final List<Integer> ports;
    private final UpstreamHandler handler;
    private final Journal journal;
    private final RunClock clock;
    private DownStretch down;

    /** @param connectors the upstream's connectors, started, in client order */
    public ListeningSwitch(String upstream, List<ClientPortConnector> connectors, UpstreamHandler handler,
                           Journal journal, RunClock clock) {
        this.upstream = upstream;
        this.connectors = List.copyOf(connectors);
        List<Integer> bound = new ArrayList<>(connectors.size());
        for (ClientPortConnector connector : connectors) {
            bound.add(connector.getLocalPort());
        }
        this.ports = List.copyOf(bound);
        this.handler = handler;
        this.journal = journal;
        this.clock = clock;
    }

    private record DownStretch(String rule, long atNanos, int connectionsCut) {
    }

    /**
     * Listens or not, as the phase's rules say.
     *
     * @throws IllegalStateException if the upstream cannot listen again on one of its ports (another
     *                               process took it while it was down); it then stays down
     */
    public synchronized void follow(RuleSet rules) {
        CompiledRule downRule = rules.down();
        if (downRule != null) {
            downRule.countFire();
            if (down == null) {
                down = goDown(downRule);
            }
        } else if (down != null) {
            comeUp();
        }
    }

    private DownStretch goDown(CompiledRule rule) {
        long atNanos = clock.nanos();
        int open = 0;
        for (ClientPortConnector connector : connectors) {
            open += connector.getConnectedEndPoints().size();
        }
        handler.cutting(true);
        try {
            handler.cutWaitingExchanges();
            for (ClientPortConnector connector : connectors) {
                try {
                    connector.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("fake upstream " + upstream + " could not stop listening on port "
                            + ports.get(connector.client()) + " to go down: " + e.getMessage(), e);
                }
            }
        } finally {
            handler.cutting(false);
        }
        return new DownStretch(rule.id(), atNanos, open);
    }

    private void comeUp() {
        for (ClientPortConnector connector : connectors) {
            if (connector.isStarted()) {
                continue;
            }
            int port = ports.get(connector.client());
            connector.setPort(port);
            try {
                connector.start();
            } catch (Exception e) {
                throw new IllegalStateException("fake upstream " + upstream + " could not listen again on "
                        + connector.getHost() + ":" + port + " after being down: " + e.getMessage(), e);
            }
        }
        journal.append(new UpstreamDown(down.atNanos(), clock.nanos(), upstream, down.rule(), ports, down.connectionsCut()));
        down = null;
    }

    /** True while the upstream is down. */
    public synchronized boolean isDown() {
        return down != null;
    }

    /** The upstream is closing: a stretch still going is journalled as never ended. */
    public synchronized void close() {
        if (down != null) {
            journal.append(new UpstreamDown(down.atNanos(), -1, upstream, down.rule(), ports, down.connectionsCut()));
            down = null;
        }
    }
}
