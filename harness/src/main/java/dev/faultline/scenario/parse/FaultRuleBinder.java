package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.TlsFaultKind;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Binds one fault rule of {@code phases[].faults.UPSTREAM}: trigger keys, an optional delay, at most one action. */
final class FaultRuleBinder {
    static final String FEATURE = "phases.faults";

    private static final String[] ACTIONS = {"respond", "connection", "down", "body", "rate-limit", "tls",
            "drift", "deprecate", "http2"};
    private static final String[] DOWN_REFUSES = {"match", "probability", "first", "by", "delay"};
    private static final Map<String, FaultAction> TLS = tlsFaults();
    private static final Map<String, FaultAction> CONNECTION = connectionFaults();

    private final BindContext context;

    FaultRuleBinder(BindContext context) {
        this.context = context;
    }

    /**
     * The rule at {@code node}; empty when it has errors (already reported).
     *
     * @param id      {@code PHASE/UPSTREAM[INDEX]}
     * @param seedKey see {@link SeedKeys}
     */
    Optional<FaultRule> bind(Node node, KeyPath path, String id, String seedKey) {
        return bind(node, path, id, seedKey, UpstreamsBinder.MAX_INSTANCES);
    }

    /**
     * The rule at {@code node} of an upstream with this many instances (its {@code instance} key
     * must name one of them); empty when it has errors (already reported).
     */
    Optional<FaultRule> bind(Node node, KeyPath path, String id, String seedKey, int instances) {
        // Counted before opening, so an unknown key (perhaps a misspelt action) also makes the rule invalid.
        int errors = context.problems().count();
        Optional<Fields> opened = context.open(node, path, OldSpellings.FAULT_RULE, "match", "probability", "first", "by", "delay",
                "respond", "connection", "down", "body", "rate-limit", "tls", "instance",
                "drift", "deprecate", "http2");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        List<String> actions = f.present(ACTIONS);
        if (actions.size() > 1) {
            f.problem("a fault rule has at most one action but has " + Messages.and(actions)
                    + " (split it into rules, or keep one)");
        } else if (actions.isEmpty() && !f.has("delay") && !f.hasUnknownKeys()) {
            f.problem("a fault rule needs a delay or an action (expected delay, respond, connection, down, body,"
                    + " rate-limit, tls, drift, deprecate or http2)");
        }
        actions.forEach(action -> context.use(FEATURE + "." + action, f, action));
        if (f.get("down").filter(n -> n instanceof Node.Scalar scalar && scalar.truth()).isPresent()) {
            checkDown(f);
        }
        if (f.has("tls")) {
            checkTls(f);
        }
        RequestMatch match = f.get("match").flatMap(n -> MatchBinder.bind(n, f.at("match"), context)).orElse(RequestMatch.ANY);
        double probability = f.number("probability", Range.between(0, 1)).map(BigDecimal::doubleValue).orElse(1.0);
        int first = (int) f.integer("first", Range.intAtLeast(1), "a number of requests").orElse(0);
        boolean perClient = f.has("by") && perClient(f);
        Delay delay = null;
        if (f.has("delay")) {
            context.use(DelayBinder.FEATURE, f, "delay");
            delay = new DelayBinder(context).bind(f.get("delay").orElseThrow(), f.at("delay")).orElse(null);
        }
        FaultAction action = actions.size() == 1 ? action(f, actions.get(0)).orElse(null) : new FaultAction.PassToRoute();
        List<Integer> onInstances = f.get("instance").map(n -> instances(n, f.at("instance"), instances)).orElse(List.of());
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FaultRule(id, seedKey, match, probability, first, perClient, delay, action, onInstances));
        } catch (IllegalArgumentException e) {
            // The checks above should make this unreachable; the record's own rule still gets a located message.
            f.problem(e.getMessage());
            return Optional.empty();
        }
    }

    // instance: 1 or instance: [0, 2], 0-based; each must be an instance the upstream has.
    private List<Integer> instances(Node node, KeyPath path, int instances) {
        String what = "an instance number, 0.." + (instances - 1) + " (instances are 0-based; the upstream has "
                + instances + (instances == 1 ? " instance; add instances: N to the upstream for a pool)" : " instances)");
        Range range = Range.between(0, instances - 1);
        List<Node> items = node instanceof Node.Sequence ? context.values().list(node, path, what).orElse(List.of()) : List.of(node);
        if (node instanceof Node.Sequence && items.isEmpty()) {
            context.problems().add(node.location(), path, "an empty list of instances (name at least one, or leave"
                    + " instance out so the rule applies to every instance)");
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        for (int i = 0; i < items.size(); i++) {
            KeyPath at = node instanceof Node.Sequence ? path.index(i) : path;
            context.values().integer(items.get(i), at, range, what).ifPresent(n -> chosen.add((int) n));
        }
        return List.copyOf(chosen);
    }

    private static Map<String, FaultAction> connectionFaults() {
        Map<String, FaultAction> faults = new LinkedHashMap<>();
        faults.put("drop", new FaultAction.Drop());
        faults.put("reset", new FaultAction.Reset());
        faults.put("hang", new FaultAction.Hang());
        return Collections.unmodifiableMap(faults);
    }

    private static Map<String, FaultAction> tlsFaults() {
        Map<String, FaultAction> faults = new LinkedHashMap<>();
        for (TlsFaultKind kind : TlsFaultKind.values()) {
            if (kind != TlsFaultKind.VERSION) {
                faults.put(kind.word(), FaultAction.TlsFault.of(kind));
            }
        }
        return Collections.unmodifiableMap(faults);
    }

    private void checkTls(Fields f) {
        for (String key : f.present(DOWN_REFUSES)) {
            f.problemAt(key, "tls takes no " + key + " (it spoils every new connection's handshake, before any"
                    + " request exists; remove " + key + ")");
        }
    }

    private Optional<FaultAction> tls(Node node, KeyPath path) {
        if (node instanceof Node.Mapping) {
            return context.open(node, path, "version").flatMap(v -> v.required("version", "TLSv1 or TLSv1.1")
                    .flatMap(n -> context.values().choice(n, v.at("version"), "an old TLS version", OLD_VERSIONS))
                    .map(version -> new FaultAction.TlsFault(TlsFaultKind.VERSION, version)));
        }
        if (node instanceof Node.Scalar scalar && !scalar.isNull() && TLS.containsKey(scalar.text())) {
            return Optional.of(TLS.get(scalar.text()));
        }
        context.problems().add(node.location(), path, Messages.expected("a TLS fault (" + String.join(", ", TLS.keySet())
                + " or {version: TLSv1.1})", node));
        return Optional.empty();
    }

    private static final Map<String, String> OLD_VERSIONS = oldVersions();

    private static Map<String, String> oldVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("TLSv1", "TLSv1");
        versions.put("TLSv1.1", "TLSv1.1");
        return Collections.unmodifiableMap(versions);
    }

    private boolean perClient(Fields f) {
        context.use(FEATURE + ".first.by", f, "by");
        if (!f.has("first")) {
            f.problemAt("by", "applies only next to first (add first: N, or remove by)");
        }
        return f.choice("by", "a way to count first", Map.of("client", true)).orElse(false);
    }

    private void checkDown(Fields f) {
        for (String key : f.present(DOWN_REFUSES)) {
            f.problemAt(key, "down: true takes no " + key + " (the upstream stops listening for the whole phase;"
                    + " remove " + key + ")");
        }
    }

    private Optional<FaultAction> action(Fields f, String key) {
        Node node = f.get(key).orElseThrow();
        KeyPath path = f.at(key);
        return switch (key) {
            case "respond" -> RespondBinder.bind(node, path, context).map(FaultAction.RespondWith::new);
            case "connection" -> node instanceof Node.Mapping
                    ? AfterHeadersBinder.bind(node, path, context)
                    : context.values().choice(node, path, "a connection fault", CONNECTION);
            case "down" -> context.values().bool(node, path).flatMap(on -> {
                if (!on) {
                    f.problemAt("down", "down: false does nothing (write down: true, or remove it)");
                    return Optional.empty();
                }
                return Optional.of(new FaultAction.Down());
            });
            case "body" -> new BodyFaultBinder(context).bind(node, path);
            case "tls" -> tls(node, path);
            case "drift" -> new DriftBinder(context).bind(node, path);
            case "deprecate" -> new DeprecateBinder(context).bind(node, path);
            case "http2" -> new Http2FaultBinder(context).bind(node, path, f);
            default -> new RateLimitBinder(context).bind(node, path);
        };
    }
}
