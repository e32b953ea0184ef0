package dev.faultline.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP server that reads each request's head and then cuts the connection: with a reset (RST) or a close (FIN). */
public final class RawSocketTarget implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;

    private RawSocketTarget(boolean reset) throws IOException {
        server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> serve(reset), "raw-socket-target");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers every request with a TCP reset. */
    public static RawSocketTarget resetting() throws IOException {
        return new RawSocketTarget(true);
    }

    /** Closes every connection without an answer. */
    public static RawSocketTarget closing() throws IOException {
        return new RawSocketTarget(false);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void serve(boolean reset) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                readHead(socket.getInputStream());
                if (reset) {
                    socket.setSoLinger(true, 0);
                }
                socket.close();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
