package dev.faultline.run;

import dev.faultline.scenario.FeatureUse;
import dev.faultline.scenario.Scenario;

import java.util.List;
import java.util.Set;

/**
 * Which scenario features this version's runtime carries out. The loader accepts and validates the
 * whole format; a run that needs a feature whose runtime has not landed is refused with
 * "not supported yet" (exit 2) instead of silently ignoring the key.
 */
public final class RuntimeSupport {
    private static final Set<String> SUPPORTED = Set.of(
            "phases.actions",
            "phases.faults.respond",
            "phases.faults.connection",
            "phases.faults.down",
            "phases.faults.body",
            "phases.faults.body.garbage",
            "phases.faults.body.truncate-after",
            "phases.faults.body.dribble",
            "phases.faults.rate-limit",
            "phases.faults.tls",
            "phases.faults.http2",
            "phases.faults.delay",
            "phases.faults.delay.uniform",
            "phases.faults.delay.normal",
            "phases.faults.delay.lognormal",
            "phases.faults.delay.pareto",
            "phases.faults.first.by",
            "expect.retries.honor-retry-after",
            "expect.retries.require-jitter",
            "expect.retries.no-retry-on",
            "expect.retries.max-sync",
            "expect.retries.max-recovery",
            "target.replicas",
            "target.ready.http",
            "target.ready.log",
            "target.ready.port",
            "target.ready.after",
            "expect.shutdown",
            "expect.fairness",
            "load", "load.tenants", "load.rate.at", "probes", "probes.startup", "expect.health", "expect.latency",
            "expect.balance",
            "phases.faults.drift", "phases.faults.drift.add-field", "phases.faults.drift.remove-field",
            "phases.faults.drift.null-field", "phases.faults.drift.rename-field", "phases.faults.drift.retype-field",
            "phases.faults.drift.unknown-enum", "phases.faults.drift.reorder", "phases.faults.deprecate",
            "phases.faults.body.bandwidth", "expect.drift",
            "upstreams.proxy",
            "phases.faults.connection.after-headers");

    private RuntimeSupport() {
    }

    /** One message per unsupported use: {@code FILE:LINE:COL: PATH: not supported yet: KEY (...)}. */
    public static List<String> unsupported(Scenario scenario) {
        return unsupported(scenario.features());
    }

    /** One message per use of a key outside {@link #SUPPORTED}. */
    static List<String> unsupported(List<FeatureUse> uses) {
        return uses.stream()
                .filter(use -> !SUPPORTED.contains(use.key()))
                .map(RuntimeSupport::message)
                .toList();
    }

    private static String message(FeatureUse use) {
        return use.location() + ": " + use.path() + ": not supported yet: " + use.key()
                + " (this version validates it but cannot run it; remove it or run a newer faultline)";
    }
}
