package dev.faultline.upstream.internal;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The listening port of one client (target replica): a plain HTTP/1.1 connector that knows its
 * client index, so a request's client is read off the connector it arrived on.
 *
 * <p>No acceptor threads (the selector accepts) and one selector: a fake upstream with many clients
 * should not cost two threads per client.
 */
public final class ClientPortConnector extends ServerConnector {
    /** Pending connections the kernel may queue; 1,000 clients connecting at once must not be refused. */
    private static final int ACCEPT_QUEUE = 1024;

    private final int client;

    public ClientPortConnector(Server server, int client, String host, int port, HttpConfiguration config) {
        this(server, client, host, port, new HttpConnectionFactory(config));
    }

    /** A connector speaking through {@code factories} (the first one is what a new connection meets: TLS, then HTTP). */
    public ClientPortConnector(Server server, int client, String host, int port, ConnectionFactory... factories) {
        super(server, null, null, null, 0, 1, factories);
        this.client = client;
        setHost(host);
        setPort(port);
        setAcceptQueueSize(ACCEPT_QUEUE);
        setName("client-" + client);
    }

    /** The 0-based client index. */
    public int client() {
        return client;
    }
}
