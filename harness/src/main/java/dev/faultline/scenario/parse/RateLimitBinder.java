package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitHeaders;
import dev.faultline.upstream.spec.RateLimitKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** Binds a fault rule's {@code rate-limit: {limit, every, by, algorithm, headers}}. */
final class RateLimitBinder {
    static final Duration DEFAULT_EVERY = Duration.ofSeconds(1);

    private static final Map<String, RateLimitAlgorithm> ALGORITHMS = byKey(RateLimitAlgorithm.values(), RateLimitAlgorithm::key);
    private static final Map<String, RateLimitHeaders> HEADERS = byKey(RateLimitHeaders.values(), RateLimitHeaders::key);
    private static final String HEADER_PREFIX = "header:";

    private final BindContext context;

    RateLimitBinder(BindContext context) {
        this.context = context;
    }

    /** The rate limit at {@code node}; empty when it has errors (already reported). */
    Optional<FaultAction> bind(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, OldSpellings.RATE_LIMIT, "limit", "every", "by", "algorithm", "headers");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        OptionalLong limit = f.required("limit", "how many requests to admit per period, such as limit: 10").isPresent()
                ? f.integer("limit", Range.intAtLeast(1), "a number of requests") : OptionalLong.empty();
        Duration every = f.positiveDuration("every").orElse(DEFAULT_EVERY);
        RateLimitKey by = f.get("by").flatMap(n -> by(n, f.at("by"))).orElse(new RateLimitKey.Global());
        RateLimitAlgorithm algorithm = f.choice("algorithm", "a rate-limit algorithm", ALGORITHMS)
                .orElse(RateLimitAlgorithm.TOKEN_BUCKET);
        List<RateLimitHeaders> headers = f.get("headers").map(n -> headers(n, f.at("headers")))
                .orElse(List.of(RateLimitHeaders.RETRY_AFTER));
        if (context.problems().count() > errors || limit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FaultAction.RateLimit((int) limit.getAsLong(), every, by, algorithm, headers));
    }

    private Optional<RateLimitKey> by(Node node, KeyPath path) {
        return context.values().string(node, path).flatMap(text -> {
            if (text.equals("global")) {
                return Optional.of(new RateLimitKey.Global());
            }
            if (text.equals("client")) {
                return Optional.of(new RateLimitKey.Client());
            }
            if (text.startsWith(HEADER_PREFIX) && !text.substring(HEADER_PREFIX.length()).isBlank()) {
                return Optional.of(new RateLimitKey.Header(text.substring(HEADER_PREFIX.length()).strip()));
            }
            context.problems().add(node.location(), path, Messages.quote(text) + " is not what a rate limit counts by"
                    + " (expected global, client or header:NAME, such as header:X-Api-Key)");
            return Optional.empty();
        });
    }

    private List<RateLimitHeaders> headers(Node node, KeyPath path) {
        Optional<List<Node>> items = context.values().list(node, path,
                "a list of header families (retry-after, ratelimit, x-ratelimit)");
        List<RateLimitHeaders> headers = new ArrayList<>();
        for (int i = 0; i < items.orElse(List.of()).size(); i++) {
            Node item = items.get().get(i);
            Optional<RateLimitHeaders> family = context.values().choice(item, path.index(i), "a rate-limit header family",
                    HEADERS);
            if (family.isPresent() && headers.contains(family.get())) {
                context.problems().add(item.location(), path.index(i), family.get().key()
                        + " is listed twice (list each header family once)");
            } else {
                family.ifPresent(headers::add);
            }
        }
        return headers;
    }

    private static <E> Map<String, E> byKey(E[] values, Function<E, String> key) {
        Map<String, E> map = new LinkedHashMap<>();
        Arrays.stream(values).forEach(v -> map.put(key.apply(v), v));
        return map;
    }
}
