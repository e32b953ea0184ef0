package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.FaultRule;

/**
 * The effect of a fault rule: one constant per {@link dev.faultline.upstream.spec.FaultAction}
 * variant plus {@link #DELAY} for a rule with a delay alone. Java 17 cannot switch exhaustively over
 * a sealed interface, but it can over an enum, so the request path dispatches on this.
 */
public enum RuleEffect {
    RESPOND("respond"),
    DELAY("delay"),
    DROP("drop"),
    RESET("reset"),
    HANG("hang"),
    DOWN("down"),
    TRUNCATE("truncate"),
    DRIBBLE("dribble"),
    GARBAGE("garbage"),
    RATE_LIMIT("rate-limit");

    private final String journalName;

    RuleEffect(String journalName) {
        this.journalName = journalName;
    }

    /**
     * The effect of a rule, found by the name its action reports for the journal, so every
     * action variant (present and future) maps here without a cast chain.
     *
     * @throws IllegalArgumentException if the action's effect name is unknown here
     */
    public static RuleEffect of(FaultRule rule) {
        String name = rule.effect();
        for (RuleEffect effect : values()) {
            if (effect.journalName.equals(name)) {
                return effect;
            }
        }
        throw new IllegalArgumentException("fault rule " + rule.id() + " has effect \"" + name
                + "\" which the fake upstream does not know");
    }

    /** The journal's {@code effect} value. */
    public String journalName() {
        return journalName;
    }
}
