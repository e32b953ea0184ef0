package dev.faultline.load;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Journal;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.RunClock;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Okio;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop load driver: sends the plan's requests at their intended times whatever the target
 * does, and records each one's outcome as a {@link LoadResult} in the journal.
 *
 * <p>One pacer thread walks the arrival schedules (computed from the start, so they never drift) and
 * hands each request to OkHttp's asynchronous dispatcher; it never waits for a response. A request's
 * latency is measured from its intended send time, and the moment it actually started (stamped by an
 * interceptor on the thread that runs it) is recorded too, so the analyses can tell how far the
 * driver itself fell behind (schedule lag) and call a lagging run inconclusive. The dispatcher is
 * sized for the peak rate times the timeout, so a slow target never makes requests queue inside the
 * driver; past that cap they would queue, and the lag would say so.
 *
 * <p>Each request carries a fresh {@code X-Request-Id} and W3C {@code traceparent}. OkHttp's silent
 * retry on connection failure and redirect following are off: one arrival is one attempt.
 */
public final class LoadDriver implements AutoCloseable {
    static final int MIN_IN_FLIGHT = 64;
    static final int MAX_IN_FLIGHT = 8192;
    private static final int PRESTARTED_THREADS = 16;
    private static final Duration PACER_JOIN = Duration.ofSeconds(2);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(2);

    private final LoadPlan plan;
    private final RunClock clock;
    private final Journal journal;
    private volatile long originNanos;
    private volatile long endNanos;
    private final ThreadPoolExecutor executor;
    private final OkHttpClient client;
    private final Thread pacer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopRequested;
    private volatile boolean cancelling;
    private volatile Throwable pacerFailure;

    private LoadDriver(LoadPlan plan, RunClock clock, Journal journal) {
        this.plan = plan;
        this.clock = clock;
        this.journal = journal;
        AtomicInteger threads = new AtomicInteger();
        int cap = inFlightCap(plan);
        // Core threads wait on the hand-off queue, so a request starts without creating a thread.
        this.executor = new ThreadPoolExecutor(Math.min(cap, PRESTARTED_THREADS), Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "faultline-load-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.prestartAllCoreThreads();
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(cap);
        dispatcher.setMaxRequestsPerHost(cap);
        Interceptor stampSent = chain -> {
            InFlightCall call = chain.request().tag(InFlightCall.class);
            if (call != null) {
                call.sentNanos = clock.nanos();
            }
            return chain.proceed(chain.request());
        };
        this.client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(cap, 5, TimeUnit.MINUTES))
                .protocols(List.of(Protocol.HTTP_1_1))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .callTimeout(plan.timeout())
                .connectTimeout(plan.timeout())
                .readTimeout(plan.timeout())
                .writeTimeout(plan.timeout())
                .addInterceptor(stampSent)
                .build();
        this.pacer = new Thread(this::pace, "faultline-load-pacer");
        this.pacer.setDaemon(true);
        this.pacer.setPriority(Thread.MAX_PRIORITY);
    }

    /**
     * Builds the driver and warms its HTTP client up (against a local server of its own, not the
     * target), so the first scheduled requests do not pay for class loading. Sends nothing yet.
     */
    public static LoadDriver prepare(LoadPlan plan, RunClock clock, Journal journal) {
        LoadDriver driver = new LoadDriver(plan, clock, journal);
        ClientWarmUp.warm(driver.client.newBuilder().callTimeout(Duration.ofSeconds(2)).build());
        return driver;
    }

    /**
     * Starts sending.
     *
     * @param originNanos run time of the schedule's zero (the first phase's start); rate steps count from it
     * @param duration    how long to send: no arrival at or after {@code origin + duration}
     */
    public void start(long originNanos, Duration duration) {
        this.originNanos = originNanos;
        this.endNanos = originNanos + duration.toNanos();
        pacer.start();
    }

    /** Most requests in flight before new ones would queue in the driver: peak rate × timeout, with room. */
    static int inFlightCap(LoadPlan plan) {
        double needed = plan.peakPerSecond() * plan.timeout().toNanos() / 1e9 * 1.5 + 16;
        return (int) Math.max(MIN_IN_FLIGHT, Math.min(MAX_IN_FLIGHT, Math.ceil(needed)));
    }

