package dev.faultline.upstream.internal;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake upstream's Jetty handler: every request becomes an {@link Exchange}. It never blocks
 * (hence {@link Handler.Abstract.NonBlocking}, which lets Jetty call it on the selector thread).
 *
 * <p>It holds what all exchanges share: the routes, the current phase's rules behind one volatile
 * reference (swapped whole, so a request sees one phase's rules, never a mix), the counters, and the
 * exchanges that are waiting (so closing can journal them as open). Threadsafe.
 */
public final class UpstreamHandler extends Handler.Abstract.NonBlocking {
    private final String name;
    private final RunClock clock;
    private final Journal journal;
    private final UpstreamCounters counters;
    private final RequestRouter router;
    private final AtomicLong connectionIds = new AtomicLong();
    private final Set<Exchange> waiting = ConcurrentHashMap.newKeySet();
    private volatile RuleSet rules = RuleSet.NONE;
    private volatile ProxyForwarder forwarder;
    private volatile boolean closing;
    private volatile boolean cutting;
    private final int instance;

    public UpstreamHandler(String name, RunClock clock, Journal journal, UpstreamCounters counters, RequestRouter router) {
        this(name, clock, journal, counters, router, 0);
    }

    /** The handler of one instance of a pool ({@code instance} 0-based; 0 for a single upstream). */
    public UpstreamHandler(String name, RunClock clock, Journal journal, UpstreamCounters counters, RequestRouter router,
                           int instance) {
        this.instance = instance;
        this.name = name;
        this.clock = clock;
        this.journal = journal;
        this.counters = counters;
        this.router = router;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        new Exchange(this, request, response, callback).begin();
        return true;
    }

    /** Puts a phase's rules in force for every request that arrives from now on. */
    public void install(RuleSet ruleSet) {
        rules = ruleSet;
    }

    /**
     * Ends every waiting exchange as open (or client gone), before the server stops; exchanges
     * failed by the stop itself are journalled as open too.
     */
    public void closeWaitingExchanges() {
        closing = true;
        for (Exchange exchange : waiting) {
            exchange.endAtClose();
        }
    }

    /**
     * Ends every waiting exchange as faulted, because the upstream is about to cut their
     * connections (going down). Returns how many there were.
     */
    public int cutWaitingExchanges() {
        int cut = 0;
        for (Exchange exchange : waiting) {
            exchange.endAsCut();
            cut++;
        }
        return cut;
    }

    /** Forwards the requests no route matches to a real dependency (a proxy upstream), instead of answering 404. */
    public void forwardTo(ProxyForwarder proxy) {
        forwarder = proxy;
    }

    /** The proxy upstream's forwarder, or {@code null} when unrouted requests get 404. */
    ProxyForwarder forwarder() {
        return forwarder;
    }

    String name() {
        return name;
    }

    /** Which instance of its upstream's pool this handler serves. */
    int instance() {
        return instance;
    }

    RunClock clock() {
        return clock;
    }

    Journal journal() {
        return journal;
    }

    UpstreamCounters counters() {
        return counters;
    }

    RequestRouter router() {
        return router;
    }

    RuleSet rules() {
        return rules;
    }

    AtomicLong connectionIds() {
        return connectionIds;
    }

    boolean closing() {
        return closing;
    }

    /** True while the upstream is cutting its connections to go down. */
    boolean cutting() {
        return cutting;
    }

    void cutting(boolean on) {
        cutting = on;
    }

    void opened(Exchange exchange) {
        waiting.add(exchange);
    }

    void closed(Exchange exchange) {
        waiting.remove(exchange);
    }
}
