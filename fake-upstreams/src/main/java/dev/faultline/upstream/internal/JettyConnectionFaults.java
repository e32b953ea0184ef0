package dev.faultline.upstream.internal;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;

import java.io.IOException;

/**
 * Everything that reaches below Jetty's request API to the connection's endpoint lives here, behind
 * {@code instanceof} checks, so the rest of the upstream stays on the public handler API.
 */
final class JettyConnectionFaults {
    /** What a look at the socket says about the client of a waiting exchange. */
    enum ClientPresence {
        /** Nothing to read: the client is still waiting for the answer. */
        WAITING,
        /** End of stream or reset: the client closed the connection. */
        GONE,
        /** The client sent more bytes (a pipelined request), which this look consumed. */
        SENT_MORE,
        /** Jetty itself is reading the connection, so it was left alone. */
        UNKNOWN
    }

    private JettyConnectionFaults() {
    }

    /**
     * Looks whether the client of an exchange that has been waiting (a delay) is still there.
     *
     * <p>Why: while a request is being handled, Jetty's HTTP/1.1 connection stops reading, so a
     * client that gives up during a delay goes unnoticed, and the delayed answer would then be
     * written into a dead socket and journalled as completed. A one-byte non-blocking read tells the
     * cases apart. Clients that half-close their side and still wait would count as gone; HTTP
     * clients do not do that. A client that pipelines loses the byte read here, so the caller must
     * close the connection after answering ({@link ClientPresence#SENT_MORE}).
     */
    static ClientPresence clientPresence(Request request) {
        Connection connection = request.getConnectionMetaData().getConnection();
        EndPoint endPoint = connection == null ? null : connection.getEndPoint();
        if (endPoint == null) {
            return ClientPresence.UNKNOWN;
        }
        if (!endPoint.isOpen()) {
            return ClientPresence.GONE;
        }
        if (endPoint.isFillInterested()) {
            return ClientPresence.UNKNOWN;
        }
        try {
            int filled = endPoint.fill(BufferUtil.allocate(1));
            if (filled < 0) {
                return ClientPresence.GONE;
            }
            return filled == 0 ? ClientPresence.WAITING : ClientPresence.SENT_MORE;
        } catch (IOException reset) {
            return ClientPresence.GONE;
        }
    }
}
