package dev.faultline.upstream.internal;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.Http2FaultKind;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The fault rules of one phase on one upstream, compiled. Immutable apart from the rules' own
 * atomic budgets, draw counters and rate limits, which therefore start afresh with each phase. The
 * upstream swaps whole rule sets through one volatile reference. Threadsafe.
 */
public final class RuleSet {
    /** No phase entered yet: no rules. */
    public static final RuleSet NONE = new RuleSet("", new CompiledRule[0], null, null, null);

    private final String phase;
    private final CompiledRule[] rules;
    private final CompiledRule down;
    private final CompiledRule tls;
    private final CompiledRule http2Limit;

    private RuleSet(String phase, CompiledRule[] rules, CompiledRule down, CompiledRule tls, CompiledRule http2Limit) {
        this.phase = phase;
        this.rules = rules;
        this.down = down;
        this.tls = tls;
        this.http2Limit = http2Limit;
    }

    /**
     * Compiles a phase's rules.
     *
     * @param upstream    the upstream's name (part of every rule's seed)
     * @param phase       the phase's name
     * @param rules       in order of precedence
     * @param clients     how many clients the upstream tells apart (for per-client budgets and limits)
     * @param runSeed     the run's seed
     * @param clock       the run's clock; rate limits start full now and read it for each decision
     * @param fireCounter the counter for a rule id (shared across phases, so totals accumulate)
     * @throws IllegalArgumentException if two rules share an id, or a {@code down} rule has a trigger
     */
    public static RuleSet compile(String upstream, String phase, List<FaultRule> rules, int clients,
                                  long runSeed, RunClock clock, Function<String, LongAdder> fireCounter) {
        Set<String> ids = new HashSet<>();
        CompiledRule[] compiled = new CompiledRule[rules.size()];
        CompiledRule down = null;
        CompiledRule tls = null;
        CompiledRule http2Limit = null;
        long phaseStartNanos = clock.nanos();
        for (int i = 0; i < compiled.length; i++) {
            FaultRule rule = rules.get(i);
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("phase " + phase + " gives upstream " + upstream
                        + " two fault rules with id " + rule.id());
            }
            compiled[i] = new CompiledRule(rule, upstream, clients, runSeed, clock, phaseStartNanos,
                    fireCounter.apply(rule.id()));
            if (down == null && compiled[i].effect() instanceof Effect.Down) {
                down = compiled[i];
            }
            if (tls == null && compiled[i].effect() instanceof Effect.Tls) {
                tls = compiled[i];
            }
            if (http2Limit == null && compiled[i].effect() instanceof Effect.Http2 h2
                    && h2.fault().kind() == Http2FaultKind.MAX_CONCURRENT_STREAMS) {
                http2Limit = compiled[i];
            }
        }
        return new RuleSet(phase, compiled, down, tls, http2Limit);
    }

    /** The first rule that fires for the request (spending its budget and draws), or {@code null}. */
    public CompiledRule select(RequestView request) {
        for (CompiledRule rule : rules) {
            if (rule.tryFire(request)) {
                return rule;
            }
        }
        return null;
    }

    public String phase() {
        return phase;
    }

    /** The phase's {@code tls:} fault rule (the first), or {@code null} when handshakes go as normal. */
    public CompiledRule tls() {
        return tls;
    }

    /** The phase's {@code http2: {max-concurrent-streams: N}} rule (the first), or {@code null}. */
    public CompiledRule http2Limit() {
        return http2Limit;
    }

    /** The phase's {@code down: true} rule, or {@code null} when the upstream listens in this phase. */
    public CompiledRule down() {
        return down;
    }
}
