package dev.faultline.scenario.parse;

import dev.faultline.scenario.Arrivals;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.LoadSpec.LoadRequest;
import dev.faultline.scenario.LoadSpec.RateStep;
import dev.faultline.scenario.LoadSpec.Tenant;
import dev.faultline.scenario.Rate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binds the top-level {@code load}. */
final class LoadBinder {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Map<String, Arrivals> ARRIVALS = arrivals();

    private final BindContext context;

    LoadBinder(BindContext context) {
        this.context = context;
    }

    /** The load at {@code node}; empty when it has errors (already reported). */
    Optional<LoadSpec> bind(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "rate", "requests", "tenants", "timeout", "arrivals");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        if (!f.has("rate") && !f.has("tenants") && !f.hasUnknownKeys()) {
            f.problem("needs rate or tenants (such as rate: 50/s)");
        }
        if (f.has("rate") && f.has("tenants")) {
            f.problemAt("rate", "is not used when tenants are given, as each tenant has its own rate (remove rate, or"
                    + " remove tenants)");
        }
        List<RateStep> rate = f.get("rate").map(n -> rate(n, f.at("rate"))).orElse(List.of());
        List<LoadRequest> requests = f.required("requests", "the requests to send, such as requests: [{path: /checkout}]")
                .flatMap(n -> context.values().nonEmptyList(n, f.at("requests"), "a list of requests ({method, path, ...})",
                        "at least one request, such as [{path: /checkout}]"))
                .map(items -> requests(items, f.at("requests"))).orElse(List.of());
        if (f.has("tenants")) {
            context.use("load.tenants", f, "tenants");
        }
        List<Tenant> tenants = f.get("tenants")
                .flatMap(n -> context.values().nonEmptyList(n, f.at("tenants"), "a list of tenants ({name, rate, headers})",
                        "at least one tenant, such as [{name: a, rate: 20/s}]"))
                .map(items -> tenants(items, f.at("tenants"))).orElse(List.of());
        Duration timeout = f.positiveDuration("timeout").orElse(DEFAULT_TIMEOUT);
        Arrivals arrivals = f.choice("arrivals", "a way to space arrivals", ARRIVALS).orElse(Arrivals.CONSTANT);
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new LoadSpec(rate, requests, tenants, timeout, arrivals));
    }

    // In declaration order, so the error message lists them the same way every time.
    private static Map<String, Arrivals> arrivals() {
        Map<String, Arrivals> map = new LinkedHashMap<>();
        for (Arrivals a : Arrivals.values()) {
            map.put(a.name().toLowerCase(java.util.Locale.ROOT), a);
        }
        return map;
    }

    private List<RateStep> rate(Node node, KeyPath path) {
        if (node instanceof Node.Sequence sequence) {
            if (sequence.items().isEmpty()) {
                context.problems().add(node.location(), path, "is empty (expected a rate such as 50/s, or a list of"
                        + " {at, rate} steps)");
            }
            List<RateStep> steps = new ArrayList<>();
            Duration previous = null;
            for (int i = 0; i < sequence.items().size(); i++) {
                Optional<Fields> opened = context.open(sequence.items().get(i), path.index(i), "at", "rate");
                if (opened.isPresent()) {
                    Optional<Duration> at = stepAt(opened.get(), i == 0, previous);
                    step(opened.get(), at).ifPresent(steps::add);
                    previous = at.orElse(previous);
                }
            }
            return steps;
        }
        if (node instanceof Node.Scalar) {
            return context.values().rate(node, path).map(r -> List.of(new RateStep(Duration.ZERO, r))).orElse(List.of());
        }
        context.problems().add(node.location(), path,
                Messages.expected("a rate such as 50/s, or a list of {at, rate} steps", node));
        return List.of();
    }

    // The step's start, checked against the previous step's even when that step had other errors.
    private Optional<Duration> stepAt(Fields f, boolean first, Duration previous) {
        if (f.has("at")) {
            context.use("load.rate.at", f, "at");
        }
        Optional<Duration> at = f.required("at", "when this rate starts, such as at: 10s")
                .flatMap(n -> context.values().duration(n, f.at("at")));
        if (at.isPresent() && first && !at.get().isZero()) {
            f.problemAt("at", "the first step is at " + Durations.format(at.get())
                    + " (expected the first step at 0s, the rate from the start of the run)");
        } else if (at.isPresent() && previous != null && at.get().compareTo(previous) <= 0) {
            f.problemAt("at", Durations.format(at.get()) + " is not after the previous step's "
                    + Durations.format(previous) + " (expected steps in increasing order of at)");
        }
        return at;
    }

    private Optional<RateStep> step(Fields f, Optional<Duration> at) {
        Optional<Rate> rate = f.required("rate", "the rate from then on, such as rate: 200/s")
                .flatMap(n -> context.values().rate(n, f.at("rate")));
        return at.isPresent() && rate.isPresent() ? Optional.of(new RateStep(at.get(), rate.get())) : Optional.empty();
    }

    private List<LoadRequest> requests(List<Node> items, KeyPath path) {
        List<LoadRequest> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            request(items.get(i), path.index(i)).ifPresent(requests::add);
        }
        return requests;
    }

    private Optional<LoadRequest> request(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "method", "path", "headers", "body", "weight");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        String method = f.get("method").flatMap(n -> MatchBinder.method(n, f.at("method"), context)).orElse("GET");
        Optional<String> requestPath = f.required("path", "the path to request, such as path: /checkout")
                .flatMap(n -> context.values().string(n, f.at("path")));
        if (requestPath.isPresent() && !requestPath.get().startsWith("/")) {
            f.problemAt("path", Messages.quote(requestPath.get()) + " is not a path (expected a path starting with /,"
                    + " such as /checkout)");
        }
        Map<String, String> headers = f.headers("headers").orElse(Map.of());
        Optional<String> body = f.string("body");
        int weight = (int) f.integer("weight", Range.intAtLeast(1), "a weight").orElse(1);
        if (context.problems().count() > errors || requestPath.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LoadRequest(method, requestPath.get(), headers, body, weight));
    }

    private List<Tenant> tenants(List<Node> items, KeyPath path) {
        List<Tenant> tenants = new ArrayList<>();
        Map<String, KeyPath> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            KeyPath at = path.index(i);
            Optional<Fields> opened = context.open(items.get(i), at, "name", "rate", "headers");
            if (opened.isEmpty()) {
                continue;
            }
            Fields f = opened.get();
            int errors = context.problems().count();
            Optional<String> name = f.required("name", "the tenant's name, such as name: tenant-a")
                    .flatMap(n -> context.values().nonBlank(n, f.at("name"), "the tenant's name"));
            name.ifPresent(n -> f.uniqueName("name", n, at, names, "tenant"));
            Optional<Rate> rate = f.required("rate", "the tenant's rate, such as rate: 20/s")
                    .flatMap(n -> context.values().rate(n, f.at("rate")));
            Map<String, String> headers = f.headers("headers").orElse(Map.of());
            if (context.problems().count() == errors && name.isPresent() && rate.isPresent()) {
                tenants.add(new Tenant(name.get(), rate.get(), headers));
            }
        }
        return tenants;
    }
}
