package dev.faultline.upstream.internal;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

import java.nio.charset.StandardCharsets;

/**
 * Everything that reaches below Jetty's request API to a request's HTTP/2 stream and session lives
 * here, as {@link JettyConnectionFaults} does for HTTP/1.1 connections. Jetty 12 gives an HTTP/2
 * request the stream's id as its {@link Request#getId() id} and the {@link HTTP2Connection} as its
 * connection, whose session finds the stream by that id.
 */
final class Http2Wire {
    /** Set on a connection once this upstream sent it a GOAWAY with an error, so its cut streams are journalled as faulted. */
    private static final String GONE_AWAY = Http2Wire.class.getName() + ".goneAway";

    private Http2Wire() {
    }

    /** The request's HTTP/2 stream id, or 0 for a request over HTTP/1.x. */
    static int streamId(Request request) {
        ConnectionMetaData connection = request.getConnectionMetaData();
        if (connection.getHttpVersion() != HttpVersion.HTTP_2) {
            return 0;
        }
        try {
            return Integer.parseInt(request.getId());
        } catch (NumberFormatException notAStreamId) {
            return 0;
        }
    }

    private static HTTP2Session session(Request request) {
        Connection connection = request.getConnectionMetaData().getConnection();
        return connection instanceof HTTP2Connection h2 ? h2.getSession() : null;
    }

    /**
     * Resets the request's stream with {@code error}; {@code done} runs once the frame is written (or
     * could not be, the connection being gone).
     *
     * @return false when the request did not come over HTTP/2
     */
    static boolean reset(Request request, int streamId, int error, Callback done) {
        HTTP2Session session = session(request);
        Stream stream = session == null ? null : session.getStream(streamId);
        if (stream == null) {
            return false;
        }
        stream.reset(new ResetFrame(streamId, error), done);
        return true;
    }

    /**
     * Sends GOAWAY with {@code error} and {@code lastStreamId} on the request's connection; with
     * {@code close}, closes the connection once it is written. {@code done} runs after that.
     *
     * @return false when the request did not come over HTTP/2
     */
    static boolean goAway(Request request, int lastStreamId, int error, String reason, boolean close, Callback done) {
        HTTP2Session session = session(request);
        if (session == null) {
            return false;
        }
        if (close) {
            request.getConnectionMetaData().setAttribute(GONE_AWAY, Boolean.TRUE);
        }
        byte[] payload = reason.getBytes(StandardCharsets.UTF_8);
        Runnable after = close ? () -> {
            session.getEndPoint().close();
            done.succeeded();
        } : done::succeeded;
        session.goAway(new GoAwayFrame(lastStreamId, error, payload), Callback.from(after, failure -> {
            session.getEndPoint().close(failure);
            done.failed(failure);
        }));
        return true;
    }

    /** True when this upstream sent the request's connection a GOAWAY with an error (and so cut it). */
    static boolean goneAway(Request request) {
        return request.getConnectionMetaData().getAttribute(GONE_AWAY) != null;
    }
}
