package dev.faultline.junit5;

import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitHeaders;
import dev.faultline.upstream.spec.RateLimitKey;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fault rule, as a test writes it: {@code Fault.respond(503).header("Retry-After", "1").probability(0.5)}.
 * The same rules a scenario file's {@code faults} section declares (trigger: match, probability, first;
 * effect: delay and/or one action), built into the file format's own records. Immutable: each method
 * returns a new fault.
 */
public final class Fault {
    private final FaultAction action;
    private final Delay delay;
    private final double probability;
    private final int first;
    private final boolean firstPerClient;
    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final Map<String, String> query;

    private Fault(FaultAction action, Delay delay, double probability, int first, boolean firstPerClient, String method,
                  String path, Map<String, String> headers, Map<String, String> query) {
        this.action = action;
        this.delay = delay;
        this.probability = probability;
        this.first = first;
        this.firstPerClient = firstPerClient;
        this.method = method;
        this.path = path;
        this.headers = Map.copyOf(headers);
        this.query = Map.copyOf(query);
    }

    private static Fault of(FaultAction action) {
        return new Fault(action, null, 1.0, 0, false, null, null, Map.of(), Map.of());
    }

    private static Fault delayed(Delay delay) {
        return new Fault(null, delay, 1.0, 0, false, null, null, Map.of(), Map.of());
    }

    /** Answer with this status instead of the route (add headers with {@link #header}, a body with {@link #body}). */
    public static Fault respond(int status) {
        return of(new FaultAction.RespondWith(Respond.status(status)));
    }

    /** Let the route answer, but only after this delay. */
    public static Fault delay(Duration delay) {
        return delayed(new Delay.Fixed(delay));
    }

    /** Let the route answer after a delay drawn uniformly from {@code min..max} ({@code delay: {uniform: [min, max]}}). */
    public static Fault delayUniform(Duration min, Duration max) {
        return delayed(new Delay.Uniform(min, max));
    }

    /** Let the route answer after a normally distributed delay, cut at zero ({@code delay: {normal: {mean, stddev}}}). */
    public static Fault delayNormal(Duration mean, Duration stddev) {
        return delayed(new Delay.Normal(mean, stddev));
    }

    /** Let the route answer after a log-normal delay with this median and shape ({@code delay: {lognormal: {median, sigma}}}). */
    public static Fault delayLogNormal(Duration median, double sigma) {
        return delayed(new Delay.LogNormal(median, sigma));
    }

    /** Let the route answer after a Pareto delay, heavy-tailed, at least {@code scale} ({@code delay: {pareto: {scale, shape}}}). */
    public static Fault delayPareto(Duration scale, double shape) {
        return delayed(new Delay.Pareto(scale, shape));
    }

    /** Close the connection (FIN) without a response, once the request was read. */
    public static Fault drop() {
        return of(new FaultAction.Drop());
    }

    /** Abort the connection with a TCP RST, without a response. */
    public static Fault reset() {
        return of(new FaultAction.Reset());
    }

    /** Never answer: the connection stays open until the client gives up. */
    public static Fault hang() {
        return of(new FaultAction.Hang());
    }

    /** Stop listening: new connections are refused until the fault is lifted. Takes no trigger and no delay. */
    public static Fault down() {
        return of(new FaultAction.Down());
    }

    /** Declare the whole body, send only its first {@code afterBytes} bytes, then close. */
    public static Fault truncateAfter(long afterBytes) {
        return of(new FaultAction.TruncateBody(afterBytes));
    }

    /** Send the body {@code bytes} at a time, one chunk after each {@code every}. */
    public static Fault dribble(int bytes, Duration every) {
        return of(new FaultAction.DribbleBody(bytes, every));
    }

    /** Send a chunked head, then random bytes where the chunk framing should be. */
    public static Fault garbage() {
        return of(new FaultAction.GarbageBody());
    }

    /** Send the body at no more than {@code bytesPerSecond} ({@code body: {bandwidth}}). */
    public static Fault bandwidth(long bytesPerSecond) {
        return of(new FaultAction.BandwidthBody(bytesPerSecond));
    }

