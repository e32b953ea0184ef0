package dev.faultline.load;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Journal;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.RunClock;
import dev.faultline.scenario.LoadSpec.LoadRequest;
import dev.faultline.scenario.LoadSpec.RateStep;
import dev.faultline.scenario.Rate;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The load driver's engine for cleartext HTTP/1.1 targets: one thread with a {@link Selector} paces the
 * arrival schedules, opens and reuses keep-alive connections, writes requests and reads responses
 * ({@link Http1ResponseParser}), enforces each request's timeout, and journals each outcome, as wrk does;
 * no thread hands a request to another, which is what cost {@link OkHttpLoadEngine} most of its CPU.
 * The guarantees and the journal's meanings are {@link LoadDriver}'s, the same as OkHttp's engine.
 *
 * <p>Timing. With no request in flight and the next intended send a millisecond or more away, the thread
 * parks until it (a park wakes within tens of microseconds). Otherwise it waits in the selector, whose timer
 * counts whole milliseconds: a response is timestamped the moment the selector reports it, but a send may
 * go out up to about a millisecond late (the journal's lag says so). So above about 1,000 requests/s sends
 * leave in millisecond batches, as wrk2 paces: one wake-up per tick instead of one per request, which
 * halved the CPU per request at 5,000/s. Before a request opens a new connection the loop reads the
 * responses that have arrived ({@link #harvest()}), so a burst of due requests reuses the connections they
 * free. The timeout is checked against each request's deadline (sent + timeout), in order, at every turn
 * of the loop; a timeout ends at most about a millisecond late.
 *
 * <p>Connections. A request takes the most recently used idle connection to its replica, or opens one;
 * each request in flight has a connection of its own (no pipelining). After a complete response the
 * connection goes back to the pool unless the response ends it ({@link Http1ResponseParser#reusable()}).
 * A request resent after a stale connection ({@link StaleConnection}) opens a fresh connection, which is
 * closed after its response, as OkHttp's engine does. Like OkHttp, a connection idle for over
 * {@value #IDLE_HEALTH_CHECK_SECONDS} s is checked (a non-blocking read) before a request other than GET
 * reuses it, and one idle for {@value #KEEP_ALIVE_MINUTES} minutes is closed.
 */
final class NioLoadEngine implements LoadEngine {
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final long IDLE_HEALTH_CHECK_SECONDS = 10;
    private static final long KEEP_ALIVE_MINUTES = 5;
    private static final long IDLE_PARK_NANOS = 50_000_000L;
    private static final Duration PACING_JOIN = Duration.ofSeconds(2);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(2);
    private static final long NEVER = Long.MAX_VALUE;
    /** Below this wait the loop waits a whole millisecond tick in the selector rather than parking to the nanosecond. */
    private static final long PRECISE_WAIT_NANOS = 1_000_000L;

    private final LoadPlan plan;
    private final RunClock clock;
    private final Journal journal;
    private final long timeoutNanos;
    private final int cap;
    private final RequestMix mix;
    private final Selector selector;
    private final Thread loop;
    private final InetSocketAddress[] addresses;
    private final String[] hosts;
    private final ArrayDeque<NioConnection>[] idle;
    private final Map<RequestMix.Kind, Http1RequestHead[][]> heads = new IdentityHashMap<>();
    /** Requests started and not yet timed out, in the order of their deadlines (which is the order they started). */
    private final ArrayDeque<NioExchange> started = new ArrayDeque<>();
    /** Requests waiting for the in-flight cap. */
    private final ArrayDeque<NioExchange> backlog = new ArrayDeque<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private final RequestIds ids = new RequestIds();
    private ArrivalSchedule[] schedules;
    private int nextReplica;
    /** Requests with a connection (or opening one): counted against the cap. */
    private int active;

    private volatile long originNanos;
    private volatile long endNanos;
    private volatile long sent;
    private volatile int inFlight;
    private volatile boolean launched;
    private volatile boolean stopRequested;
    private volatile boolean pacingDone;
    private volatile boolean cancelRequested;
    private volatile boolean released;
    private volatile Throwable failure;

    @SuppressWarnings("unchecked")
    private NioLoadEngine(LoadPlan plan, RunClock clock, Journal journal) {
        this.plan = plan;
        this.clock = clock;
        this.journal = journal;
        this.timeoutNanos = plan.timeout().toNanos();
        this.cap = LoadDriver.inFlightCap(plan);
        this.mix = new RequestMix(plan);
        int replicas = plan.targets().size();
        this.addresses = new InetSocketAddress[replicas];
        this.hosts = new String[replicas];
        this.idle = new ArrayDeque[replicas];
        for (int r = 0; r < replicas; r++) {
            HttpUrl url = HttpUrl.get(plan.targets().get(r));
            hosts[r] = url.host();
            addresses[r] = new InetSocketAddress(url.host(), url.port());
            idle[r] = new ArrayDeque<>();
        }
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("the load driver could not open a selector", e);
        }
        this.loop = new Thread(this::run, "faultline-load-loop");
        this.loop.setDaemon(true);
        this.loop.setPriority(Thread.MAX_PRIORITY);
    }

    /**
     * Builds the engine and runs a few requests through a throwaway one against a local server of its own
     * (never the target), so the first scheduled requests do not pay for class loading. Sends nothing yet.
     */
    static NioLoadEngine prepare(LoadPlan plan, RunClock clock, Journal journal) {
        NioLoadEngine engine = new NioLoadEngine(plan, clock, journal);
        ClientWarmUp.warm(NioLoadEngine::warmUp);
        return engine;
    }

    private static void warmUp(String url, int calls) {
        LoadPlan warm = new LoadPlan(List.of(url),
                List.of(new LoadPlan.Stream(null, List.of(new RateStep(Duration.ZERO, new Rate(1000))), Map.of())),
                List.of(new LoadRequest("GET", "/warm-up", Map.of(), Optional.empty(), 1)), Duration.ofSeconds(2), 0);
        RunClock clock = RunClock.startingNow();
        try (NioLoadEngine engine = new NioLoadEngine(warm, clock, new Journal(16))) {
            engine.start(clock.nanos(), Duration.ofMillis(calls));
            engine.stop(Duration.ofSeconds(2));
        }
    }

    @Override
    public void start(long originNanos, Duration duration) {
        this.originNanos = originNanos;
        this.endNanos = originNanos + duration.toNanos();
        launched = true;
        loop.start();
    }

    @Override
    public long sent() {
        return sent;
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public void stop(Duration grace) {
        if (!launched) {
            release();
            return;
        }
        if (grace.isZero()) {
            stopRequested = true;
            wake();
        }
        joinPacing();
        Settling.await(() -> inFlight == 0 || failure != null, grace);
        cancelRequested = true;
        wake();
        Settling.await(() -> inFlight == 0 || failure != null, CANCEL_WAIT);
        release();
        if (failure != null) {
            throw new IllegalStateException("the load driver's event loop failed: " + failure, failure);
        }
    }

    private void joinPacing() {
        long waitNanos = Math.max(0, endNanos - clock.nanos()) + PACING_JOIN.toNanos();
        Settling.await(() -> pacingDone, Duration.ofNanos(waitNanos));
        if (!pacingDone) {
            stopRequested = true;
            wake();
            Settling.await(() -> pacingDone, PACING_JOIN);
        }
    }

    private void release() {
        released = true;
        if (!launched) {
            closeAll();
            return;
        }
        wake();
        try {
            loop.join(PACING_JOIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!released) {
            stop(Duration.ZERO);
        }
    }

    // The loop parks or waits in the selector; either may be where it is.
    private void wake() {
        selector.wakeup();
        LockSupport.unpark(loop);
    }

    private void run() {
        try {
            schedules = LoadDriver.schedules(plan, endNanos - originNanos);
            while (!released) {
                if (cancelRequested) {
                    cancelAll();
                }
                long nextSend = pace();
                startWaiting();
                long now = clock.nanos();
                long wakeAt = Math.min(nextSend, expire(now));
                long wait = wakeAt == NEVER ? IDLE_PARK_NANOS : wakeAt - now;
                if (wait <= 0) {
                    if (active > 0) {
                        selector.selectNow(this::ready);
                    }
                } else if (wait >= PRECISE_WAIT_NANOS && active == 0) {
                    // No socket to watch and the next send a millisecond or more away: a park wakes within tens of µs.
                    LockSupport.parkNanos(this, Math.min(wait, IDLE_PARK_NANOS));
                } else {
                    // Responses to watch, or the next send under a millisecond away: the selector's millisecond tick.
                    // Above about 1,000 requests/s sends then go out in batches, one wake-up per tick instead of
                    // one per request (which cost half the CPU per request at 5,000/s, measured), up to ~1 ms late.
                    selector.select(this::ready, Math.max(1, (Math.min(wait, IDLE_PARK_NANOS) + 999_999) / 1_000_000));
                }
            }
        } catch (Throwable t) {
            failure = t;
            pacingDone = true;
        } finally {
            closeAll();
        }
    }

    /** Sends every request that is due; returns the next one's intended time, or {@link #NEVER}. */
    private long pace() {
        while (!pacingDone) {
            if (stopRequested) {
                pacingDone = true;
                break;
            }
            int stream = -1;
            long best = ArrivalSchedule.DONE;
            for (int i = 0; i < schedules.length; i++) {
                long t = schedules[i].peek();
                if (t < best) {
                    best = t;
                    stream = i;
                }
            }
            if (stream < 0) {
                pacingDone = true;
                break;
            }
            long due = originNanos + best;
            if (due > clock.nanos()) {
                return due;
            }
            schedules[stream].next();
            send(due, stream, mix.pick(), nextReplica);
            nextReplica = nextReplica + 1 == plan.targets().size() ? 0 : nextReplica + 1;
        }
        return NEVER;
    }

    private void send(long due, int stream, RequestMix.Kind kind, int replica) {
        ids.next();
        String requestId = ids.requestId();
        Http1RequestHead head = heads.computeIfAbsent(kind, k -> new Http1RequestHead[plan.streams().size()][plan.targets().size()])
                [stream][replica];
        if (head == null) {
            head = Http1RequestHead.of(kind, stream, replica);
            heads.get(kind)[stream][replica] = head;
        }
        NioExchange exchange = new NioExchange(due, replica, plan.streams().get(stream).tenant(), kind, requestId,
                head.encode(requestId, ids.traceparent()));
        inFlight++;
        sent++;
        if (active < cap && backlog.isEmpty()) {
            begin(exchange);
        } else {
            backlog.add(exchange);
        }
    }

    /** Starts the requests that waited for the cap, as far as it allows now. */
    private void startWaiting() {
        while (!backlog.isEmpty() && active < cap && !cancelRequested) {
            begin(backlog.poll());
        }
    }

    private void begin(NioExchange exchange) {
        if (active > 0 && idle[exchange.replica].isEmpty()) {
            harvest();
        }
        exchange.sentNanos = clock.nanos();
        exchange.deadlineNanos = exchange.sentNanos + timeoutNanos;
        active++;
        started.add(exchange);
        attempt(exchange, true);
    }

    private void attempt(NioExchange exchange, boolean mayReuse) {
        NioConnection connection = mayReuse ? pooled(exchange.replica, exchange.kind.method) : null;
        exchange.reused = connection != null;
        exchange.writeStarted = false;
        try {
            if (connection == null) {
                connection = open(exchange.replica);
            }
            connection.exchange = exchange;
            exchange.connection = connection;
            connection.parser.begin(exchange.kind.method.equals("HEAD"));
            connection.out = ByteBuffer.wrap(exchange.request);
            if (connection.channel.isConnected()) {
                write(connection);
            } else {
                connection.key.interestOps(SelectionKey.OP_CONNECT);
            }
        } catch (IOException e) {
            failed(exchange, connection, e);
        }
    }

    /**
     * Reads the responses that have arrived before a request opens a new connection, so their connections
     * can carry it: a burst of due requests (after a pause of the machine) would otherwise open a connection
     * each while the responses that free the pooled ones wait unread, and the pool would grow with every
     * burst (thousands of connections at 5,000/s, measured, and nginx's accept queue overflowing).
     */
    private void harvest() {
        try {
            selector.selectNow(this::ready);
        } catch (IOException e) {
            // the selector is fine or the loop will find out at its next select; a new connection does the job
        }
    }

    /** The most recently used idle connection to the replica that is fit for a request, or null. */
    private NioConnection pooled(int replica, String method) {
        long now = clock.nanos();
        for (NioConnection c = idle[replica].pollLast(); c != null; c = idle[replica].pollLast()) {
            long idleNanos = now - c.idleSinceNanos;
            if (!c.channel.isOpen() || idleNanos >= KEEP_ALIVE_MINUTES * 60_000_000_000L) {
                c.close();
                continue;
            }
            if (idleNanos >= IDLE_HEALTH_CHECK_SECONDS * 1_000_000_000L && !method.equals("GET") && !healthy(c)) {
                c.close();
                continue;
            }
            return c;
        }
        return null;
    }

    // OkHttp's extensive health check: an idle connection with something to read (the server's close, or
    // bytes nobody asked for) must not carry a request whose resend the stale rule may not allow.
    private boolean healthy(NioConnection c) {
        probe.clear();
        try {
            return c.channel.read(probe) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private NioConnection open(int replica) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            try {
                channel.connect(addresses[replica]);
            } catch (UnresolvedAddressException e) {
                throw new UnknownHostException(hosts[replica] + ": the target's host name did not resolve");
            }
            SelectionKey key = channel.register(selector, 0);
            NioConnection connection = new NioConnection(replica, channel, key);
            key.attach(connection);
            return connection;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void ready(SelectionKey key) {
        NioConnection connection = (NioConnection) key.attachment();
        NioExchange exchange = connection.exchange;
        if (!key.isValid() || exchange == null) {
            return;
        }
        try {
            if (key.isConnectable()) {
                if (connection.channel.finishConnect()) {
                    write(connection);
                }
            } else if (key.isWritable()) {
                write(connection);
            } else if (key.isReadable()) {
                read(connection);
            }
        } catch (IOException e) {
            failed(exchange, connection, e);
        }
    }

    private void write(NioConnection connection) throws IOException {
        connection.exchange.writeStarted = true;
        connection.channel.write(connection.out);
        connection.key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(NioConnection connection) throws IOException {
        readBuffer.clear();
        int n = connection.channel.read(readBuffer);
        if (n < 0) {
            connection.parser.endOfStream();
            completed(connection, false);
            return;
        }
        readBuffer.flip();
        if (connection.parser.feed(readBuffer)) {
            completed(connection, readBuffer.hasRemaining());
        }
    }

    // A whole response: journal it, and keep the connection for the next request if it may carry one.
    private void completed(NioConnection connection, boolean bytesBeyond) {
        NioExchange exchange = connection.exchange;
        Http1ResponseParser response = connection.parser;
        connection.exchange = null;
        boolean keep = !bytesBeyond && response.reusable() && !exchange.resending && !cancelRequested
                && idle[connection.replica].size() < cap && connection.channel.isOpen();
        finish(exchange, response.status(), CallOutcome.RESPONSE, null, response);
        if (keep) {
            connection.key.interestOps(0);
            connection.idleSinceNanos = clock.nanos();
            idle[connection.replica].addLast(connection);
        } else {
            connection.close();
        }
    }

    // An attempt failed: resend it once if the stale-connection rule allows, else journal the failure.
    private void failed(NioExchange exchange, NioConnection connection, IOException e) {
        if (connection != null) {
            connection.exchange = null;
            connection.close();
        }
        if (exchange.done) {
            return;
        }
        IOException error = sortable(e);
        CallOutcome outcome = CallFailures.classify(error, false);
        boolean headArrived = connection != null && connection.parser.headComplete();
        int status = connection == null ? 0 : connection.parser.status();
        if (!exchange.resending) {
            if (StaleConnection.resend(exchange.kind.method, exchange.reused, exchange.writeStarted, headArrived, outcome)) {
                exchange.resending = true;
                exchange.firstOutcome = outcome;
                exchange.firstFailure = CallFailures.describe(error);
                exchange.resentAfter = outcome.name().toLowerCase(Locale.ROOT) + ": " + exchange.firstFailure;
                attempt(exchange, false);
            } else {
                finish(exchange, status, outcome, CallFailures.describe(error), null);
            }
        } else if (headArrived) {
            finish(exchange, status, outcome, CallFailures.describe(error), null);
        } else {
            // A resend can only turn the failure into the response a fresh connection gets: failing before a
            // response head, the request keeps its first failure, so a target that drops requests counts as before.
            finish(exchange, 0, exchange.firstOutcome, exchange.firstFailure + "; resent on a fresh connection: "
                    + CallFailures.describe(error), null);
        }
    }

    /**
     * The channel's error in the shape {@link CallFailures} sorts: a write into a connection the peer reset
     * fails with a plain {@code IOException: Broken pipe} (or {@code Connection reset by peer}) from NIO,
     * where blocking sockets throw a {@link SocketException}.
     */
    static IOException sortable(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (!(e instanceof SocketException) && e.getClass() == IOException.class
                && (message.contains("reset") || message.contains("broken pipe"))) {
            SocketException socket = new SocketException(e.getMessage());
            socket.initCause(e);
            return socket;
        }
        return e;
    }

    /** Times out the started requests past their deadline; returns the next deadline, or {@link #NEVER}. */
    private long expire(long now) {
        for (NioExchange exchange = started.peekFirst(); exchange != null; exchange = started.peekFirst()) {
            if (exchange.done) {
                started.pollFirst();
            } else if (exchange.deadlineNanos > now) {
                return exchange.deadlineNanos;
            } else {
                started.pollFirst();
                end(exchange, CallOutcome.TIMEOUT, "no complete response within " + plan.timeout().toMillis() + " ms");
            }
        }
        return NEVER;
    }

    // Ends a request from outside its connection (timeout, cancel): its connection cannot be trusted any more.
    private void end(NioExchange exchange, CallOutcome outcome, String error) {
        NioConnection connection = exchange.connection;
        int status = 0;
        if (connection != null && connection.exchange == exchange) {
            status = connection.parser.status();
            connection.exchange = null;
            connection.close();
        }
        finish(exchange, status, outcome, error, null);
    }

    private void cancelAll() {
        for (NioExchange exchange : started) {
            if (!exchange.done) {
                end(exchange, CallOutcome.CANCELLED, "cancelled: the run ended before the response was complete");
            }
        }
        started.clear();
        for (NioExchange exchange = backlog.poll(); exchange != null; exchange = backlog.poll()) {
            exchange.sentNanos = clock.nanos();
            inFlight--;
            finishRecord(exchange, 0, CallOutcome.CANCELLED, "not sent: the run ended first", null);
        }
    }

    private void finish(NioExchange exchange, int status, CallOutcome outcome, String error, Http1ResponseParser response) {
        exchange.done = true;
        exchange.connection = null;
        active--;
        inFlight--;
        finishRecord(exchange, status, outcome, error, response);
    }

    // The rate-limit fields go into the journal so the target's own limiter can be judged (expect.fairness).
    private void finishRecord(NioExchange exchange, int status, CallOutcome outcome, String error, Http1ResponseParser response) {
        exchange.done = true;
        journal.append(new LoadResult(exchange.dueNanos, exchange.sentNanos, clock.nanos(), exchange.replica, exchange.tenant,
                exchange.kind.method, exchange.kind.path, exchange.requestId, status, outcome, error,
                response == null ? null : response.retryAfter(),
                response == null ? null : response.rateLimit(),
                response == null ? null : response.rateLimitPolicy(), exchange.resentAfter,
                response == null ? null : response.protocol()));
    }

    private void closeAll() {
        try {
            for (SelectionKey key : selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException e) {
                    // closing everything: go on with the rest
                }
            }
            selector.close();
        } catch (IOException | RuntimeException e) {
            // best effort: the channels are closed above
        }
    }
}
