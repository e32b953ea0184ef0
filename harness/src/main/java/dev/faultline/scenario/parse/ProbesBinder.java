package dev.faultline.scenario.parse;

import dev.faultline.scenario.ProbesSpec;
import dev.faultline.scenario.ProbesSpec.Probe;

import java.time.Duration;
import java.util.Optional;

/** Binds the top-level {@code probes}: {@code liveness}, {@code readiness}, {@code startup}. */
final class ProbesBinder {
    static final Duration DEFAULT_EVERY = Duration.ofSeconds(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final BindContext context;

    ProbesBinder(BindContext context) {
        this.context = context;
    }

    /** The probes at {@code node}; empty when they have errors (already reported). */
    Optional<ProbesSpec> bind(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "liveness", "readiness", "startup");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        if (f.present("liveness", "readiness", "startup").isEmpty() && !f.hasUnknownKeys()) {
            f.problem("declares no probe (expected liveness, readiness or startup)");
        }
        Optional<Probe> liveness = probe(f, "liveness");
        Optional<Probe> readiness = probe(f, "readiness");
        Optional<Probe> startup = probe(f, "startup");
        if (startup.isPresent()) {
            context.use("probes.startup", f, "startup");
        }
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new ProbesSpec(liveness, readiness, startup));
    }

    private Optional<Probe> probe(Fields parent, String key) {
        Optional<Node> node = parent.get(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        Optional<Fields> opened = context.open(node.get(), parent.at(key), "path", "every", "timeout");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        Optional<String> path = f.required("path", "the path to poll, such as path: " + examplePath(key))
                .flatMap(n -> context.values().string(n, f.at("path")));
        if (path.isPresent() && !path.get().startsWith("/")) {
            f.problemAt("path", Messages.quote(path.get()) + " is not a path (expected a path starting with /, such as "
                    + examplePath(key) + ")");
            return Optional.empty();
        }
        Duration every = f.positiveDuration("every").orElse(DEFAULT_EVERY);
        Duration timeout = f.positiveDuration("timeout").orElse(DEFAULT_TIMEOUT);
        return path.map(p -> new Probe(p, every, timeout));
    }

    private static String examplePath(String probe) {
        return switch (probe) {
            case "liveness" -> "/health/live";
            case "readiness" -> "/health/ready";
            default -> "/health/started";
        };
    }
}
