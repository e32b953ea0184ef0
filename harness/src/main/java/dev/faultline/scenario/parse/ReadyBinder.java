package dev.faultline.scenario.parse;

import dev.faultline.scenario.ReadySpec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Binds {@code target.ready}: one of {@code http}, {@code log}, {@code port: true}, {@code after}, plus {@code timeout}. */
final class ReadyBinder {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private ReadyBinder() {
    }

    /**
     * What the target offers to a ready check.
     *
     * @param run  the harness starts it, so its output can be read
     * @param url  it has a url to poll
     * @param port it has a port to connect to
     */
    record Offers(boolean run, boolean url, boolean port) {
    }

    /** The ready check at {@code node}; empty when it has errors (already reported). */
    static Optional<ReadySpec> bind(Node node, KeyPath path, Offers offers, BindContext context) {
        Optional<Fields> opened = context.open(node, path, "http", "log", "port", "after", "timeout");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        List<String> checks = f.present("http", "log", "port", "after");
        if (checks.isEmpty()) {
            if (!f.hasUnknownKeys()) {
                f.problem("needs one check (expected http: PATH, log: TEXT, port: true or after: DURATION)");
            }
            return Optional.empty();
        }
        if (checks.size() > 1) {
            f.problem("takes one check but has " + Messages.and(checks) + " (keep one)");
            return Optional.empty();
        }
        String check = checks.get(0);
        context.use("target.ready." + check, f, check);
        int errors = context.problems().count();
        checkOffers(check, offers, f);
        Duration timeout = f.positiveDuration("timeout").orElse(DEFAULT_TIMEOUT);
        ReadySpec spec = switch (check) {
            case "http" -> f.nonBlank("http", "a path such as /health/ready").flatMap(p -> httpPath(p, f))
                    .map(p -> new ReadySpec.Http(p, timeout)).orElse(null);
            case "log" -> f.nonBlank("log", "the text the target prints when it is ready")
                    .map(text -> new ReadySpec.Log(text, timeout)).orElse(null);
            case "port" -> f.bool("port").flatMap(on -> portTrue(on, f)).map(on -> new ReadySpec.Port(timeout)).orElse(null);
            default -> after(f).orElse(null);
        };
        return context.problems().count() > errors ? Optional.empty() : Optional.ofNullable(spec);
    }

    private static void checkOffers(String check, Offers offers, Fields f) {
        if (check.equals("http") && !offers.url()) {
            f.problemAt("http", "needs the target's url to poll (add url to the target)");
        } else if (check.equals("port") && !offers.port()) {
            f.problemAt("port", "needs the target's port (add port: auto to the target)");
        } else if (check.equals("log") && !offers.run()) {
            f.problemAt("log", "applies only to a target the harness starts, whose output it reads (add run, or use http)");
        }
    }

    private static Optional<String> httpPath(String path, Fields f) {
        if (!path.startsWith("/")) {
            f.problemAt("http", Messages.quote(path) + " is not a path (expected a path starting with /, such as"
                    + " /health/ready)");
            return Optional.empty();
        }
        return Optional.of(path);
    }

    private static Optional<Boolean> portTrue(boolean on, Fields f) {
        if (!on) {
            f.problemAt("port", "port: false checks nothing (write port: true, or choose another check)");
            return Optional.empty();
        }
        return Optional.of(true);
    }

    private static Optional<ReadySpec> after(Fields f) {
        if (f.has("timeout")) {
            f.problemAt("timeout", "does not apply to after (after waits exactly its duration; remove timeout)");
        }
        return f.duration("after").map(ReadySpec.After::new);
    }
}
