package dev.faultline.upstream.spec;

import java.util.List;
import java.util.Objects;

/**
 * A fault rule of one phase on one upstream: trigger ({@link #match}, {@link #probability},
 * {@link #first}) times effect ({@link #delay} and/or {@link #action}).
 *
 * <p>Order of decision for a request: the match must hold; then, when {@code first} is set, the
 * request must be among the first N matching requests of the phase (per client when
 * {@code firstPerClient}); then the rule's own seeded stream draws against {@code probability}.
 * A rule that does not fire lets the next rule, and finally the routes, decide.
 *
 * @param id             stable identity, {@code PHASE/UPSTREAM[INDEX]}; it names the rule in the
 *                       journal and report
 * @param seedKey        what the rule's random stream is derived from (with the run seed); it is
 *                       the rule's own content, so adding another rule does not shift its draws
 * @param match          which requests it applies to
 * @param probability    chance, 0..1, that a matching request gets the fault
 * @param first          only the first N matching requests get it; {@code 0} for no limit
 * @param firstPerClient count {@code first} per client instead of for all clients together
 * @param delay          delay before the effect, or {@code null}
 * @param action         the effect; {@code null} stands for {@link FaultAction.PassToRoute} (a delay alone)
 * @param instances      the instances of the upstream's pool it applies to (0-based, ascending);
 *                       empty for every instance
 */
public record FaultRule(
        String id,
        String seedKey,
        RequestMatch match,
        double probability,
        int first,
        boolean firstPerClient,
        Delay delay,
        FaultAction action,
        List<Integer> instances) {

    public FaultRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(seedKey, "seedKey");
        Objects.requireNonNull(match, "match");
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be 0..1 but was " + probability);
        }
        if (first < 0) {
            throw new IllegalArgumentException("first must be >= 0 but was " + first);
        }
        if (delay == null && (action == null || action instanceof FaultAction.PassToRoute)) {
            throw new IllegalArgumentException("fault rule " + id + " has neither a delay nor an action");
        }
        if (action == null) {
            action = new FaultAction.PassToRoute();
        }
        instances = instances == null ? List.of() : List.copyOf(instances);
        for (int instance : instances) {
            if (instance < 0) {
                throw new IllegalArgumentException("fault rule " + id + " names instance " + instance + "; instances are 0-based");
            }
        }
    }

    /** A rule for every instance of its upstream. */
    public FaultRule(String id, String seedKey, RequestMatch match, double probability, int first, boolean firstPerClient,
                     Delay delay, FaultAction action) {
        this(id, seedKey, match, probability, first, firstPerClient, delay, action, List.of());
    }

    /** True when the rule applies to this instance of its upstream's pool. */
    public boolean appliesTo(int instance) {
        return instances.isEmpty() || instances.contains(instance);
    }

    /** The journal's effect name for this rule. */
    public String effect() {
        return action.effect();
    }
}
