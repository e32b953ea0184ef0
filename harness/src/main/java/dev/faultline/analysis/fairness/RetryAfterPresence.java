package dev.faultline.analysis.fairness;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a limiter's 429s say when to come back (metrics L4, presence): a 429 without a
 * {@code Retry-After} that parses (delay-seconds or an HTTP-date) leaves its client to guess.
 *
 * @param refusalsByClient 429s per client
 * @param missingByClient  of them, without a valid Retry-After, per client
 * @param firstMissing     the first such 429, if any
 * @param values           the Retry-After values sent, most frequent first (at most five)
 */
public record RetryAfterPresence(Map<String, Long> refusalsByClient, Map<String, Long> missingByClient,
                                 Optional<FairnessSample> firstMissing, List<String> values) {
    public RetryAfterPresence {
        refusalsByClient = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(refusalsByClient));
        missingByClient = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(missingByClient));
        values = List.copyOf(values);
    }

    public long refusals() {
        return refusalsByClient.values().stream().mapToLong(Long::longValue).sum();
    }

    public long missing() {
        return missingByClient.values().stream().mapToLong(Long::longValue).sum();
    }
}
