package dev.faultline.upstream.internal;

import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the journal needs to know about a TCP connection: its id within the upstream and the client
 * whose port it arrived on. Attached to the connection on its first request and read back from the
 * connection's attributes on later ones (a map read, no allocation). Immutable.
 */
final class ConnectionTag {
    private static final String ATTRIBUTE = ConnectionTag.class.getName();

    final long id;
    final int client;

    private ConnectionTag(long id, int client) {
        this.id = id;
        this.client = client;
    }

    /**
     * The tag of a request's connection, attached now if this is its first request. HTTP/1.1 runs
     * one request at a time per connection, but HTTP/2 streams of one connection arrive together,
     * so attaching is serialized on the connection (once per connection; later requests only read).
     */
    static ConnectionTag of(ConnectionMetaData connection, AtomicLong ids) {
        if (connection.getAttribute(ATTRIBUTE) instanceof ConnectionTag tag) {
            return tag;
        }
        synchronized (connection) {
            if (connection.getAttribute(ATTRIBUTE) instanceof ConnectionTag tag) {
                return tag;
            }
            return attach(connection, ids);
        }
    }

    private static ConnectionTag attach(ConnectionMetaData connection, AtomicLong ids) {
        Connector connector = connection.getConnector();
        int client = connector instanceof ClientPortConnector port ? port.client() : -1;
        ConnectionTag tag = new ConnectionTag(ids.incrementAndGet(), client);
        connection.setAttribute(ATTRIBUTE, tag);
        return tag;
    }
}
