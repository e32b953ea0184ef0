package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.TlsFaultKind;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * A connection whose TLS handshake a fault takes over before any TLS is spoken: it reads the
 * client's ClientHello (the first TLS record, whole) and then hangs (never answers), resets (TCP RST)
 * or refuses the version (a fatal {@code protocol_version} alert, as a server speaking only an old
 * version answers a client that offers only newer ones).
 */
final class ClientHelloConnection extends AbstractConnection {
    private static final int RECORD_HEADER = 5;
    /** A ClientHello is one record; anything longer than TLS's record limit is not one. */
    private static final int MAX_HELLO = RECORD_HEADER + 16_384 + 2_048;
    private static final byte ALERT = 21;
    private static final byte FATAL = 2;
    private static final byte PROTOCOL_VERSION = 70;

    private final FaultAction.TlsFault fault;
    private final TlsFaultConnectionFactory.Recorder recorder;
    private final ByteBuffer hello = BufferUtil.allocate(MAX_HELLO);
    private boolean acted;

    ClientHelloConnection(EndPoint endPoint, Executor executor, FaultAction.TlsFault fault,
                          TlsFaultConnectionFactory.Recorder recorder) {
        super(endPoint, executor);
        this.fault = fault;
        this.recorder = recorder;
        if (fault.kind() == TlsFaultKind.HANG) {
            // A hang outlasts the idle timeout: only the client (or the run's end) closes it.
            endPoint.setIdleTimeout(0);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        fillInterested();
    }

    @Override
    public void onFillable() {
        EndPoint endPoint = getEndPoint();
        try {
            while (true) {
                if (acted || hello.limit() == hello.capacity()) {
                    // Past the ClientHello (or a client that keeps sending): read and drop.
                    BufferUtil.clear(hello);
                }
                int filled = endPoint.fill(hello);
                if (filled < 0) {
                    clientLeft();
                    return;
                }
                if (filled == 0) {
                    fillInterested();
                    return;
                }
                if (!acted && helloComplete()) {
                    acted = true;
                    act(endPoint);
                    if (fault.kind() == TlsFaultKind.RESET) {
                        return;
                    }
                }
            }
        } catch (IOException reset) {
            clientLeft();
        }
    }

    private boolean helloComplete() {
        // Jetty keeps the buffer in flush mode: the bytes read so far lie between position and limit.
        ByteBuffer view = hello.duplicate();
        if (view.remaining() < RECORD_HEADER) {
            return false;
        }
        int length = ((view.get(3) & 0xff) << 8) | (view.get(4) & 0xff);
        return view.remaining() >= RECORD_HEADER + length || view.remaining() >= MAX_HELLO;
    }

    private void act(EndPoint endPoint) {
        switch (fault.kind()) {
            case RESET:
                if (endPoint instanceof SocketChannelEndPoint socket) {
                    try {
                        socket.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
                    } catch (IOException alreadyClosed) {
                        // Already gone: the close below is all there is left to do.
                    }
                }
                recorder.record("reset", null, null, "read the ClientHello, then reset the connection (TCP RST)");
                endPoint.close();
                break;
            case VERSION:
                byte[] version = recordVersion(fault.version());
                ByteBuffer alert = ByteBuffer.wrap(new byte[]{ALERT, version[0], version[1], 0, 2, FATAL, PROTOCOL_VERSION});
                recorder.record("failed", null, null, "answered the ClientHello with a fatal protocol_version alert"
                        + " (the upstream speaks only " + fault.version() + ")");
                endPoint.write(Callback.from(() -> endPoint.shutdownOutput(), failure -> endPoint.close()), alert);
                break;
            default:
                // HANG: nothing, ever; recorded when the client leaves or the run ends.
                break;
        }
    }

    private static byte[] recordVersion(String version) {
        return "TLSv1".equals(version) ? new byte[]{3, 1} : new byte[]{3, 2};
    }

    private void clientLeft() {
        if (fault.kind() == TlsFaultKind.HANG) {
            recorder.record("hung", null, null, "read the ClientHello and never answered; the client left");
        } else if (!acted) {
            recorder.record("failed", null, null, "the client left before its ClientHello was whole");
        }
        getEndPoint().close();
    }

    @Override
    public void onClose(Throwable cause) {
        if (fault.kind() == TlsFaultKind.HANG) {
            recorder.record("open", null, null, "read the ClientHello and never answered; still waiting when the run ended");
        } else if (!acted) {
            recorder.record("failed", null, null, "closed before the ClientHello was whole");
        }
        super.onClose(cause);
    }
}
