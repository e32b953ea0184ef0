package dev.faultline.upstream.internal;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;

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

    /** Bytes read at a time from a hanging connection's client. */
    private static final int DRAIN_BYTES = 512;

    private JettyConnectionFaults() {
    }

    private static EndPoint endPoint(Request request) {
        Connection connection = request.getConnectionMetaData().getConnection();
        return connection == null ? null : connection.getEndPoint();
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
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2) {
            // The connection carries other streams' frames: a byte read here would corrupt them. A
            // stream whose client left is reset, which Jetty reports through the failure listener.
            return ClientPresence.UNKNOWN;
        }
        EndPoint endPoint = endPoint(request);
        if (endPoint == null) {
            return ClientPresence.UNKNOWN;
        }
        if (!endPoint.isOpen()) {
            return ClientPresence.GONE;
        }
        if (endPoint.isFillInterested()) {
            return ClientPresence.UNKNOWN;
        }
        return peek(endPoint);
    }

    private static ClientPresence peek(EndPoint endPoint) {
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

    /**
     * Closes the request's connection without a response: a FIN, or with {@code reset} an RST
     * (SO_LINGER 0 makes the kernel abort the connection on close instead of ending it in order).
     * Callers read the request body first: unread bytes in the receive buffer would turn any close
     * into an RST.
     */
    static void close(Request request, boolean reset, String why) {
        EndPoint endPoint = endPoint(request);
        if (endPoint == null) {
            return;
        }
        if (reset && endPoint instanceof SocketChannelEndPoint socket) {
            try {
                socket.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException alreadyClosed) {
                // Nothing to reset: the close below is all there is left to do.
            }
        }
        endPoint.close(new IOException(why));
    }

    /**
     * Watches a connection that will never be answered (a hang) and runs {@code onGone} once the
     * client closes or resets it. Bytes the client sends meanwhile are read and dropped: nothing
     * will answer them. The connection never returns to Jetty for another request (a hang ends in
     * a close), so owning its read interest is safe.
     *
     * @return false when Jetty is reading the connection itself (it then notices the close and
     *         fails the request, which reaches the exchange through its failure listener)
     */
    static boolean watchUntilClientLeaves(Request request, Runnable onGone) {
        EndPoint endPoint = endPoint(request);
        if (endPoint == null) {
            return false;
        }
        return endPoint.tryFillInterested(new LeavingWatch(endPoint, onGone));
    }

    /** Runs on the selector: a non-blocking read that re-arms itself until the client leaves. */
    private static final class LeavingWatch implements Callback {
        private final EndPoint endPoint;
        private final Runnable onGone;

        LeavingWatch(EndPoint endPoint, Runnable onGone) {
            this.endPoint = endPoint;
            this.onGone = onGone;
        }

        @Override
        public void succeeded() {
            if (!drained(endPoint) || !endPoint.tryFillInterested(this)) {
                onGone.run();
            }
        }

        /** Reads and drops what the client sent; false once the client has closed or reset. */
        private static boolean drained(EndPoint endPoint) {
            ByteBuffer sink = BufferUtil.allocate(DRAIN_BYTES);
            try {
                while (true) {
                    BufferUtil.clear(sink);
                    int filled = endPoint.fill(sink);
                    if (filled <= 0) {
                        return filled == 0;
                    }
                }
            } catch (IOException reset) {
                return false;
            }
        }

        @Override
        public void failed(Throwable cause) {
            onGone.run();
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }

    /**
     * Writes bytes straight to the connection, bypassing Jetty's HTTP/1.1 generator (so they need
     * not be a well-formed response), then closes it with a FIN. {@code done} learns how it went.
     * Only for a response Jetty has not started: the generator must not have written anything.
     */
    static void writeRawThenClose(Request request, ByteBuffer bytes, Callback done) {
        EndPoint endPoint = endPoint(request);
        if (endPoint == null) {
            done.failed(new IOException("the connection is gone"));
            return;
        }
        endPoint.write(Callback.from(() -> {
            endPoint.close();
            done.succeeded();
        }, failure -> {
            endPoint.close(failure);
            done.failed(failure);
        }), bytes);
    }
}
