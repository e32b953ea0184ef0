package dev.faultline.upstream;

import dev.faultline.upstream.internal.ClientPortConnector;
import dev.faultline.upstream.internal.ListeningSwitch;
import dev.faultline.upstream.internal.ProxyForwarder;
import dev.faultline.upstream.internal.RequestRouter;
import dev.faultline.upstream.internal.RuleSet;
import dev.faultline.upstream.internal.ProtocolStack;
import dev.faultline.upstream.internal.UpstreamCounters;
import dev.faultline.upstream.internal.UpstreamHandler;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.tls.RunTls;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One fake upstream: a Jetty 12 server answering from its routes, with the current phase's fault
 * rules applied first, recording every request in the journal. One listening port per client so the
 * journal knows which target replica sent each request. Threadsafe.
 *
 * <p>Requests never hold a thread: delays are tasks on the server's scheduler, so thousands of
 * delayed requests cost a constant number of threads. The delay path is warmed up as the upstream
 * starts ({@link DelayWarmUp}), so a run's first delay is not a cold one.
 */
public final class FakeUpstream implements AutoCloseable {
    /** Threads besides one selector per client: enough for bursts of non-blocking work, no more. */
    private static final int SPARE_THREADS = 6;

    private final String name;
    private final Server server;
    private final UpstreamHandler handler;
    private final List<ClientPortConnector> connectors;
    private final ListeningSwitch listening;
    private final UpstreamCounters counters;
    private final UpstreamOptions options;
    private final List<Integer> ports;
    private final boolean tls;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int instance;
    private ProxyForwarder forwarder;

    private FakeUpstream(String name, Server server, UpstreamHandler handler, List<ClientPortConnector> connectors,
                         ListeningSwitch listening, UpstreamCounters counters, UpstreamOptions options,
                         List<Integer> ports, boolean tls, int instance) {
        this.instance = instance;
        this.name = name;
        this.server = server;
        this.handler = handler;
        this.connectors = List.copyOf(connectors);
        this.listening = listening;
        this.counters = counters;
        this.options = options;
        this.ports = ports;
        this.tls = tls;
    }

    /**
     * Starts the upstream with no fault rules in force.
     *
     * <p>With one client the spec's port is used (0: a free one); with several clients every client
     * gets a free port, since one fixed port cannot tell clients apart.
     *
     * @throws IOException if a port cannot be bound (a fixed port already taken)
     */
    public static FakeUpstream start(UpstreamSpec spec, UpstreamOptions options) throws IOException {
        if (spec.tls().isPresent()) {
            throw new IllegalArgumentException("upstream " + spec.name() + " speaks TLS: start it with the run's TLS material");
        }
        return start(spec, 0, options, null);
    }

    /**
     * Like {@link #start(UpstreamSpec, UpstreamOptions)}, serving HTTPS with {@code tls}'s server
     * certificate when the spec asks for TLS.
     *
     * @param tls the run's TLS material; may be null only when the spec asks for no TLS
     */
    public static FakeUpstream start(UpstreamSpec spec, UpstreamOptions options, RunTls tls) throws IOException {
        return start(spec, 0, options, tls);
    }

    /** Starts one instance of a cleartext upstream's pool; see {@link #start(UpstreamSpec, int, UpstreamOptions, RunTls)}. */
    public static FakeUpstream start(UpstreamSpec spec, int instance, UpstreamOptions options) throws IOException {
        if (spec.tls().isPresent()) {
            throw new IllegalArgumentException("upstream " + spec.name() + " speaks TLS: start it with the run's TLS material");
        }
        return start(spec, instance, options, null);
    }

