package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;

import java.util.concurrent.atomic.LongAdder;

/**
 * A fault rule ready for the request path: its match compiled, its own {@code first} budget for this
 * phase, and two seeded streams (one for the probability draw, one for delay draws) so the two
 * kinds of draw never shift each other. Threadsafe.
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
    private final LongAdder fires;

    CompiledRule(FaultRule rule, String upstream, int clients, long runSeed, LongAdder fires) {
        this.id = rule.id();
        this.match = CompiledMatch.of(rule.match());
        this.probability = rule.probability();
        this.first = rule.first() > 0 ? new FirstBudget(rule.first(), rule.firstPerClient(), clients) : null;
        this.probabilityDraws = SeededStream.derive(runSeed, upstream, rule.seedKey(), "probability");
        this.delayDraws = SeededStream.derive(runSeed, upstream, rule.seedKey(), "delay");
        this.delay = rule.delay();
        this.fixedDelayNanos = rule.delay() instanceof Delay.Fixed fixed ? fixed.duration().toNanos() : -1;
        this.effect = RuleEffect.of(rule);
        if (!effect.implemented()) {
            throw new UnsupportedOperationException(effect.notSupportedYet().getMessage() + " (rule " + id + ")");
        }
        this.respond = rule.action() instanceof FaultAction.RespondWith with ? PreparedResponse.of(with.respond()) : null;
        this.fires = fires;
    }

    /**
     * Decides whether this rule takes the request, in the documented order: match, then the
     * {@code first} budget, then the probability draw. Counts the fire.
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
        fires.increment();
        return true;
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

    public RuleEffect effect() {
        return effect;
    }

    /** The response of a {@code respond} rule, or {@code null}. */
    public PreparedResponse respond() {
        return respond;
    }
}
