package dev.faultline.analysis.fairness;

import java.util.List;
import java.util.Map;

/**
 * Whether a limiter's {@code RateLimit} and {@code RateLimit-Policy} fields can be believed (metrics
 * L5): a field that does not parse (draft-ietf-httpapi-ratelimit-headers-10) must be ignored by
 * clients, so it tells them nothing; a 429 whose own {@code RateLimit} says quota is left
 * ({@code r > 0} for every policy), or whose {@code Retry-After} points earlier than the {@code t} of
 * its exhausted policy (the draft: it SHOULD NOT), contradicts itself.
 *
 * @param responses    responses that carried either field
 * @param malformed    of them, with a field that does not parse
 * @param contradicting of them, with fields that contradict the response
 * @param badByClient  malformed or contradicting responses per client
 * @param findings     the first few, in time order
 */
public record RateLimitAudit(long responses, long malformed, long contradicting, Map<String, Long> badByClient,
                             List<Finding> findings) {
    /** Findings kept for the explanation. */
    public static final int MAX_FINDINGS = 3;

    public RateLimitAudit {
        badByClient = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(badByClient));
        findings = List.copyOf(findings);
    }

    /** One bad response: whose, when, its status, and what was wrong. */
    public record Finding(String client, long atNanos, int status, String what) {
    }
}