    /**
     * Starts one instance of an upstream's pool (0-based), on the spec's port plus the instance when
     * the port is fixed; its requests are journalled with the instance.
     *
     * @param tls the run's TLS material; may be null only when the spec asks for no TLS
     * @throws IOException if a port cannot be bound (a fixed port already taken)
     */
    public static FakeUpstream start(UpstreamSpec spec, int instance, UpstreamOptions options, RunTls tls)
            throws IOException {
        Objects.requireNonNull(spec, "spec");
        if (spec.tls().isPresent() && tls == null) {
            throw new IllegalArgumentException("upstream " + spec.name() + " speaks TLS but no TLS material was given");
        }
        Objects.requireNonNull(options, "options");
        if (instance < 0 || instance >= spec.instances()) {
            throw new IndexOutOfBoundsException("upstream " + spec.name() + " has instances 0.." + (spec.instances() - 1)
                    + " but instance " + instance + " was asked for");
        }
        String name = spec.name();
        int clients = options.clients();
        int fixedPort = spec.port(instance);
        String threadName = spec.instances() == 1 ? name : name + "-" + instance;

        QueuedThreadPool threads = new QueuedThreadPool(clients + SPARE_THREADS, 2);
        threads.setName("faultline-upstream-" + threadName);
        threads.setDaemon(true);
        ScheduledExecutorScheduler scheduler =
                new ScheduledExecutorScheduler("faultline-upstream-" + threadName + "-scheduler", true);
        Server server = new Server(threads, scheduler, null);

        HttpConfiguration http = new HttpConfiguration();
        // No per-connection header field cache: Jetty builds a trie of about 100 KB for each connection
        // (1,024 rows), which for 1,000 connections kept 99 MB alive that every young GC copied (a
        // 360 ms first pause under the 100 ms delay benchmark). The fake upstream reads a few headers,
        // not the same ones over and over, so the cache saves it nothing worth that.
        http.setHeaderCacheSize(0);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        UpstreamCounters counters = new UpstreamCounters();
        UpstreamHandler handler = new UpstreamHandler(name, options.clock(), options.journal(), counters,
                RequestRouter.of(name, spec.routes()), instance);
        List<ClientPortConnector> connectors = new ArrayList<>(clients);
        for (int client = 0; client < clients; client++) {
            int port = clients == 1 ? fixedPort : 0;
            ClientPortConnector connector = new ClientPortConnector(server, client, options.host(), port,
                    ProtocolStack.factories(spec, tls, http, handler, options.journal(), options.clock()));
            connectors.add(connector);
            server.addConnector(connector);
        }

        server.setHandler(handler);
        ProxyForwarder forwarder = null;
        if (spec.proxy().isPresent()) {
            if (!spec.proxy().get().resolved()) {
                throw new IllegalArgumentException("upstream " + name + ": proxy " + spec.proxy().get().url()
                        + " still holds a ${...} reference; resolve it before starting the upstream");
            }
            forwarder = ProxyForwarder.start(name, spec.proxy().get(), spec.tls().isPresent());
            handler.forwardTo(forwarder);
        }
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server, e);
            if (forwarder != null) {
                forwarder.close();
            }
            if (e instanceof IOException io) {
                throw new IOException("fake upstream " + name + " could not listen on " + options.host()
                        + (clients == 1 && fixedPort != 0 ? ":" + fixedPort : "") + ": " + io.getMessage(), io);
            }
            throw new IllegalStateException("fake upstream " + name + " failed to start: " + e.getMessage(), e);
        }
        List<Integer> ports = new ArrayList<>(clients);
        for (ClientPortConnector connector : connectors) {
            ports.add(connector.getLocalPort());
        }
        ListeningSwitch listening = new ListeningSwitch(name, connectors, handler, options.journal(), options.clock());
        DelayWarmUp.warmScheduler(scheduler);
        DelayWarmUp.warmDelayPath();
        FakeUpstream started = new FakeUpstream(name, server, handler, connectors, listening, counters, options,
                List.copyOf(ports), spec.tls().isPresent(), instance);
        started.forwarder = forwarder;
        return started;
    }

    private static void stopQuietly(Server server, Exception cause) {
        try {
            server.stop();
        } catch (Exception stop) {
            cause.addSuppressed(stop);
        }
    }

    /** Its name in the scenario. */
    public String name() {
        return name;
    }

    /** Which instance of its upstream's pool this is (0-based; 0 for a single upstream). */
    public int instance() {
        return instance;
    }

    /** The port for each client, in client order. */
    public List<Integer> ports() {
        return ports;
    }

    /** The real dependency unrouted requests are forwarded to, if this is a proxy upstream. */
    public java.util.Optional<java.net.URI> proxiesTo() {
        return forwarder == null ? java.util.Optional.empty() : java.util.Optional.of(forwarder.base());
    }

    /** True when it serves HTTPS. */
    public boolean tls() {
        return tls;
    }

    /**
     * {@code http://HOST:PORT} for a client ({@code https://} when it speaks TLS). A wildcard bind address is given as loopback, since
     * that is where a local client can reach it.
     *
     * @throws IndexOutOfBoundsException if there is no such client
     */
    public String url(int client) {
        if (client < 0 || client >= ports.size()) {
            throw new IndexOutOfBoundsException("upstream " + name + " has clients 0.." + (ports.size() - 1)
                    + " but client " + client + " was asked for");
        }
        return (tls ? "https://" : "http://") + urlHost(options.host()) + ":" + ports.get(client);
    }

    private static String urlHost(String host) {
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("[::]")) {
            return "[::1]";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Puts a phase's fault rules in force, replacing the previous phase's at once (one atomic swap;
     * {@code first} counters, random draws and rate limits start afresh). A phase with a
     * {@code down: true} rule stops the upstream listening (and closes its connections) until a
     * phase without one is entered, which listens again on the same ports.
     *
     * @throws IllegalArgumentException if two rules share an id, or a {@code down} rule has a
     *                                  trigger; the previous phase's rules then stay in force
     * @throws IllegalStateException    if the upstream cannot listen again on its ports after being down
     */
    public void enterPhase(String phaseName, List<FaultRule> rules) {
        install(compilePhase(phaseName, rules));
    }

    /** Compiles a phase's rules without installing them (so a group can check all before switching). */
    RuleSet compilePhase(String phaseName, List<FaultRule> rules) {
        Objects.requireNonNull(phaseName, "phaseName");
        Objects.requireNonNull(rules, "rules");
        return RuleSet.compile(name, phaseName, rules, options.clients(), options.seed(), options.clock(),
                counters::ruleFires);
    }

    // Serialized, so that the rules in force and whether the upstream listens always agree.
    synchronized void install(RuleSet rules) {
        // Rules first: a request that slips in while the listener stops already meets the down rule.
        handler.install(rules);
        listening.follow(rules);
    }

    /**
     * Sets how long an idle connection stays open (Jetty's default: 30 s). Package-private: tests
     * use a short one to show that delays, dribbles and hangs outlast it.
     */
    void idleTimeout(Duration timeout) {
        for (ClientPortConnector connector : connectors) {
            connector.setIdleTimeout(timeout.toMillis());
        }
    }

    /** True while a {@code down: true} phase has the upstream not listening. */
    public boolean isDown() {
        return listening.isDown();
    }

    /** The counters so far. */
    public UpstreamStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops listening; exchanges still open (delays, hangs, dribbles) are recorded with outcome OPEN,
     * or CLIENT_GONE when their client had already left, and a down stretch still going is recorded.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        handler.closeWaitingExchanges();
        listening.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream " + name + " did not stop cleanly: " + e.getMessage(), e);
        } finally {
            // A dribble that had just armed its next timer as the first sweep passed would otherwise wait forever.
            handler.closeWaitingExchanges();
            if (forwarder != null) {
                forwarder.close();
            }
        }
    }

    @Override
    public String toString() {
        return "FakeUpstream[" + name + (instance == 0 ? "" : "#" + instance) + " on " + ports + "]";
    }
}
