package dev.faultline.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One keep-alive connection of the event-loop engine to a target replica: its channel and selection key,
 * the request being written and the response being read. Idle in the pool between requests, with no
 * interest in reads: like OkHttp, the engine learns that the server closed an idle connection only when it
 * reuses it (then {@link StaleConnection} applies), so both engines meet the same stale connections.
 * Owned by the event loop's thread.
 */
final class NioConnection {
    final int replica;
    final SocketChannel channel;
    final SelectionKey key;
    final Http1ResponseParser parser = new Http1ResponseParser();
    /** The exchange using it, or null while it is idle. */
    NioExchange exchange;
    ByteBuffer out;
    long idleSinceNanos;

    NioConnection(int replica, SocketChannel channel, SelectionKey key) {
        this.replica = replica;
        this.channel = channel;
        this.key = key;
    }

    void close() {
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }
}
