package dev.faultline.scenario.parse;

import dev.faultline.scenario.BalanceExpectation;
import dev.faultline.scenario.CallsBy;
import dev.faultline.scenario.DriftExpectation;
import dev.faultline.scenario.Expectations;
import dev.faultline.scenario.Expectations.FairnessExpectation;
import dev.faultline.scenario.Expectations.HealthExpectation;
import dev.faultline.scenario.Expectations.LatencyExpectation;
import dev.faultline.scenario.Expectations.RetryExpectation;
import dev.faultline.scenario.Expectations.ShutdownExpectation;
import dev.faultline.scenario.Rate;
import dev.faultline.scenario.StickyKey;

import dev.faultline.upstream.spec.RequestMatch;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Binds {@code expect}. Each kind takes one mapping or a list of them; each entry's id is its path
 * under {@code expect} ({@code retries}, {@code retries[1]}), and an entry must name at least one check.
 */
final class ExpectBinder {
    private static final String[] RETRY_CHECKS = {"max-amplification", "max-attempts-per-call", "max-retry-ratio",
        "honor-retry-after", "require-jitter", "no-retry-on", "max-sync", "max-recovery"};
    private static final String[] RETRY_FEATURES = {"honor-retry-after", "require-jitter", "no-retry-on", "max-sync",
        "max-recovery"};
    private static final String[] HEALTH_CHECKS = {"readiness", "liveness", "max-false-healthy", "max-false-unhealthy",
        "max-probe-latency"};
    private static final String[] SHUTDOWN_CHECKS = {"max-drain", "max-failed-in-flight", "exit-code",
        "readiness-fails-before-exit"};
    private static final String[] FAIRNESS_CHECKS = {"min-jain-index", "honor-retry-after", "max-limit-error",
        "min-goodput", "max-herd", "valid-ratelimit-headers"};
    private static final String[] LATENCY_CHECKS = {"p50", "p90", "p99", "max", "min-success-rate"};
    private static final String[] BALANCE_CHECKS = {"max-share-error", "max-share-to-slow", "ejects-within",
        "readmits-within", "sticky-by"};
    private static final String[] DRIFT_CHECKS = {"max-success-drop", "max-calls-after-sunset"};
    /** The request headers the journal keeps, so the only ones sticky-by can follow. */
    private static final List<String> JOURNALLED_HEADERS = List.of("X-Request-Id", "Idempotency-Key", "traceparent");
    private static final Range STATUS = Range.between(100, 599);
    private static final String HEADER_PREFIX = "header:";
    private static final Map<String, Boolean> LIMIT_PER_TENANT = limitPerTenant();

    /** One mapping of a kind, with its id. */
    private record Entry(Node node, KeyPath path, String id) {
    }

    private final BindContext context;
    private final ScenarioFacts facts;

    ExpectBinder(BindContext context, ScenarioFacts facts) {
        this.context = context;
        this.facts = facts;
    }

