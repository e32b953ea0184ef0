package dev.faultline.load;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Request;
import okhttp3.Response;

import java.net.InetSocketAddress;
import java.net.Proxy;

/**
 * What one attempt of a load request did with its connection, as OkHttp's events tell it: whether the
 * connection was reused from the pool, whether anything of the request was handed to it, and whether a
 * response head came back. The driver reads it after a failure to decide on a resend ({@link StaleConnection}).
 *
 * <p>Each attempt carries its own instance as the request's tag; {@link #FACTORY} hands it to OkHttp.
 * Events of one call arrive on the calling thread, but the fields are read after {@code execute}
 * returns on that same thread, so volatile is enough for the sweeper's cancels.
 */
final class ConnectionUse extends EventListener {
    /** The listener of a call: its request's {@code ConnectionUse} tag, or none (the warm-up's calls). */
    static final EventListener.Factory FACTORY = call -> {
        ConnectionUse use = call.request().tag(ConnectionUse.class);
        return use == null ? EventListener.NONE : use;
    };

    private volatile boolean acquired;
    private volatile boolean connected;
    private volatile boolean writeStarted;
    private volatile boolean headArrived;

    /** True when the attempt got a connection it did not open itself: a pooled keep-alive connection. */
    boolean reused() {
        return acquired && !connected;
    }

    /** True once any of the request may have reached the socket (its head started). */
    boolean writeStarted() {
        return writeStarted;
    }

    /** True once a whole response head (status line and headers) arrived. */
    boolean headArrived() {
        return headArrived;
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        connected = true;
    }

    @Override
    public void connectionAcquired(Call call, okhttp3.Connection connection) {
        acquired = true;
    }

    @Override
    public void requestHeadersStart(Call call) {
        writeStarted = true;
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        headArrived = true;
    }

    /** {@code request} with a fresh record of its connection use attached. */
    static Request tagged(Request request, ConnectionUse use) {
        return request.newBuilder().tag(ConnectionUse.class, use).build();
    }
}
