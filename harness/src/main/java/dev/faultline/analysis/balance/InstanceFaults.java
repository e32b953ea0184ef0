package dev.faultline.analysis.balance;

import dev.faultline.scenario.PhaseSpec;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;

import java.util.List;

/**
 * What a phase's rules with {@code instance} do to one instance of a pool. Rules without
 * {@code instance} hit every instance alike and leave nothing to balance to, so they do not count.
 *
 * @param failing a rule gives it {@code down}, a connection fault or a 5xx answer, whatever that rule's
 *                match (a balancer's health check may be the only request it fails); 4xx does not count
 * @param downOnly every failing rule is {@code down}: it refuses connections, so no request reaches it
 * @param slow    a rule gives it a delay
 */
record InstanceFaults(boolean failing, boolean downOnly, boolean slow) {
    static final InstanceFaults HEALTHY = new InstanceFaults(false, false, false);

    static InstanceFaults of(PhaseSpec phase, String upstream, int instance) {
        boolean failing = false;
        boolean down = true;
        boolean slow = false;
        List<FaultRule> rules = phase.faultsFor(upstream);
        for (FaultRule rule : rules) {
            if (rule.instances().isEmpty() || !rule.appliesTo(instance)) {
                continue;
            }
            slow |= rule.delay() != null;
            if (fails(rule.action())) {
                failing = true;
                down &= rule.action() instanceof FaultAction.Down;
            }
        }
        return new InstanceFaults(failing, failing && down, slow);
    }

    private static boolean fails(FaultAction action) {
        if (action instanceof FaultAction.RespondWith respond) {
            return respond.respond().status() >= 500;
        }
        return action instanceof FaultAction.Down || action instanceof FaultAction.Drop
                || action instanceof FaultAction.Reset || action instanceof FaultAction.Hang;
    }

    /** Neither failing nor slow: its share is held against its weight. */
    boolean healthy() {
        return !failing && !slow;
    }
}