    /**
     * Change the route's JSON body by each mutation in turn ({@code drift}), such as
     * {@code Fault.drift(new DriftMutation.AddField(JsonPath.parse("$"), null, null))}; see docs/drift.md.
     */
    public static Fault drift(dev.faultline.upstream.spec.DriftMutation... mutations) {
        return of(new FaultAction.Drift(List.of(mutations)));
    }

    /**
     * Answer the route with {@code Deprecation} (the phase start), {@code Sunset} and a {@code Link} to the
     * successor ({@code deprecate}); either may be {@code null} to leave its field out.
     */
    public static Fault deprecate(java.time.Instant sunset, String successor) {
        return of(new FaultAction.Deprecate(sunset, successor, null, false));
    }

    /** Like {@link #deprecate}, but answer 410 Gone with the same fields ({@code deprecate: {gone: true}}). */
    public static Fault gone(java.time.Instant sunset, String successor) {
        return of(new FaultAction.Deprecate(sunset, successor, null, true));
    }

    /**
     * Admit {@code limit} requests per {@code per} (all clients together, fixed window); answer the rest
     * with 429 and a Retry-After.
     */
    public static Fault rateLimit(int limit, Duration per) {
        return of(new FaultAction.RateLimit(limit, per, new RateLimitKey.Global(), RateLimitAlgorithm.FIXED_WINDOW,
                List.of(RateLimitHeaders.RETRY_AFTER)));
    }

    /**
     * Reset the request's stream with RST_STREAM and this RFC 9113 error code ({@code http2: {rst-stream: CODE}});
     * the connection's other streams go on. Fires only on requests that came over HTTP/2 (the upstream needs
     * {@link Upstream#http2()}).
     */
    public static Fault rstStream(dev.faultline.upstream.spec.Http2ErrorCode error) {
        return of(FaultAction.Http2Fault.rstStream(Objects.requireNonNull(error, "error")));
    }

    /**
     * Send GOAWAY with this error code and the id of the request's own stream as the last stream id, then close
     * the connection; with {@code NO_ERROR} the route still answers this stream ({@code http2: {goaway: {error}}}).
     */
    public static Fault goAway(dev.faultline.upstream.spec.Http2ErrorCode error) {
        return of(FaultAction.Http2Fault.goAway(Objects.requireNonNull(error, "error"), -1));
    }

    /** GOAWAY with this error code and last stream id ({@code http2: {goaway: {error, last-stream-id}}}). */
    public static Fault goAway(dev.faultline.upstream.spec.Http2ErrorCode error, int lastStreamId) {
        if (lastStreamId < 0) {
            throw new IllegalArgumentException("lastStreamId must be >= 0 but was " + lastStreamId
                    + " (Fault.goAway(error) uses the request's own stream id)");
        }
        return of(FaultAction.Http2Fault.goAway(Objects.requireNonNull(error, "error"), lastStreamId));
    }

    /** Never read the request's body, so its stream's flow-control window never reopens ({@code http2: stall-window}). */
    public static Fault stallWindow() {
        return of(FaultAction.Http2Fault.stallWindow());
    }

