package dev.faultline.upstream;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;
import dev.faultline.upstream.spec.UpstreamSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the fake upstream's request path hot before a long-lived server ({@code faultline serve}) says
 * it is ready, so its first seconds are not spent interpreting and compiling: a throwaway upstream
 * answers up to 40,000 keep-alive requests from loopback clients (pipelined 16 at a time, so client and
 * server do not take turns request by request), half through a route and half through a fault rule
 * answering 503, each journalled in a throwaway journal.
 *
 * <p>Measured on the project's 2-core machine with the server pinned to one core, a cold
 * {@code serve} answered 15,000 requests/s in its first 5 s against 50,000 once warm; the JIT compiles
 * Jetty's parser and generator and the upstream's exchange only after thousands of requests, on the same
 * core that serves them. Paying that before the server listens is meant to move it out of the client's run.
 *
 * <p>Opt-in ({@code faultline serve --warm-up SECONDS}): on the project's loaded machine it moved most
 * compilations out of the first 5 s (330 instead of 1,218, but 433 came in the next 5 s: a client's
 * pattern is not the warm-up's); with a 10 s budget it lifted the first 5 s 2.3-2.9 times in two quiet
 * runs and was a toss-up under load (benchmarks/RESULTS.md §1, 2026-12-07), for 3-4 s more at start.
 * Once per JVM, bounded by a request count and a wall-clock budget. Best effort: the server is
 * correct without it (only slower at first), so a failure only ends the warm-up early. Not run by
 * {@link FakeUpstream#start}: short-lived upstreams (tests, {@code faultline run}) would pay its
 * seconds for throughput they do not need.
 */
public final class HotPathWarmUp {
    /** Enough for C2 to compile the request path (its thresholds are in the ten thousands of calls). */
    static final int REQUESTS = 40_000;
    private static final int CLIENTS = 4;
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final AtomicBoolean WARMED = new AtomicBoolean();
    /** Requests written at once on a connection. */
    private static final int PIPELINED = 16;
    private static final byte[] BATCH =
            "GET /warm-up HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: faultline-warm-up\r\n\r\n"
                    .repeat(PIPELINED).getBytes(StandardCharsets.US_ASCII);

    private HotPathWarmUp() {
    }

    /**
     * Warms the request path up, at most once per JVM, for at most {@code budget}.
     *
     * @return the requests answered (0 when already warmed, or when the throwaway upstream could not start)
     */
    public static int run(Duration budget) {
        return run(budget, REQUESTS);
    }

    /** {@link #run(Duration)} with a request count of its own (tests use a small one). */
    static int run(Duration budget, int requests) {
        if (!WARMED.compareAndSet(false, true)) {
            return 0;
        }
        long deadline = System.nanoTime() + budget.toNanos();
        UpstreamOptions options = UpstreamOptions.loopback(1, new Journal(requests + 100), RunClock.startingNow(), 0);
        UpstreamSpec spec = new UpstreamSpec("warm-up", 0,
                List.of(new Route(RequestMatch.ANY, Respond.of(200, Map.of("Content-Type", "text/plain"), "ok"))));
        List<FaultRule> unavailable = List.of(new FaultRule("warm-up/warm-up[0]", "warm-up", RequestMatch.ANY, 1.0, 0,
                false, null, new FaultAction.RespondWith(Respond.of(503, Map.of(), ""))));
        AtomicInteger answered = new AtomicInteger();
        try (FakeUpstream throwaway = FakeUpstream.start(spec, options)) {
            int port = throwaway.ports().get(0);
            // Route first, then the 503 rule: both ways through the exchange get compiled.
            drive(port, requests / 2, deadline, answered);
            throwaway.enterPhase("warm-up", unavailable);
            drive(port, requests / 2, deadline, answered);
        } catch (IOException | RuntimeException e) {
            // best effort: see the class comment
        }
        return answered.get();
    }

    /** {@link #CLIENTS} keep-alive connections sharing {@code requests}, in pipelined batches, until done or the deadline. */
    private static void drive(int port, int requests, long deadline, AtomicInteger answered) {
        List<Thread> clients = new ArrayList<>(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(() -> client(port, requests / CLIENTS, deadline, answered), "faultline-warm-up-client-" + i);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            try {
                client.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void client(int port, int requests, long deadline, AtomicInteger answered) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            Responses responses = new Responses(socket.getInputStream());
            for (int sent = 0; sent < requests && System.nanoTime() < deadline; sent += PIPELINED) {
                out.write(BATCH);
                out.flush();
                for (int i = 0; i < PIPELINED; i++) {
                    if (!responses.next()) {
                        return;
                    }
                    answered.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // best effort: the warm-up ends early
        }
    }

    /** Reads responses one after another off a connection: each a head, then Content-Length bytes of body. */
    private static final class Responses {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;

        Responses(InputStream in) {
            this.in = in;
        }

        /** Consumes the next response; false at end of stream, or on a head longer than the buffer. */
        boolean next() throws IOException {
            int headEnd;
            while ((headEnd = indexOfBlankLine(start, end)) < 0) {
                if (!fill()) {
                    return false;
                }
            }
            long remaining = contentLength(start, headEnd);
            start = headEnd;
            while (true) {
                int buffered = (int) Math.min(remaining, end - start);
                start += buffered;
                remaining -= buffered;
                if (remaining == 0) {
                    return true;
                }
                if (!fill()) {
                    return false;
                }
            }
        }

        private boolean fill() throws IOException {
            if (start == end) {
                start = 0;
                end = 0;
            } else if (end == buffer.length) {
                if (start == 0) {
                    return false;
                }
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                return false;
            }
            end += n;
            return true;
        }

        /** The index just past the head's blank line, or -1 if the head is not all in yet. */
        private int indexOfBlankLine(int from, int to) {
            for (int i = from + 3; i < to; i++) {
                if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                    return i + 1;
                }
            }
            return -1;
        }

        private long contentLength(int from, int to) {
            String head = new String(buffer, from, to - from, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
            int at = head.indexOf("\r\ncontent-length:");
            if (at < 0) {
                return 0;
            }
            int lineEnd = head.indexOf("\r\n", at + 2);
            return Long.parseLong(head.substring(at + "\r\ncontent-length:".length(), lineEnd).trim());
        }
    }
}
