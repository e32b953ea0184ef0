package dev.faultline.upstream.internal.ratelimit;

import dev.faultline.upstream.internal.RequestView;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.RateLimitHeaders;
import dev.faultline.upstream.spec.RateLimitKey;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The rate limit of one rule in one phase: one {@link QuotaState} per key (everything, each client,
 * or each value of a header), all starting full when the phase starts. Threadsafe.
 *
 * <p>Header keys are bounded: past {@link #MAX_HEADER_KEYS} distinct values, new values share one
 * overflow quota, so a header that differs on every request (a request id) cannot grow the state
 * without limit.
 */
public final class RateLimiter {
    /** Distinct header values tracked one by one. */
    static final int MAX_HEADER_KEYS = 10_000;

    private final FaultAction.RateLimit spec;
    private final long windowNanos;
    private final Set<RateLimitHeaders> headers;
    private final Supplier<QuotaState> newState;
    private final QuotaState global;
    private final QuotaState[] perClient;
    private final String headerName;
    private final ConcurrentHashMap<String, QuotaState> perHeaderValue;
    private final QuotaState absentOrOverflow;

    private RateLimiter(FaultAction.RateLimit spec, int clients, long originNanos) {
        this.spec = spec;
        this.windowNanos = spec.per().toNanos();
        this.headers = spec.headers().isEmpty() ? EnumSet.noneOf(RateLimitHeaders.class) : EnumSet.copyOf(spec.headers());
        this.newState = () -> newState(spec, windowNanos, originNanos);
        RateLimitKey by = spec.by();
        this.global = by instanceof RateLimitKey.Global ? newState.get() : null;
        this.perClient = by instanceof RateLimitKey.Client ? new QuotaState[clients] : null;
        if (perClient != null) {
            for (int i = 0; i < clients; i++) {
                perClient[i] = newState.get();
            }
        }
        this.headerName = by instanceof RateLimitKey.Header header ? header.name() : null;
        this.perHeaderValue = headerName != null ? new ConcurrentHashMap<>() : null;
        this.absentOrOverflow = headerName != null ? newState.get() : null;
    }

    /**
     * @param spec        the rule's rate limit
     * @param clients     how many clients the upstream tells apart
     * @param originNanos run time of the phase's start: buckets start full, fixed windows are aligned on it
     */
    public static RateLimiter of(FaultAction.RateLimit spec, int clients, long originNanos) {
        return new RateLimiter(spec, clients, originNanos);
    }

    private static QuotaState newState(FaultAction.RateLimit spec, long windowNanos, long originNanos) {
        return switch (spec.algorithm()) {
            case TOKEN_BUCKET -> new TokenBucket(spec.limit(), windowNanos, originNanos);
            case FIXED_WINDOW -> new FixedWindow(spec.limit(), windowNanos, originNanos);
            case SLIDING_WINDOW -> new SlidingWindowLog(spec.limit(), windowNanos);
        };
    }

    /** Decides a request arriving at run time {@code nowNanos}, spending its key's quota if admitted. */
    public RateLimitVerdict decide(RequestView request, long nowNanos) {
        QuotaState.Admission admission = stateOf(request).tryAcquire(nowNanos);
        return new RateLimitVerdict(this, admission.admitted(), admission.remaining(), admission.nanosUntilMore(), nowNanos);
    }

    private QuotaState stateOf(RequestView request) {
        if (global != null) {
            return global;
        }
        if (perClient != null) {
            int client = request.client();
            // A request from no known client port (-1) is counted with the first client.
            return perClient[client >= 0 && client < perClient.length ? client : 0];
        }
        String value = request.header(headerName);
        if (value == null) {
            return absentOrOverflow;
        }
        QuotaState state = perHeaderValue.get(value);
        if (state != null) {
            return state;
        }
        if (perHeaderValue.size() >= MAX_HEADER_KEYS) {
            return absentOrOverflow;
        }
        return perHeaderValue.computeIfAbsent(value, v -> newState.get());
    }

    /** Requests admitted per window. */
    public int limit() {
        return spec.limit();
    }

    public long windowNanos() {
        return windowNanos;
    }

    /** True when responses carry this header family. */
    public boolean sends(RateLimitHeaders family) {
        return headers.contains(family);
    }
}
