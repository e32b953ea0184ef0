package dev.faultline.upstream;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many requests waiting out a delay at once must cost no threads: the delays are scheduled, not
 * slept. The clients are non-blocking sockets on the test's own thread, so any thread growth seen
 * is the server's.
 */
class ConcurrentDelaysAcceptanceTest {
    private static final int REQUESTS = 1_000;
    private static final Duration DELAY = Duration.ofSeconds(1);
    /** Thread growth allowed: a few pool threads may start under the burst, never one per request. */
    private static final int THREAD_MARGIN = 10;

    @Test
    void aThousandConcurrentDelayedRequestsCompleteWithoutGrowingTheThreadCount() throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (RunningUpstream u = RunningUpstream.start(upstream("slow", route(path("/slow"), 200, "ok")))) {
            u.phase("slow", rule("slow/slow[0]").delay(DELAY).build());
            int baseline = threads.getThreadCount();
            threads.resetPeakThreadCount();

            long start = System.nanoTime();
            long[] elapsed = new NonBlockingClients(u.upstream.ports().get(0), REQUESTS).runAll(Duration.ofSeconds(30));
            long wall = System.nanoTime() - start;

            assertThat(elapsed).doesNotContain(-1L);
            assertThat(Arrays.stream(elapsed).min().orElseThrow()).isGreaterThanOrEqualTo(DELAY.toNanos());
            assertThat(Duration.ofNanos(wall)).isLessThan(DELAY.plusSeconds(10));
            assertThat(threads.getPeakThreadCount()).as("peak live threads, %d before the burst", baseline)
                    .isLessThanOrEqualTo(baseline + THREAD_MARGIN);

            List<UpstreamRequest> events = u.awaitRequests(REQUESTS);
            assertThat(events).hasSize(REQUESTS).allSatisfy(event -> {
                assertThat(event.outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(event.delayAchievedNanos()).isGreaterThanOrEqualTo(DELAY.toNanos());
            });
            assertThat(events.stream().mapToLong(UpstreamRequest::connectionId).distinct().count()).isEqualTo(REQUESTS);
            assertThat(u.upstream.stats().ruleFires()).as("one fire per request, counted exactly under concurrency")
                    .containsEntry("slow/slow[0]", (long) REQUESTS);
        }
    }

    /** {@code count} connections, each sending one GET and reading one response, on one selector. */
    private static final class NonBlockingClients {
        private final InetSocketAddress address;
        private final int count;

        NonBlockingClients(int port, int count) {
            this.address = new InetSocketAddress("127.0.0.1", port);
            this.count = count;
        }

        /** Nanoseconds from each request's send to its complete response; -1 for any that did not finish. */
        long[] runAll(Duration timeout) throws IOException {
            long[] elapsed = new long[count];
            Arrays.fill(elapsed, -1);
            long deadline = System.nanoTime() + timeout.toNanos();
            int done = 0;
            try (Selector selector = Selector.open()) {
                for (int i = 0; i < count; i++) {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.connect(address);
                    channel.register(selector, SelectionKey.OP_CONNECT, new Client(i));
                }
                while (done < count && System.nanoTime() < deadline) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        Client client = (Client) key.attachment();
                        if (client.step(key)) {
                            done++;
                            if (client.succeeded) {
                                elapsed[client.index] = System.nanoTime() - client.sentAt;
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
            }
            return elapsed;
        }
    }

    private static final class Client {
        final int index;
        final ByteBuffer request;
        final ByteBuffer response = ByteBuffer.allocate(1024);
        long sentAt;
        boolean succeeded;

        Client(int index) {
            this.index = index;
            this.request = ByteBuffer.wrap(("GET /slow HTTP/1.1\r\nHost: x\r\nX-Request-Id: r" + index + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        /** Advances this client on a ready key; true when it is finished, well or not. */
        boolean step(SelectionKey key) throws IOException {
            SocketChannel channel = (SocketChannel) key.channel();
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_WRITE);
            } else if (key.isWritable()) {
                if (sentAt == 0) {
                    sentAt = System.nanoTime();
                }
                channel.write(request);
                if (!request.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            } else if (key.isReadable()) {
                boolean ended = channel.read(response) < 0;
                succeeded = complete();
                if (ended || succeeded) {
                    channel.close();
                    return true;
                }
            }
            return false;
        }

        private boolean complete() {
            String text = new String(response.array(), 0, response.position(), StandardCharsets.US_ASCII);
            int headEnd = text.indexOf("\r\n\r\n");
            return text.startsWith("HTTP/1.1 200 ") && headEnd > 0 && text.length() >= headEnd + 4 + "ok".length();
        }
    }
}