    /** The checks at {@code node}; on errors (already reported) the result is incomplete and must not be used. */
    Expectations bind(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "retries", "health", "shutdown", "fairness", "latency", "balance",
                "drift");
        if (opened.isEmpty()) {
            return Expectations.NONE;
        }
        Fields f = opened.get();
        for (String kind : f.present("health", "shutdown", "fairness", "latency", "balance", "drift")) {
            context.use("expect." + kind, f, kind);
        }
        return new Expectations(
                kind(f, "retries", this::retries),
                kind(f, "health", this::health),
                kind(f, "shutdown", this::shutdown),
                kind(f, "fairness", this::fairness),
                kind(f, "latency", this::latency),
                kind(f, "balance", this::balance),
                kind(f, "drift", this::drift));
    }

    private <T> List<T> kind(Fields f, String kind, BiFunction<Entry, Fields, Optional<T>> binder) {
        Optional<Node> node = f.get(kind);
        if (node.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        KeyPath path = f.at(kind);
        if (node.get() instanceof Node.Sequence sequence) {
            if (sequence.items().isEmpty()) {
                context.problems().add(sequence.location(), path, "is empty (expected one mapping of checks, or a list"
                        + " of them)");
            }
            for (int i = 0; i < sequence.items().size(); i++) {
                entries.add(new Entry(sequence.items().get(i), path.index(i), kind + "[" + i + "]"));
            }
        } else {
            entries.add(new Entry(node.get(), path, kind));
        }
        List<T> bound = new ArrayList<>();
        for (Entry entry : entries) {
            Optional<Fields> fields = context.open(entry.node(), entry.path(), oldSpellingsOf(kind), keysOf(kind));
            fields.flatMap(fs -> binder.apply(entry, fs)).ifPresent(bound::add);
        }
        return bound;
    }

    private static Map<String, Boolean> limitPerTenant() {
        Map<String, Boolean> options = new LinkedHashMap<>();
        options.put("global", false);
        options.put("tenant", true);
        return options;
    }

    private static Map<String, String> oldSpellingsOf(String kind) {
        return switch (kind) {
            case "retries" -> OldSpellings.RETRIES;
            case "fairness" -> OldSpellings.FAIRNESS;
            default -> Map.of();
        };
    }

    private static String[] keysOf(String kind) {
        return switch (kind) {
            case "retries" -> concat(new String[] {"upstream", "during", "by"}, RETRY_CHECKS);
            case "health" -> HEALTH_CHECKS;
            case "shutdown" -> SHUTDOWN_CHECKS;
            case "fairness" -> concat(new String[] {"upstream", "tenants", "during", "limit", "by"}, FAIRNESS_CHECKS);
            case "balance" -> concat(new String[] {"upstream", "during", "match", "weights"}, BALANCE_CHECKS);
            case "drift" -> concat(new String[] {"upstream", "during", "baseline"}, DRIFT_CHECKS);
            default -> concat(new String[] {"during"}, LATENCY_CHECKS);
        };
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private boolean checksSomething(Fields f, String[] checks) {
        if (f.present(checks).isEmpty() && !f.hasUnknownKeys()) {
            f.problem("checks nothing (expected at least one of: " + String.join(", ", checks) + ")");
            return false;
        }
        return true;
    }

    private Optional<RetryExpectation> retries(Entry entry, Fields f) {
        int errors = context.problems().count();
        checksSomething(f, RETRY_CHECKS);
        for (String key : f.present(RETRY_FEATURES)) {
            context.use("expect.retries." + key, f, key);
        }
        String upstream = f.has("upstream") ? f.string("upstream").flatMap(u -> knownUpstream(u, f, "upstream")).orElse(null)
                : soleUpstream(f);
        List<String> during = f.get("during").map(n -> phases(n, f.at("during"))).orElse(List.of());
        CallsBy callsBy = f.get("by").flatMap(n -> callsBy(n, f.at("by"))).orElse(new CallsBy.Auto());
        OptionalDouble maxAmplification = toDouble(f.number("max-amplification", Range.atLeast(1)));
        OptionalInt maxAttempts = toInt(f.integer("max-attempts-per-call", Range.intAtLeast(1),
                "a number of attempts"));
        OptionalDouble maxRetryRatio = toDouble(f.number("max-retry-ratio", Range.between(0, 1)));
        Optional<Boolean> honorRetryAfter = f.bool("honor-retry-after");
        Optional<Boolean> requireJitter = f.bool("require-jitter");
        Set<Integer> noRetryOn = f.get("no-retry-on").map(n -> statuses(n, f.at("no-retry-on"))).orElse(Set.of());
        OptionalDouble maxSync = toDouble(f.number("max-sync", Range.atLeast(1)));
        Optional<Duration> maxRecovery = f.positiveDuration("max-recovery");
        if (context.problems().count() > errors || upstream == null) {
            return Optional.empty();
        }
        return Optional.of(new RetryExpectation(entry.id(), upstream, during, callsBy, maxAmplification, maxAttempts,
                maxRetryRatio, honorRetryAfter, requireJitter, noRetryOn, maxSync, maxRecovery));
    }

    private String soleUpstream(Fields f) {
        if (facts.upstreams().size() == 1) {
            return facts.upstreams().iterator().next();
        }
        f.problem(Messages.missingKey("upstream", "the upstream whose retries to check; known: "
                + Messages.known(facts.upstreams(), "declare it under upstreams")));
        return null;
    }

    private Optional<String> knownUpstream(String name, Fields f, String key) {
        if (!facts.upstreams().contains(name)) {
            f.problemAt(key, Messages.quote(name) + " names no upstream (known: "
                    + Messages.known(facts.upstreams(), "declare it under upstreams") + ")");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private List<String> phases(Node node, KeyPath path) {
        List<Node> items;
        if (node instanceof Node.Sequence sequence) {
            items = sequence.items();
            if (items.isEmpty()) {
                context.problems().add(node.location(), path, "is empty (expected a phase name or a list of them;"
                        + " leave during out for every phase)");
            }
        } else if (node instanceof Node.Scalar scalar && !scalar.isNull()) {
            items = List.of(node);
        } else {
            context.problems().add(node.location(), path, Messages.expected("a phase name or a list of them", node));
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            KeyPath at = node instanceof Node.Sequence ? path.index(i) : path;
            context.values().string(item, at).ifPresent(name -> {
                if (facts.phases().contains(name)) {
                    names.add(name);
                } else {
                    context.problems().add(item.location(), at, Messages.quote(name) + " names no phase (known: "
                            + Messages.known(facts.phases(), "declare it under phases") + ")");
                }
            });
        }
        return names;
    }

    private Optional<CallsBy> callsBy(Node node, KeyPath path) {
        return context.values().string(node, path).flatMap(text -> {
            if (text.equals("auto")) {
                return Optional.of(new CallsBy.Auto());
            }
            if (text.equals("client")) {
                return Optional.of(new CallsBy.Client());
            }
            if (text.startsWith(HEADER_PREFIX) && !text.substring(HEADER_PREFIX.length()).isBlank()) {
                return Optional.of(new CallsBy.Header(text.substring(HEADER_PREFIX.length()).strip()));
            }
            context.problems().add(node.location(), path, Messages.quote(text) + " is not a way to group attempts into"
                    + " calls (expected auto, client or header:NAME, such as header:X-Request-Id)");
            return Optional.empty();
        });
    }

    private Set<Integer> statuses(Node node, KeyPath path) {
        Set<Integer> statuses = new LinkedHashSet<>();
        if (node instanceof Node.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                context.values().integer(sequence.items().get(i), path.index(i), STATUS, "an HTTP status")
                        .ifPresent(s -> statuses.add((int) s));
            }
        } else {
            context.values().integer(node, path, STATUS, "an HTTP status").ifPresent(s -> statuses.add((int) s));
        }
        return statuses;
    }

    private Optional<HealthExpectation> health(Entry entry, Fields f) {
        int errors = context.problems().count();
        checksSomething(f, HEALTH_CHECKS);
        Optional<Duration> failsWithin = Optional.empty();
        Optional<Duration> recoversWithin = Optional.empty();
        if (f.has("readiness")) {
            needsReadinessProbe(f, "readiness");
            Optional<Fields> readiness = context.open(f.get("readiness").orElseThrow(), f.at("readiness"),
                    "fails-within", "recovers-within");
            if (readiness.isPresent()) {
                checksSomething(readiness.get(), new String[] {"fails-within", "recovers-within"});
                failsWithin = readiness.get().positiveDuration("fails-within");
                recoversWithin = readiness.get().positiveDuration("recovers-within");
            }
        }
        Optional<Boolean> staysUp = Optional.empty();
        if (f.has("liveness")) {
            if (!facts.livenessProbe()) {
                f.problemAt("liveness", "needs probes.liveness to watch (add probes: {liveness: {path: /health/live}})");
            }
            Optional<Fields> liveness = context.open(f.get("liveness").orElseThrow(), f.at("liveness"), "stays-up");
            if (liveness.isPresent()) {
                checksSomething(liveness.get(), new String[] {"stays-up"});
                staysUp = liveness.get().bool("stays-up");
            }
        }
        for (String key : f.present("max-false-healthy", "max-false-unhealthy")) {
            needsReadinessProbe(f, key);
            if (!facts.load()) {
                f.problemAt(key, "needs load, whose success rate is the truth readiness is judged against (add load)");
            }
        }
        if (f.has("max-probe-latency") && !facts.anyProbe()) {
            f.problemAt("max-probe-latency", "needs a probe to time (add probes)");
        }
        Optional<Duration> maxFalseHealthy = f.duration("max-false-healthy");
        Optional<Duration> maxFalseUnhealthy = f.duration("max-false-unhealthy");
        Optional<Duration> maxProbeLatency = f.positiveDuration("max-probe-latency");
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new HealthExpectation(entry.id(), failsWithin, recoversWithin, staysUp, maxFalseHealthy,
                maxFalseUnhealthy, maxProbeLatency));
    }

    private void needsReadinessProbe(Fields f, String key) {
        if (!facts.readinessProbe()) {
            f.problemAt(key, "needs probes.readiness to watch (add probes: {readiness: {path: /health/ready}})");
        }
    }

    private Optional<ShutdownExpectation> shutdown(Entry entry, Fields f) {
        int errors = context.problems().count();
        checksSomething(f, SHUTDOWN_CHECKS);
        if (!facts.startsTarget()) {
            f.problem("needs a target the harness starts and stops (add target.run)");
        }
        Optional<Duration> maxDrain = f.positiveDuration("max-drain");
        OptionalInt maxFailed = toInt(f.integer("max-failed-in-flight", Range.intAtLeast(0),
                "a number of requests"));
        List<Integer> exitCodes = f.get("exit-code").map(n -> exitCodes(n, f.at("exit-code"))).orElse(List.of());
        if (f.has("readiness-fails-before-exit")) {
            needsReadinessProbe(f, "readiness-fails-before-exit");
        }
        Optional<Boolean> readinessFails = f.bool("readiness-fails-before-exit");
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new ShutdownExpectation(entry.id(), maxDrain, maxFailed, exitCodes, readinessFails));
    }

    private List<Integer> exitCodes(Node node, KeyPath path) {
        Range range = Range.between(0, 255);
        List<Integer> codes = new ArrayList<>();
        if (node instanceof Node.Sequence sequence) {
            if (sequence.items().isEmpty()) {
                context.problems().add(node.location(), path, "is empty (expected an exit code or a list of them)");
            }
            for (int i = 0; i < sequence.items().size(); i++) {
                context.values().integer(sequence.items().get(i), path.index(i), range, "an exit code")
                        .ifPresent(c -> codes.add((int) c));
            }
        } else {
            context.values().integer(node, path, range, "an exit code").ifPresent(c -> codes.add((int) c));
        }
        return codes;
    }

    private Optional<FairnessExpectation> fairness(Entry entry, Fields f) {
        int errors = context.problems().count();
        checksSomething(f, FAIRNESS_CHECKS);
        Optional<String> upstream = f.string("upstream").flatMap(u -> knownUpstream(u, f, "upstream"));
        boolean tenants = f.bool("tenants").orElse(false);
        if (f.has("upstream") && tenants) {
            f.problem("takes upstream or tenants: true, not both (keep one)");
        } else if (!f.has("upstream") && !tenants && !f.hasUnknownKeys()) {
            f.problem("needs upstream (fairness among target replicas at a limiting upstream) or tenants: true"
                    + " (fairness of the target's own limiter among load tenants)");
        }
        if (tenants && !facts.tenants()) {
            f.problemAt("tenants", "tenants: true needs load.tenants (declare the tenants under load)");
        }
        List<String> during = f.get("during").map(n -> phases(n, f.at("during"))).orElse(List.of());
        OptionalDouble minJain = toDouble(f.number("min-jain-index", Range.between(0, 1)));
        Optional<Boolean> honorRetryAfter = f.bool("honor-retry-after");
        OptionalDouble maxLimitError = toDouble(f.number("max-limit-error", Range.atLeast(0)));
        Optional<Rate> limit = f.rate("limit");
        OptionalDouble minGoodput = toDouble(f.number("min-goodput", Range.between(0, 1)));
        OptionalDouble maxHerd = toDouble(f.number("max-herd", Range.atLeast(1)));
        Optional<Boolean> validHeaders = f.bool("valid-ratelimit-headers");
        Optional<Boolean> perTenant = f.choice("by", "whose limit it is", LIMIT_PER_TENANT);
        if (f.has("limit") && !f.has("max-limit-error")) {
            f.problemAt("limit", "is used only by max-limit-error (add max-limit-error, or remove limit)");
        }
        if (f.has("by") && !tenants) {
            f.problemAt("by", "says whose the target's limit is, so it needs tenants: true (at an upstream the"
                    + " rate-limit fault's by says it)");
        } else if (f.has("by") && !f.has("limit")) {
            f.problemAt("by", "is used only with limit (add limit, such as limit: 10/s, or remove by)");
        }
        for (String key : f.present("min-goodput", "max-herd")) {
            if (tenants) {
                f.problemAt(key, "judges target replicas at a fake upstream's limit, so it needs upstream (the tenants"
                        + " are the harness's own load)");
            }
        }
        if (f.has("min-goodput") && upstream.isPresent() && !facts.rateLimitedUpstreams().contains(upstream.get())) {
            f.problemAt("min-goodput", "needs a rate-limit fault on " + Messages.quote(upstream.get())
                    + " to know what the limit allows (add one to a phase)");
        }
        if (f.has("valid-ratelimit-headers") && f.has("upstream")) {
            f.problemAt("valid-ratelimit-headers", "judges the RateLimit fields of the target's own limiter, so it needs"
                    + " tenants: true (at a fake upstream the harness writes them itself)");
        }
        if (f.has("max-limit-error") && !f.has("limit")) {
            if (tenants) {
                f.problemAt("max-limit-error", "needs limit, the target's configured limit, to compare with (add limit,"
                        + " such as limit: 100/s)");
            } else if (upstream.isPresent() && !facts.rateLimitedUpstreams().contains(upstream.get())) {
                f.problemAt("max-limit-error", "needs a limit to compare with (add limit, or a rate-limit fault on "
                        + Messages.quote(upstream.get()) + ")");
            }
        }
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new FairnessExpectation(entry.id(), upstream, tenants, during, minJain, honorRetryAfter,
                maxLimitError, limit, perTenant.orElse(false), minGoodput, maxHerd, validHeaders));
    }

    private Optional<LatencyExpectation> latency(Entry entry, Fields f) {
        int errors = context.problems().count();
        checksSomething(f, LATENCY_CHECKS);
        if (!facts.load()) {
            f.problem("measures the load the harness sends, so it needs load (add load)");
        }
        List<String> during = f.get("during").map(n -> phases(n, f.at("during"))).orElse(List.of());
        Optional<Duration> p50 = f.positiveDuration("p50");
        Optional<Duration> p90 = f.positiveDuration("p90");
        Optional<Duration> p99 = f.positiveDuration("p99");
        Optional<Duration> max = f.positiveDuration("max");
        OptionalDouble minSuccessRate = toDouble(f.number("min-success-rate", Range.between(0, 1)));
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new LatencyExpectation(entry.id(), during, p50, p90, p99, max, minSuccessRate));
    }

    private Optional<BalanceExpectation> balance(Entry entry, Fields f) {
        int errors = context.problems().count();
        checksSomething(f, BALANCE_CHECKS);
        String upstream = f.has("upstream") ? f.string("upstream").flatMap(u -> knownUpstream(u, f, "upstream")).orElse(null)
                : soleUpstream(f);
        int instances = upstream == null ? 1 : facts.instancesOf(upstream);
        if (upstream != null && instances < 2) {
            f.problem("judges how requests spread over a pool, but upstream " + upstream + " has one instance (add"
                    + " instances: N to it)");
        }
        List<String> during = f.get("during").map(n -> phases(n, f.at("during"))).orElse(List.of());
        RequestMatch match = f.get("match").flatMap(n -> MatchBinder.bind(n, f.at("match"), context)).orElse(RequestMatch.ANY);
        if (!match.headers().isEmpty() || !match.query().isEmpty()) {
            f.problemAt("match", "can choose requests by method and path only (the journal keeps no other header"
                    + " or the query; remove headers and query)");
        }
        List<Double> weights = f.get("weights").map(n -> weights(n, f.at("weights"), instances)).orElse(List.of());
        OptionalDouble maxShareError = toDouble(f.number("max-share-error", Range.between(0, 1)));
        OptionalDouble maxShareToSlow = toDouble(f.number("max-share-to-slow", Range.between(0, 1)));
        Optional<Duration> ejectsWithin = f.positiveDuration("ejects-within");
        Optional<Duration> readmitsWithin = f.positiveDuration("readmits-within");
        Optional<StickyKey> stickyBy = f.get("sticky-by").flatMap(n -> stickyKey(n, f.at("sticky-by")));
        if (context.problems().count() > errors || upstream == null) {
            return Optional.empty();
        }
        return Optional.of(new BalanceExpectation(entry.id(), upstream, during, match, weights, maxShareError,
                maxShareToSlow, ejectsWithin, readmitsWithin, stickyBy));
    }

    private Optional<DriftExpectation> drift(Entry entry, Fields f) {
        int errors = context.problems().count();
        checksSomething(f, DRIFT_CHECKS);
        String upstream = f.has("upstream") ? f.string("upstream").flatMap(u -> knownUpstream(u, f, "upstream")).orElse(null)
                : facts.upstreams().size() == 1 ? facts.upstreams().iterator().next() : null;
        if (!f.has("upstream") && facts.upstreams().size() != 1) {
            f.problem(Messages.missingKey("upstream", "the upstream whose drift and deprecate rules count; known: "
                    + Messages.known(facts.upstreams(), "declare it under upstreams")));
        }
        List<String> during = f.get("during").map(n -> phases(n, f.at("during"))).orElse(List.of());
        Optional<String> baseline = Optional.empty();
        if (f.has("baseline")) {
            Node node = f.get("baseline").orElseThrow();
            if (node instanceof Node.Sequence) {
                f.problemAt("baseline", "names one phase, not a list (such as baseline: steady)");
            } else {
                List<String> named = phases(node, f.at("baseline"));
                baseline = named.isEmpty() ? Optional.empty() : Optional.of(named.get(0));
                if (baseline.isPresent() && during.contains(baseline.get())) {
                    f.problemAt("baseline", Messages.quote(baseline.get()) + " is also in during (the baseline is"
                            + " the phase the drift phases are compared with; name another phase)");
                }
            }
        }
        OptionalDouble maxSuccessDrop = toDouble(f.number("max-success-drop", Range.between(0, 1)));
        if (f.has("max-success-drop") && !facts.load()) {
            f.problemAt("max-success-drop", "compares the success rate of the load the harness sends, so it needs"
                    + " load (add load with the target's requests)");
        }
        OptionalInt maxCallsAfterSunset = toInt(f.integer("max-calls-after-sunset", Range.atLeast(0), "a number of requests"));
        if (context.problems().count() > errors || upstream == null) {
            return Optional.empty();
        }
        return Optional.of(new DriftExpectation(entry.id(), upstream, during, baseline, maxSuccessDrop,
                maxCallsAfterSunset));
    }

    private Optional<StickyKey> stickyKey(Node node, KeyPath path) {
        return context.values().string(node, path).flatMap(text -> {
            if (text.equals("client")) {
                return Optional.of(new StickyKey.Client());
            }
            if (text.startsWith(HEADER_PREFIX)) {
                String name = text.substring(HEADER_PREFIX.length()).strip();
                Optional<String> kept = JOURNALLED_HEADERS.stream().filter(h -> h.equalsIgnoreCase(name)).findFirst();
                if (kept.isPresent()) {
                    return Optional.of(new StickyKey.Header(kept.get()));
                }
            }
            context.problems().add(node.location(), path, Messages.quote(text) + " is not a key requests can be followed by"
                    + " (expected client, or header:NAME with a header the journal keeps: " + String.join(", ", JOURNALLED_HEADERS)
                    + ")");
            return Optional.empty();
        });
    }

    // One positive weight per instance, in instance order.
    private List<Double> weights(Node node, KeyPath path, int instances) {
        String what = "a list of " + instances + " weights, one per instance in instance order, such as [3, 1, 1]";
        Optional<List<Node>> items = context.values().list(node, path, what);
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.get().size() != instances) {
            context.problems().add(node.location(), path, "has " + items.get().size() + " weights but the upstream has "
                    + instances + " instances (expected " + what + ")");
            return List.of();
        }
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            context.values().number(items.get().get(i), path.index(i), Range.above(0)).ifPresent(w -> weights.add(w.doubleValue()));
        }
        return weights;
    }

    private static OptionalDouble toDouble(Optional<BigDecimal> value) {
        return value.map(v -> OptionalDouble.of(v.doubleValue())).orElse(OptionalDouble.empty());
    }

    private static OptionalInt toInt(OptionalLong value) {
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }
}
