package dev.faultline.upstream.internal;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultRule;

import java.util.concurrent.atomic.LongAdder;

/**
 * A fault rule ready for the request path: its match compiled, its own {@code first} budget and
 * {@link Effect} for this phase, and one seeded stream per kind of draw (probability, delay, and the
 * effect's own, such as garbage bytes) so the kinds never shift each other. Threadsafe.
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
    private final String effectName;
    private final Effect effect;
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
        this.effectName = rule.effect();
        this.effect = Effect.compile(rule, upstream, clients, runSeed, clock, phaseStartNanos);
        this.fires = fires;
    }

    /**
     * Decides whether this rule takes the request, in the documented order: match (and whether the
     * effect can act on the request at all: an HTTP/2 fault on an HTTP/1.1 request cannot), then the
     * {@code first} budget, then the probability draw, then (for a rate limit) the limiter, which
     * takes only the requests it refuses. Counts the fire.
     */
    boolean tryFire(RequestView request) {
        if (!match.matches(request) || !effect.applies(request)) {
            return false;
        }
        if (first != null && !first.tryTake(request.client())) {
            return false;
        }
        // Certain outcomes draw nothing; that is as reproducible as drawing and saves the atomic.
        if (probability < 1.0 && (probability <= 0.0 || probabilityDraws.nextUnit() >= probability)) {
            return false;
        }
        if (effect.lets(request)) {
            return false;
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

    public String id() {
        return id;
    }

    /** The journal's and report's name for the effect. */
    public String effectName() {
        return effectName;
    }

    /** What the rule does when it fires. */
    Effect effect() {
        return effect;
    }
}
