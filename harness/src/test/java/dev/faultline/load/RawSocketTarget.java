package dev.faultline.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server that reads each request's head and then cuts the connection: with a reset (RST) or a close
 * (FIN); optionally after answering its first requests on keep-alive connections.
 */
public final class RawSocketTarget implements AutoCloseable {
    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger answersLeft;

    private RawSocketTarget(boolean reset, int answers) throws IOException {
        server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        answersLeft = new AtomicInteger(answers);
        acceptor = new Thread(() -> serve(reset), "raw-socket-target");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers every request with a TCP reset. */
    public static RawSocketTarget resetting() throws IOException {
        return new RawSocketTarget(true, 0);
    }

    /** Closes every connection without an answer. */
    public static RawSocketTarget closing() throws IOException {
        return new RawSocketTarget(false, 0);
    }

    /**
     * Answers its first {@code answers} requests with 200 and keeps those connections open, then cuts every
     * connection under the next request, reused or fresh: a target that goes bad mid-run.
     */
    public static RawSocketTarget answeringThenCutting(int answers, boolean reset) throws IOException {
        return new RawSocketTarget(reset, answers);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void serve(boolean reset) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> converse(socket, reset), "raw-socket-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket socket, boolean reset) {
        try (socket) {
            while (readHead(socket.getInputStream())) {
                if (answersLeft.getAndDecrement() > 0) {
                    socket.getOutputStream().write(OK);
                    socket.getOutputStream().flush();
                } else {
                    if (reset) {
                        socket.setSoLinger(true, 0);
                    }
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Reads one request head; false when the connection ended first. */
    private static boolean readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
