package dev.faultline.load;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Journal;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.RunClock;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okio.Okio;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load driver's engine for https targets (and HTTP/2 by ALPN): OkHttp, one blocking worker thread per
 * request in flight, a pacer thread and a timeout sweeper. {@link LoadDriver} picks it for any target that is
 * not cleartext {@code http://}; {@link NioLoadEngine} serves those.
 *
 * <p>One pacer thread walks the arrival schedules (computed from the start, so they never drift) and
 * hands each request to a worker thread, which sends it with OkHttp and reads the whole response; the
 * pacer never waits for a response. A request's latency is measured from its intended send time; the
 * moment the worker actually sent it is recorded too, so the analyses can tell how far the driver
 * itself fell behind (schedule lag) and call a lagging run inconclusive.
 *
 * <p>Workers call OkHttp synchronously: its asynchronous dispatcher renames the thread around every
 * call and its per-call timeout wakes a watchdog thread for every request, which together cost more
 * than the request itself. The per-request timeout is enforced here instead: a sweeper cancels calls
 * past their deadline (checked every {@value #SWEEP_MILLIS} ms, so a timeout may end that much late).
 * At most {@link LoadDriver#inFlightCap} requests run at once (peak rate × timeout × 1.5); past that they wait
 * for a worker, and the lag says so.
 *
 * <p>Each request carries a fresh {@code X-Request-Id} and W3C {@code traceparent}. OkHttp's silent
 * retry on connection failure and redirect following are off: one arrival is one attempt, except that a
 * request that met a keep-alive connection the server had already closed is resent once on a fresh
 * connection ({@link StaleConnection}), so the driver's own stale connections are not blamed on the
 * target; the journal marks it ({@link LoadResult#resentAfter()}) and the report counts it per phase.
 * HTTP/1.0 responses without keep-alive end their connection ({@link Http10Persistence}).
 */
final class OkHttpLoadEngine implements LoadEngine {
    static final long SWEEP_MILLIS = 5;
    private static final int PRESTARTED_THREADS = 16;
    private static final Duration PACER_JOIN = Duration.ofSeconds(2);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(2);

    private final LoadPlan plan;
    private final RunClock clock;
    private final Journal journal;
    private final long timeoutNanos;
    private volatile long originNanos;
    private volatile long endNanos;
    private final ThreadPoolExecutor executor;
    private final OkHttpClient client;
    /** Sends resends, each on a connection of its own: its pool keeps no idle connection to hand out again. */
    private final OkHttpClient resendClient;
    private final RequestMix mix;
    private final Thread pacer;
    private final Thread sweeper;
    private final Queue<InFlightCall> calls = new ConcurrentLinkedQueue<>();
    private final Queue<InFlightCall> backlog = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopRequested;
    private volatile boolean cancelling;
    private volatile boolean released;
    private volatile Throwable pacerFailure;

    private OkHttpLoadEngine(LoadPlan plan, RunClock clock, Journal journal, TargetTls tls) {
        this.plan = plan;
        this.clock = clock;
        this.journal = journal;
        this.timeoutNanos = plan.timeout().toNanos();
        AtomicInteger threads = new AtomicInteger();
        int cap = LoadDriver.inFlightCap(plan);
        // Prestarted core threads wait on the hand-off queue, so a request starts without creating a thread;
        // when all `cap` workers are busy the request waits in the backlog for the next free one.
        this.executor = new ThreadPoolExecutor(Math.min(cap, PRESTARTED_THREADS), cap, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> daemon(r, "faultline-load-" + threads.incrementAndGet()),
                (task, pool) -> backlog.add((InFlightCall) task));
        this.executor.prestartAllCoreThreads();
        // HTTP/2 is offered over TLS only (ALPN), so an https target that offers it gets it; cleartext stays HTTP/1.1.
        this.client = tls.apply(new OkHttpClient.Builder())
                .connectionPool(new ConnectionPool(cap, 5, TimeUnit.MINUTES))
                .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(plan.timeout())
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .eventListenerFactory(ConnectionUse.FACTORY)
                .addNetworkInterceptor(new Http10Persistence())
                .build();
        this.resendClient = client.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
        this.mix = new RequestMix(plan);
        this.pacer = daemon(this::pace, "faultline-load-pacer");
        this.pacer.setPriority(Thread.MAX_PRIORITY);
        this.sweeper = daemon(this::sweep, "faultline-load-timeouts");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Builds the engine and warms its HTTP client up (against a local server of its own, not the
     * target), so the first scheduled requests do not pay for class loading. Sends nothing yet.
     */
    static OkHttpLoadEngine prepare(LoadPlan plan, RunClock clock, Journal journal, TargetTls tls) {
        OkHttpLoadEngine driver = new OkHttpLoadEngine(plan, clock, journal, tls);
        OkHttpClient warming = driver.client.newBuilder().callTimeout(Duration.ofSeconds(2)).build();
        ClientWarmUp.warm(warming);
        if (plan.targets().stream().anyMatch(url -> url.startsWith("https://"))) {
            ClientWarmUp.warmTls(warming);
        }
        return driver;
    }

    @Override
    public void start(long originNanos, Duration duration) {
        this.originNanos = originNanos;
        this.endNanos = originNanos + duration.toNanos();
        sweeper.start();
        pacer.start();
    }

    private void pace() {
        try {
            ArrivalSchedule[] schedules = LoadDriver.schedules(plan, endNanos - originNanos);
            RequestIds ids = new RequestIds();
            int replicas = plan.targets().size();
            int nextReplica = 0;
            while (!stopRequested) {
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
                    return;
                }
                long due = originNanos + best;
                long wait = due - clock.nanos();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
                schedules[stream].next();
                send(due, stream, mix.pick(), nextReplica, ids);
                nextReplica = nextReplica + 1 == replicas ? 0 : nextReplica + 1;
            }
        } catch (Throwable t) {
            pacerFailure = t;
        }
    }

    private void send(long due, int stream, RequestMix.Kind kind, int replica, RequestIds ids) {
        ids.next();
        String requestId = ids.requestId();
        Request request = new Request.Builder()
                .url(kind.urlByReplica[replica])
                .headers(kind.headersByStream[stream])
                .header("X-Request-Id", requestId)
                .header("traceparent", ids.traceparent())
                .header("User-Agent", "faultline-load")
                .method(kind.method, kind.body)
                .tag(ConnectionUse.class, new ConnectionUse())
                .build();
        InFlightCall call = new InFlightCall(due, replica, plan.streams().get(stream).tenant(), kind, requestId,
                client.newCall(request));
        inFlight.incrementAndGet();
        sent.incrementAndGet();
        calls.add(call);
        executor.execute(call);
    }

    // Cancels calls past their deadline. Calls are queued in dispatch order, so their deadlines are
    // nearly in order too: the scan stops at the first one still within its time.
    private void sweep() {
        while (!released) {
            LockSupport.parkNanos(SWEEP_MILLIS * 1_000_000L);
            // A request that found every worker busy just as the last one went idle would wait for the next
            // to finish; hand it over now.
            for (int n = backlog.size(); n > 0 && executor.getActiveCount() < executor.getMaximumPoolSize() && !released; n--) {
                InFlightCall waiting = backlog.poll();
                if (waiting != null) {
                    executor.execute(waiting);
                }
            }
            long now = clock.nanos();
            for (Iterator<InFlightCall> it = calls.iterator(); it.hasNext(); ) {
                InFlightCall c = it.next();
                if (c.done) {
                    it.remove();
                } else if (c.sentNanos != 0 && now - c.sentNanos >= timeoutNanos) {
                    c.timedOut = true;
                    c.call.cancel();
                    it.remove();
                } else if (c.sentNanos != 0) {
                    break;
                }
            }
        }
    }

    @Override
    public long sent() {
        return sent.get();
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void stop(Duration grace) {
        if (pacer.getState() == Thread.State.NEW) {
            release();
            return;
        }
        if (grace.isZero()) {
            stopRequested = true;
            LockSupport.unpark(pacer);
        }
        joinPacer();
        awaitInFlight(grace);
        cancelling = true;
        for (InFlightCall c : calls) {
            c.call.cancel();
        }
        for (InFlightCall c = backlog.poll(); c != null; c = backlog.poll()) {
            c.sendAndRecord();
        }
        awaitInFlight(CANCEL_WAIT);
        release();
    }

    private void release() {
        released = true;
        executor.shutdownNow();
        client.connectionPool().evictAll();
        resendClient.connectionPool().evictAll();
    }

    private void joinPacer() {
        long waitNanos = Math.max(0, endNanos - clock.nanos()) + PACER_JOIN.toNanos();
        try {
            pacer.join(Math.max(1, waitNanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pacer.isAlive()) {
            stopRequested = true;
            LockSupport.unpark(pacer);
            try {
                pacer.join(PACER_JOIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pacerFailure != null) {
            throw new IllegalStateException("the load driver's pacer failed: " + pacerFailure, pacerFailure);
        }
    }

    private void awaitInFlight(Duration limit) {
        Settling.await(() -> inFlight.get() == 0, limit);
    }

    @Override
    public void close() {
        if (!released) {
            stop(Duration.ZERO);
        }
    }

    /** How an attempt failed: the status when a response head had arrived (else 0), and the client's error. */
    private record Failure(int status, IOException error) {
    }

    /** One request on its way: its schedule, the call, and the worker's task that sends it and records how it ended. */
    private final class InFlightCall implements Runnable {
        final long dueNanos;
        final int replica;
        final String tenant;
        final RequestMix.Kind kind;
        final String requestId;
        /** The attempt under way: the first, then the resend if there is one. */
        volatile Call call;
        volatile long sentNanos;
        volatile boolean timedOut;
        volatile boolean done;

        InFlightCall(long dueNanos, int replica, String tenant, RequestMix.Kind kind, String requestId, Call call) {
            this.dueNanos = dueNanos;
            this.replica = replica;
            this.tenant = tenant;
            this.kind = kind;
            this.requestId = requestId;
            this.call = call;
        }

        @Override
        public void run() {
            sendAndRecord();
            // A worker that finishes takes the requests that had to wait for one.
            for (InFlightCall next = backlog.poll(); next != null; next = backlog.poll()) {
                next.sendAndRecord();
            }
        }

        void sendAndRecord() {
            sentNanos = clock.nanos();
            if (cancelling) {
                finish(0, CallOutcome.CANCELLED, "not sent: the run ended first", null, null);
                return;
            }
            Failure failure = attempt(null);
            if (failure == null) {
                return;
            }
            CallOutcome outcome = outcome(failure.error());
            if (!timedOut && StaleConnection.resend(kind.method, call.request().tag(ConnectionUse.class), outcome)) {
                resend(outcome, failure.error());
            } else {
                finish(failure.status(), outcome, error(failure.error()), null, null);
            }
        }

        // One resend, on a fresh connection, within the first attempt's deadline. A resend can only turn the
        // failure into the response the target gives a fresh connection: when it fails before a response head,
        // the request keeps its first failure, so a target that drops requests counts exactly as without resends.
        private void resend(CallOutcome firstOutcome, IOException firstFailure) {
            String first = firstOutcome.name().toLowerCase(Locale.ROOT) + ": " + CallFailures.describe(firstFailure);
            ConnectionUse use = new ConnectionUse();
            call = resendClient.newCall(call.request().newBuilder().tag(ConnectionUse.class, use).build());
            if (timedOut || cancelling) {
                call.cancel();
            }
            Failure failure = attempt(first);
            if (failure == null) {
                return;
            }
            CallOutcome outcome = outcome(failure.error());
            if (timedOut || outcome == CallOutcome.CANCELLED || use.headArrived()) {
                finish(failure.status(), outcome, error(failure.error()), null, first);
            } else {
                finish(0, firstOutcome, CallFailures.describe(firstFailure) + "; resent on a fresh connection: "
                        + CallFailures.describe(failure.error()), null, first);
            }
        }

        /** Runs the current call and records its whole response; or returns how it failed, for the caller to judge. */
        private Failure attempt(String resentAfter) {
            int status = 0;
            try (Response response = call.execute()) {
                status = response.code();
                response.body().source().readAll(Okio.blackhole());
                finish(status, CallOutcome.RESPONSE, null, response, resentAfter);
                return null;
            } catch (IOException e) {
                return new Failure(status, e);
            }
        }

        private CallOutcome outcome(IOException e) {
            return timedOut ? CallOutcome.TIMEOUT : CallFailures.classify(e, cancelling && call.isCanceled());
        }

        private String error(IOException e) {
            return timedOut ? "no complete response within " + plan.timeout().toMillis() + " ms" : CallFailures.describe(e);
        }

        // The rate-limit fields go into the journal so the target's own limiter can be judged (expect.fairness).
        private void finish(int status, CallOutcome outcome, String error, Response response, String resentAfter) {
            done = true;
            try {
                journal.append(new LoadResult(dueNanos, sentNanos, clock.nanos(), replica, tenant, kind.method, kind.path,
                        requestId, status, outcome, error,
                        response == null ? null : response.header("Retry-After"),
                        response == null ? null : response.header("RateLimit"),
                        response == null ? null : response.header("RateLimit-Policy"), resentAfter,
                        response == null ? null : response.protocol().toString()));
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }
}
