package dev.faultline.upstream.internal;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.internal.ratelimit.RateLimitVerdict;
import dev.faultline.upstream.internal.ratelimit.RateLimiter;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;

import java.util.concurrent.atomic.LongAdder;

/**
 * A fault rule ready for the request path: its match compiled, its own {@code first} budget and
 * rate limit for this phase, and one seeded stream per kind of draw (probability, delay, garbage
 * bytes) so the kinds never shift each other. Threadsafe.
 */
public final class CompiledRule {
    private final String id;
    private final CompiledMatch match;
    private final double probability;
    private final FirstBudget first;
    private final SeededStream probabilityDraws;
    private final SeededStream delayDraws;
    private final Delay delay;
    private final long fixedDelayNanos;
    private final RuleEffect effect;
    private final PreparedResponse respond;
    private final long truncateAfterBytes;
    private final FaultAction.DribbleBody dribble;
    private final SeededStream garbageDraws;
    private final RateLimiter rateLimiter;
    private final RunClock clock;
    private final LongAdder fires;

    CompiledRule(FaultRule rule, String upstream, int clients, long runSeed, RunClock clock, long phaseStartNanos,
                 LongAdder fires) {
        this.id = rule.id();
        this.match = CompiledMatch.of(rule.match());
        this.probability = rule.probability();
        this.first = rule.first() > 0 ? new FirstBudget(rule.first(), rule.firstPerClient(), clients) : null;
        this.probabilityDraws = SeededStream.derive(runSeed, upstream, rule.seedKey(), "probability");
        this.delayDraws = SeededStream.derive(runSeed, upstream, rule.seedKey(), "delay");
        this.delay = rule.delay();
        this.fixedDelayNanos = rule.delay() instanceof Delay.Fixed fixed ? fixed.duration().toNanos() : -1;
        this.effect = RuleEffect.of(rule);
        FaultAction action = rule.action();
        this.respond = action instanceof FaultAction.RespondWith with ? PreparedResponse.of(with.respond()) : null;
        this.truncateAfterBytes = action instanceof FaultAction.TruncateBody truncate ? truncate.afterBytes() : -1;
        this.dribble = action instanceof FaultAction.DribbleBody slow ? slow : null;
        this.garbageDraws = effect == RuleEffect.GARBAGE
                ? SeededStream.derive(runSeed, upstream, rule.seedKey(), "garbage") : null;
        this.rateLimiter = action instanceof FaultAction.RateLimit limit
                ? RateLimiter.of(limit, clients, phaseStartNanos) : null;
        this.clock = clock;
        this.fires = fires;
        if (effect == RuleEffect.DOWN && !(rule.match().matchesEverything() && probability == 1.0
                && rule.first() == 0 && delay == null)) {
            throw new IllegalArgumentException("fault rule " + id + ": down: true takes no match, probability,"
                    + " first or delay (the upstream stops listening for the whole phase)");
        }
    }

    /**
     * Decides whether this rule takes the request, in the documented order: match, then the
     * {@code first} budget, then the probability draw, then (for a rate limit) the limiter, which
     * takes only the requests it refuses. Counts the fire.
     */
    boolean tryFire(RequestView request) {
        if (!match.matches(request)) {
            return false;
        }
        if (first != null && !first.tryTake(request.client())) {
            return false;
        }
        // Certain outcomes draw nothing; that is as reproducible as drawing and saves the atomic.
        if (probability < 1.0 && (probability <= 0.0 || probabilityDraws.nextUnit() >= probability)) {
            return false;
        }
        if (rateLimiter != null) {
            RateLimitVerdict verdict = rateLimiter.decide(request, clock.nanos());
            request.rateLimited(verdict);
            if (verdict.admitted()) {
                return false;
            }
        }
        fires.increment();
        return true;
    }

    /** Counts a fire that is no request's: the upstream going down for the phase. */
    void countFire() {
        fires.increment();
    }

    /** Draws this request's delay in nanoseconds, or {@code -1} when the rule has no delay. */
    public long drawDelayNanos() {
        if (delay == null) {
            return -1;
        }
        if (fixedDelayNanos >= 0) {
            return fixedDelayNanos;
        }
        long position = delayDraws.claim(2);
        return delay.sampleNanos(delayDraws.unitAt(position), delayDraws.unitAt(position + 1));
    }

    /** Fills a garbage body from this rule's own stream. */
    void drawGarbage(byte[] bytes) {
        garbageDraws.nextBytes(bytes);
    }

    public String id() {
        return id;
    }

    public RuleEffect effect() {
        return effect;
    }

    /** The response of a {@code respond} rule, or {@code null}. */
    public PreparedResponse respond() {
        return respond;
    }

    /** Body bytes a {@code truncate-after} rule sends; {@code -1} for other rules. */
    long truncateAfterBytes() {
        return truncateAfterBytes;
    }

    /** The pace of a {@code dribble} rule, or {@code null}. */
    FaultAction.DribbleBody dribble() {
        return dribble;
    }
}
