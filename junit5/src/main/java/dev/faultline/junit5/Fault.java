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
    private final String method;
    private final String path;

    private Fault(FaultAction action, Delay delay, double probability, int first, String method, String path) {
        this.action = action;
        this.delay = delay;
        this.probability = probability;
        this.first = first;
        this.method = method;
        this.path = path;
    }

    private static Fault of(FaultAction action) {
        return new Fault(action, null, 1.0, 0, null, null);
    }

    /** Answer with this status instead of the route (add headers with {@link #header}, a body with {@link #body}). */
    public static Fault respond(int status) {
        return of(new FaultAction.RespondWith(Respond.status(status)));
    }

    /** Let the route answer, but only after this delay. */
    public static Fault delay(Duration delay) {
        return new Fault(null, new Delay.Fixed(delay), 1.0, 0, null, null);
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

    /**
     * Admit {@code limit} requests per {@code per} (all clients together, fixed window); answer the rest
     * with 429 and a Retry-After.
     */
    public static Fault rateLimit(int limit, Duration per) {
        return of(new FaultAction.RateLimit(limit, per, new RateLimitKey.Global(), RateLimitAlgorithm.FIXED_WINDOW,
                List.of(RateLimitHeaders.RETRY_AFTER)));
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
        requireTriggerable("a delay");
        return new Fault(action, new Delay.Fixed(delay), probability, first, method, path);
    }

    /** The same fault, firing on each matching request with this chance (0..1), from the run's seeded stream. */
    public Fault probability(double probability) {
        requireTriggerable("a probability");
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be 0..1 but was " + probability);
        }
        return new Fault(action, delay, probability, first, method, path);
    }

    /** The same fault, for the first {@code n} matching requests only (counted from when it was put in force). */
    public Fault first(int n) {
        requireTriggerable("first");
        if (n <= 0) {
            throw new IllegalArgumentException("first must be > 0 but was " + n);
        }
        return new Fault(action, delay, probability, n, method, path);
    }

    /** The same fault, for requests with this method and path pattern only (as in the scenario format, e.g. {@code /pay/*}). */
    public Fault on(String method, String path) {
        requireTriggerable("a match");
        return new Fault(action, delay, probability, first, method == null ? null : method.toUpperCase(java.util.Locale.ROOT), path);
    }

    /** The rule, named {@code id} in the journal. */
    FaultRule toRule(String id) {
        RequestMatch match = method == null && path == null ? RequestMatch.ANY
                : new RequestMatch(method, path == null ? null : PathPattern.of(path), Map.of(), Map.of());
        String seedKey = id + "|" + (action == null ? "delay" : action.effect()) + "|" + probability + "|" + first + "|"
                + method + "|" + path;
        return new FaultRule(id, seedKey, match, probability, first, false, delay, action);
    }

    private Respond respondOrThrow(String what) {
        if (action instanceof FaultAction.RespondWith respondWith) {
            return respondWith.respond();
        }
        throw new IllegalStateException("only Fault.respond(...) has a " + what + " (this fault is " + describe() + ")");
    }

    private void requireTriggerable(String what) {
        if (action instanceof FaultAction.Down) {
            throw new IllegalStateException("Fault.down() takes no " + what
                    + ": it is the whole upstream's state, not a request's fate");
        }
    }

    private Fault withAction(FaultAction newAction) {
        return new Fault(Objects.requireNonNull(newAction), delay, probability, first, method, path);
    }

    private String describe() {
        return action == null ? "a delay" : action.effect();
    }

    @Override
    public String toString() {
        return "Fault[" + describe() + (probability < 1 ? ", p=" + probability : "") + (first > 0 ? ", first " + first : "") + "]";
    }
}