    private void pace() {
        try {
            List<LoadPlan.Stream> streams = plan.streams();
            ArrivalSchedule[] schedules = schedules(streams, endNanos - originNanos);
            RequestMix mix = new RequestMix(plan);
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

    /** One schedule per stream; streams are staggered by a fraction of their interval so they do not fire together. */
    static ArrivalSchedule[] schedules(List<LoadPlan.Stream> streams, long endNanos) {
        ArrivalSchedule[] schedules = new ArrivalSchedule[streams.size()];
        for (int i = 0; i < schedules.length; i++) {
            double shortest = streams.get(i).steps().stream().mapToDouble(s -> s.rate().intervalNanos()).min().orElse(0);
            long offset = (long) (shortest * i / schedules.length);
            schedules[i] = new ArrivalSchedule(streams.get(i).steps(), offset, endNanos);
        }
        return schedules;
    }

    private void send(long due, int stream, RequestMix.Kind kind, int replica, RequestIds ids) {
        ids.next();
        String requestId = ids.requestId();
        InFlightCall call = new InFlightCall(due, replica, plan.streams().get(stream).tenant(), kind, requestId);
        Request request = new Request.Builder()
                .url(kind.urlByReplica[replica])
                .headers(kind.headersByStream[stream])
                .header("X-Request-Id", requestId)
                .header("traceparent", ids.traceparent())
                .header("User-Agent", "faultline-load")
                .method(kind.method, kind.body)
                .tag(InFlightCall.class, call)
                .build();
        inFlight.incrementAndGet();
        sent.incrementAndGet();
        call.sentNanos = clock.nanos();
        client.newCall(request).enqueue(call);
    }

    /** Requests handed to the HTTP client so far. */
    public long sent() {
        return sent.get();
    }

    /** Requests not finished yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Stops sending, gives requests in flight up to {@code grace} to finish, then cancels the rest
     * (recorded as {@link CallOutcome#CANCELLED}) and releases every thread and connection.
     *
     * @param grace how long to wait for requests in flight; zero cancels them at once (abort)
     */
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
        client.dispatcher().cancelAll();
        awaitInFlight(CANCEL_WAIT);
        release();
    }

    private void release() {
        executor.shutdownNow();
        client.connectionPool().evictAll();
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
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000L);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** Stops at once, cancelling whatever is in flight. */
    @Override
    public void close() {
        if (!executor.isShutdown()) {
            stop(Duration.ZERO);
        }
    }

    /** One request on its way: its schedule, and the callback that records how it ended. */
    private final class InFlightCall implements Callback {
        final long dueNanos;
        final int replica;
        final String tenant;
        final RequestMix.Kind kind;
        final String requestId;
        volatile long sentNanos;

        InFlightCall(long dueNanos, int replica, String tenant, RequestMix.Kind kind, String requestId) {
            this.dueNanos = dueNanos;
            this.replica = replica;
            this.tenant = tenant;
            this.kind = kind;
            this.requestId = requestId;
        }

        @Override
        public void onResponse(Call call, Response response) {
            int status = response.code();
            try (ResponseBody body = response.body()) {
                body.source().readAll(Okio.blackhole());
                finish(status, CallOutcome.RESPONSE, null, response);
            } catch (IOException e) {
                finish(status, CallFailures.classify(e, cancelling && call.isCanceled()), CallFailures.describe(e), response);
            }
        }

        @Override
        public void onFailure(Call call, IOException e) {
            finish(0, CallFailures.classify(e, cancelling && call.isCanceled()), CallFailures.describe(e), null);
        }

        // The rate-limit fields go into the journal so the target's own limiter can be judged (expect.fairness).
        private void finish(int status, CallOutcome outcome, String error, Response response) {
            try {
                journal.append(new LoadResult(dueNanos, sentNanos, clock.nanos(), replica, tenant, kind.method, kind.path,
                        requestId, status, outcome, error,
                        response == null ? null : response.header("Retry-After"),
                        response == null ? null : response.header("RateLimit"),
                        response == null ? null : response.header("RateLimit-Policy")));
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }
}
