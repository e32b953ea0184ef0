package dev.faultline.upstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A separate process holding many HTTP connections open at once, each with one GET sent and no
 * answer expected, all on one thread with non-blocking sockets.
 *
 * <p>Why a process of its own: a client socket and its server socket each take a file descriptor,
 * and 10,000 of each in one JVM would need twice the per-process limit a CI box usually grants.
 * Split this way, the test's JVM holds only the server's sockets, and every thread it counts is the
 * server's.
 *
 * <p>Protocol with the parent test (its stdout is the channel, not a log): prints {@code sent N}
 * once every request is written; then waits until its stdin closes; then closes every connection
 * and prints {@code answered A closed C} (connections the server answered or closed meanwhile) and
 * exits 0. Exits 2 with the reason on stderr if it cannot connect.
 *
 * <p>Usage: {@code HangingClients PORT COUNT}
 */
final class HangingClients {
    /** Connects in flight at once: more would overrun the server's accept queue. */
    private static final int CONNECTING_AT_ONCE = 256;

    private HangingClients() {
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int count = Integer.parseInt(args[1]);
        byte[] request = "GET /hang HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int answered = 0;
        int closed = 0;
        try (Selector selector = Selector.open()) {
            int opened = 0;
            int connecting = 0;
            int sent = 0;
            while (sent < count) {
                while (opened < count && connecting < CONNECTING_AT_ONCE) {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.connect(server);
                    channel.register(selector, SelectionKey.OP_CONNECT, ByteBuffer.wrap(request));
                    opened++;
                    connecting++;
                }
                selector.select(1_000);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    if (key.isConnectable()) {
                        try {
                            channel.finishConnect();
                        } catch (IOException refused) {
                            System.err.println("could not connect to " + server + ": " + refused.getMessage());
                            System.exit(2);
                        }
                        connecting--;
                        key.interestOps(SelectionKey.OP_WRITE);
                    } else if (key.isWritable()) {
                        ByteBuffer pending = (ByteBuffer) key.attachment();
                        channel.write(pending);
                        if (!pending.hasRemaining()) {
                            sent++;
                            // From now on only the server closing or answering would wake this key.
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            System.out.println("sent " + sent);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold every connection until the parent says to let go by closing our stdin.
            }
            selector.selectNow();
            ByteBuffer sink = ByteBuffer.allocate(1024);
            for (SelectionKey key : selector.keys()) {
                SocketChannel channel = (SocketChannel) key.channel();
                if (key.isValid() && key.isReadable()) {
                    sink.clear();
                    int read;
                    try {
                        read = channel.read(sink);
                    } catch (IOException reset) {
                        read = -1;
                    }
                    answered += read > 0 ? 1 : 0;
                    closed += read < 0 ? 1 : 0;
                }
                channel.close();
            }
        }
        System.out.println("answered " + answered + " closed " + closed);
    }
}