    /**
     * Every HTTP/2 connection made while it is in force advertises SETTINGS_MAX_CONCURRENT_STREAMS {@code limit}
     * and refuses a stream over it ({@code http2: {max-concurrent-streams: N}}). Read as each connection is made,
     * so it takes no trigger and no delay.
     */
    public static Fault maxConcurrentStreams(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be >= 1 but was " + limit);
        }
        return of(FaultAction.Http2Fault.maxConcurrentStreams(limit));
    }

    /**
     * Spoil every new connection's TLS handshake ({@code tls: hang | reset | expired-certificate | wrong-host |
     * unknown-ca}); the upstream needs {@link Upstream#tls()}. Read as each connection is accepted, before any
     * request exists, so it takes no trigger, match or delay; connections already open keep being served.
     */
    public static Fault tls(dev.faultline.upstream.spec.TlsFaultKind kind) {
        if (kind == dev.faultline.upstream.spec.TlsFaultKind.VERSION) {
            throw new IllegalArgumentException("a version fault names its version: use Fault.tlsVersion(\"TLSv1.1\")");
        }
        return of(FaultAction.TlsFault.of(kind));
    }

    /** Speak only this old protocol version, {@code TLSv1} or {@code TLSv1.1} ({@code tls: {version: V}}). */
    public static Fault tlsVersion(String version) {
        if (!"TLSv1".equals(version) && !"TLSv1.1".equals(version)) {
            throw new IllegalArgumentException("tlsVersion takes TLSv1 or TLSv1.1 but was " + version);
        }
        return of(new FaultAction.TlsFault(dev.faultline.upstream.spec.TlsFaultKind.VERSION, version));
    }

    /** The same rate limit, counted per client (per connection's source port) instead of for all together ({@code by: client}). */
    public Fault perClient() {
        limitOrThrow("perClient");
        return withLimit(new RateLimitKey.Client(), null, null);
    }

    /** The same rate limit, counted per value of this request header, e.g. a tenant or API key ({@code by: header:NAME}). */
    public Fault perHeader(String name) {
        limitOrThrow("perHeader");
        return withLimit(new RateLimitKey.Header(name), null, null);
    }

    /** The same rate limit with this algorithm (default fixed window). */
    public Fault algorithm(RateLimitAlgorithm algorithm) {
        limitOrThrow("algorithm");
        return withLimit(null, Objects.requireNonNull(algorithm, "algorithm"), null);
    }

    /** The same rate limit, announcing itself on refusals with these header families (default Retry-After only). */
    public Fault limitHeaders(RateLimitHeaders... families) {
        limitOrThrow("limitHeaders");
        if (families.length == 0) {
            throw new IllegalArgumentException("limitHeaders needs at least one family, e.g. RateLimitHeaders.RETRY_AFTER");
        }
        return withLimit(null, null, List.of(families));
    }

    /** The same fault with a header added to its response ({@link #respond} only). */
    public Fault header(String name, String value) {
        Respond r = respondOrThrow("header");
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put(name, value);
        return withAction(new FaultAction.RespondWith(new Respond(r.status(), headers, r.body())));
    }

    /** The same fault with a UTF-8 body in its response ({@link #respond} only). */
    public Fault body(String body) {
        Respond r = respondOrThrow("body");
        return withAction(new FaultAction.RespondWith(new Respond(r.status(), r.headers(), body.getBytes(StandardCharsets.UTF_8))));
    }

    /** The same fault, delayed by {@code delay} before its effect. */
    public Fault after(Duration delay) {
        return after(new Delay.Fixed(delay));
    }

    /** The same fault, delayed by a random wait drawn uniformly from {@code min..max} before its effect. */
    public Fault afterBetween(Duration min, Duration max) {
        return after(new Delay.Uniform(min, max));
    }

    private Fault after(Delay newDelay) {
        requireTriggerable("a delay");
        if (action instanceof FaultAction.Http2Fault h2 && h2.kind() == dev.faultline.upstream.spec.Http2FaultKind.STALL_WINDOW) {
            throw new IllegalStateException("Fault.stallWindow() takes no delay: it never reads the body, so nothing would follow the delay");
        }
        return new Fault(action, newDelay, probability, first, firstPerClient, method, path, headers, query);
    }

    /** The same fault, firing on each matching request with this chance (0..1), from the run's seeded stream. */
    public Fault probability(double probability) {
        requireTriggerable("a probability");
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be 0..1 but was " + probability);
        }
        return new Fault(action, delay, probability, first, firstPerClient, method, path, headers, query);
    }

    /** The same fault, for the first {@code n} matching requests only (counted from when it was put in force). */
    public Fault first(int n) {
        requireTriggerable("first");
        if (n <= 0) {
            throw new IllegalArgumentException("first must be > 0 but was " + n);
        }
        return new Fault(action, delay, probability, n, false, method, path, headers, query);
    }

    /** The same fault, for the first {@code n} matching requests of each client ({@code first-per-client}). */
    public Fault firstPerClient(int n) {
        Fault f = first(n);
        return new Fault(f.action, f.delay, f.probability, n, true, f.method, f.path, f.headers, f.query);
    }

    /** The same fault, for requests with this method and path pattern only (as in the scenario format, e.g. {@code /pay/*}). */
    public Fault on(String method, String path) {
        requireTriggerable("a match");
        return new Fault(action, delay, probability, first, firstPerClient,
                method == null ? null : method.toUpperCase(java.util.Locale.ROOT), path, headers, query);
    }

    /** The same fault, for requests carrying this header with this value only (name case-insensitive; {@code match.headers}). */
    public Fault onHeader(String name, String value) {
        requireTriggerable("a match");
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Fault(action, delay, probability, first, firstPerClient, method, path, more, query);
    }

    /** The same fault, for requests whose query has this parameter with this value only ({@code match.query}). */
    public Fault onQuery(String name, String value) {
        requireTriggerable("a match");
        Map<String, String> more = new LinkedHashMap<>(query);
        more.put(name, value);
        return new Fault(action, delay, probability, first, firstPerClient, method, path, headers, more);
    }

    /** The rule, named {@code id} in the journal. */
    FaultRule toRule(String id) {
        RequestMatch match = new RequestMatch(method, path == null ? null : PathPattern.of(path), headers, query);
        String seedKey = id + "|" + (action == null ? "delay" : action.effect()) + "|" + probability + "|" + first + "|"
                + method + "|" + path;
        return new FaultRule(id, seedKey, match.matchesEverything() ? RequestMatch.ANY : match, probability, first, firstPerClient,
                delay, action);
    }

    private Respond respondOrThrow(String what) {
        if (action instanceof FaultAction.RespondWith respondWith) {
            return respondWith.respond();
        }
        throw new IllegalStateException("only Fault.respond(...) has a " + what + " (this fault is " + describe() + ")");
    }

    private FaultAction.RateLimit limitOrThrow(String what) {
        if (action instanceof FaultAction.RateLimit limit) {
            return limit;
        }
        throw new IllegalStateException("only Fault.rateLimit(...) has " + what + " (this fault is " + describe() + ")");
    }

    /** The rate limit with whichever of key, algorithm and header families is given (null keeps the current one). */
    private Fault withLimit(RateLimitKey by, RateLimitAlgorithm algorithm, List<RateLimitHeaders> families) {
        FaultAction.RateLimit r = limitOrThrow("a rate-limit setting");
        return withAction(new FaultAction.RateLimit(r.limit(), r.per(), by == null ? r.by() : by,
                algorithm == null ? r.algorithm() : algorithm, families == null ? r.headers() : families));
    }

    private void requireTriggerable(String what) {
        if (action instanceof FaultAction.Down) {
            throw new IllegalStateException("Fault.down() takes no " + what
                    + ": it is the whole upstream's state, not a request's fate");
        }
        if (action instanceof FaultAction.TlsFault) {
            throw new IllegalStateException("Fault.tls(...) takes no " + what
                    + ": it acts on the handshake, before any request exists");
        }
        if (action instanceof FaultAction.Http2Fault h2 && h2.kind() == dev.faultline.upstream.spec.Http2FaultKind.MAX_CONCURRENT_STREAMS) {
            throw new IllegalStateException("Fault.maxConcurrentStreams(...) takes no " + what
                    + ": it is read once as each connection is made, before any request");
        }
    }

    private Fault withAction(FaultAction newAction) {
        return new Fault(Objects.requireNonNull(newAction), delay, probability, first, firstPerClient, method, path, headers, query);
    }

    private String describe() {
        return action == null ? "a delay" : action.effect();
    }

    @Override
    public String toString() {
        return "Fault[" + describe() + (probability < 1 ? ", p=" + probability : "") + (first > 0 ? ", first " + first : "") + "]";
    }
}
