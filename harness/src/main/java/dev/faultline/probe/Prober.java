package dev.faultline.probe;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Journal;
import dev.faultline.journal.ProbeResult;
import dev.faultline.journal.RunClock;
import dev.faultline.load.CallFailures;
import dev.faultline.load.Settling;
import dev.faultline.load.TargetTls;
import dev.faultline.scenario.ProbesSpec;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Polls the target's health endpoints ({@code GET path}) on every replica, each probe at its own
 * {@code every} with its own {@code timeout}, and records every answer as a {@link ProbeResult}.
 *
 * <p>Like the kubelet: a probe passes on a 2xx or 3xx within its timeout; each probe opens a new
 * connection ({@code Connection: close}, no pooling), so a target that stops accepting connections
 * fails its probes; a probe still waiting for its answer is not sent again until it ends (a tick
 * that finds it in flight is skipped, so a hanging endpoint is probed at most once per timeout);
 * liveness and readiness wait until the startup probe (if declared) first passes, and the startup
 * probe stops then. Ticks are due at {@code origin + offset + k × every}, so polling does not drift;
 * the offset, drawn within the period from the run's seed, keeps ticks off the phase switches.
 */
public final class Prober implements AutoCloseable {
    private static final int BODY_LIMIT = 64 * 1024;
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(2);

    private final RunClock clock;
    private final Journal journal;
    private volatile long originNanos;
    private final ScheduledThreadPoolExecutor ticker;
    private final ThreadPoolExecutor executor;
    private final OkHttpClient base;
    private final AtomicIntegerArray started;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Loop> loops = new ArrayList<>();
    private final Duration longestTimeout;
    private volatile boolean stopped;
    private volatile boolean cancelling;

    private Prober(ProbesSpec spec, List<String> targets, RunClock clock, Journal journal, long seed, TargetTls tls) {
        this.clock = clock;
        this.journal = journal;
        this.ticker = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "faultline-probe-ticker"));
        this.ticker.setRemoveOnCancelPolicy(true);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "faultline-probe-" + threads.incrementAndGet()));
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(1024);
        // HTTP/1.1 even over TLS: each probe is one request on a connection of its own, closed after it.
        this.base = tls.apply(new OkHttpClient.Builder())
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .protocols(List.of(Protocol.HTTP_1_1))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.started = new AtomicIntegerArray(targets.size());
        boolean gated = spec.startup().isPresent();
        SplittableRandom offsets = new SplittableRandom(seed ^ 0x70726F6265734F66L);
        Duration longest = Duration.ZERO;
        for (int replica = 0; replica < targets.size(); replica++) {
            if (!gated) {
                started.set(replica, 1);
            }
            for (Kind kind : Kind.values()) {
                Optional<ProbesSpec.Probe> probe = kind.of(spec);
                if (probe.isPresent()) {
                    long offset = (long) (offsets.nextDouble() * probe.get().every().toNanos());
                    loops.add(new Loop(kind, probe.get(), replica, url(targets.get(replica), probe.get().path()), offset));
                    longest = probe.get().timeout().compareTo(longest) > 0 ? probe.get().timeout() : longest;
                }
            }
        }
        this.longestTimeout = longest;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static HttpUrl url(String base, String path) {
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        HttpUrl url = HttpUrl.parse(joined);
        if (url == null) {
            throw new IllegalArgumentException("probes: " + joined + " is not an http(s) url (check target.url)");
        }
        return url;
    }

    /**
     * Builds the prober and warms its HTTP client up (against a local server of its own, not the
     * target). Polls nothing yet.
     *
     * @param targets base url of each replica
     * @param seed    each probe's ticks are offset within its period by a draw from this seed, so they
     *                do not line up with the phase switches (which would make every detection look instant)
     */
    public static Prober prepare(ProbesSpec spec, List<String> targets, RunClock clock, Journal journal, long seed) {
        return prepare(spec, targets, clock, journal, seed, TargetTls.DEFAULT);
    }

    /** Like {@link #prepare(ProbesSpec, List, RunClock, Journal, long)}, checking an https target's certificate as {@code tls} says. */
    public static Prober prepare(ProbesSpec spec, List<String> targets, RunClock clock, Journal journal, long seed,
                                 TargetTls tls) {
        Prober prober = new Prober(spec, targets, clock, journal, seed, tls);
        OkHttpClient warming = prober.base.newBuilder().callTimeout(Duration.ofSeconds(2)).build();
        dev.faultline.load.ClientWarmUp.warm(warming);
        if (targets.stream().anyMatch(url -> url.startsWith("https://"))) {
            dev.faultline.load.ClientWarmUp.warmTls(warming);
        }
        return prober;
    }

    /**
     * Starts polling: each probe's first tick is due at {@code originNanos} (or now, if that has
     * passed) plus its offset within its period.
     */
    public void start(long originNanos) {
        this.originNanos = Math.max(originNanos, clock.nanos());
        for (Loop loop : loops) {
            long delay = Math.max(0, this.originNanos + loop.offsetNanos - clock.nanos());
            ticker.scheduleAtFixedRate(loop::tick, delay, loop.everyNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Stops polling; probes in flight get up to {@code grace} (at most their timeout) to answer, the rest
     * are cancelled and recorded as {@link CallOutcome#CANCELLED}.
     */
    public void stop(Duration grace) {
        stopped = true;
        ticker.shutdownNow();
        Duration wait = grace.compareTo(longestTimeout) < 0 ? grace : longestTimeout;
        awaitInFlight(wait);
        cancelling = true;
        base.dispatcher().cancelAll();
        awaitInFlight(CANCEL_WAIT);
        executor.shutdownNow();
        base.connectionPool().evictAll();
    }

    private void awaitInFlight(Duration limit) {
        Settling.await(() -> inFlight.get() == 0, limit);
    }

    @Override
    public void close() {
        if (!executor.isShutdown()) {
            stop(Duration.ZERO);
        }
    }

    /** The three probes a scenario may declare. */
    private enum Kind {
        LIVENESS("liveness"), READINESS("readiness"), STARTUP("startup");

        final String name;

        Kind(String name) {
            this.name = name;
        }

        Optional<ProbesSpec.Probe> of(ProbesSpec spec) {
            return switch (this) {
                case LIVENESS -> spec.liveness();
                case READINESS -> spec.readiness();
                case STARTUP -> spec.startup();
            };
        }
    }

    /** One probe on one replica: its ticks and its one request in flight at most. */
    private final class Loop {
        final Kind kind;
        final ProbesSpec.Probe probe;
        final int replica;
        final HttpUrl url;
        final long everyNanos;
        final long offsetNanos;
        final OkHttpClient client;
        final AtomicBoolean busy = new AtomicBoolean();
        long ticks;

        Loop(Kind kind, ProbesSpec.Probe probe, int replica, HttpUrl url, long offsetNanos) {
            this.kind = kind;
            this.offsetNanos = offsetNanos;
            this.probe = probe;
            this.replica = replica;
            this.url = url;
            this.everyNanos = probe.every().toNanos();
            this.client = base.newBuilder().callTimeout(probe.timeout()).connectTimeout(probe.timeout())
                    .readTimeout(probe.timeout()).writeTimeout(probe.timeout()).build();
        }

        // Runs on the ticker thread only.
        void tick() {
            long due = originNanos + offsetNanos + ticks++ * everyNanos;
            if (stopped) {
                return;
            }
            boolean isStartup = kind == Kind.STARTUP;
            if (isStartup == (started.get(replica) == 1)) {
                return; // liveness and readiness wait for startup; startup stops once it has passed
            }
            if (clock.nanos() - due > everyNanos) {
                return; // a tick missed during a stall is skipped, not sent late in a burst
            }
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            inFlight.incrementAndGet();
            long sentNanos = clock.nanos();
            Request request = new Request.Builder().url(url).header("Connection", "close")
                    .header("User-Agent", "faultline-probe").get().build();
            client.newCall(request).enqueue(new Callback() {
                @Override
                public void onResponse(Call call, Response response) {
                    int status = response.code();
                    String contentType = response.header("Content-Type");
                    try (ResponseBody body = response.body()) {
                        BufferedSource source = body.source();
                        source.request(BODY_LIMIT);
                        long size = Math.min(BODY_LIMIT, source.getBuffer().size());
                        String text = source.getBuffer().readString(size, StandardCharsets.UTF_8);
                        String health = HealthBody.status(contentType, text).orElse(null);
                        finish(due, sentNanos, status, CallOutcome.RESPONSE, health, null);
                    } catch (IOException e) {
                        finish(due, sentNanos, status, CallFailures.classify(e, cancelling && call.isCanceled()), null,
                                CallFailures.describe(e));
                    }
                }

                @Override
                public void onFailure(Call call, IOException e) {
                    finish(due, sentNanos, 0, CallFailures.classify(e, cancelling && call.isCanceled()), null,
                            CallFailures.describe(e));
                }
            });
        }

        private void finish(long due, long sentNanos, int status, CallOutcome outcome, String health, String error) {
            try {
                ProbeResult result = new ProbeResult(due, sentNanos, clock.nanos(), replica, kind.name, probe.path(), status,
                        outcome, health, error);
                journal.append(result);
                if (kind == Kind.STARTUP && result.ok()) {
                    started.set(replica, 1);
                }
            } finally {
                busy.set(false);
                inFlight.decrementAndGet();
            }
        }
    }
}
