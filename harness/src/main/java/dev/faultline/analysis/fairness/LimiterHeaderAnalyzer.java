package dev.faultline.analysis.fairness;

import dev.faultline.analysis.RetryAfterValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads what a limiter's responses say about its limit: {@link RetryAfterPresence} and {@link RateLimitAudit}. Pure. */
public final class LimiterHeaderAnalyzer {
    private LimiterHeaderAnalyzer() {
    }

    /** Whether each 429 carried a valid Retry-After. */
    public static RetryAfterPresence retryAfter(Map<String, List<FairnessSample>> samples) {
        Map<String, Long> refusals = new LinkedHashMap<>();
        Map<String, Long> missing = new LinkedHashMap<>();
        Map<String, Long> values = new LinkedHashMap<>();
        FairnessSample first = null;
        for (Map.Entry<String, List<FairnessSample>> client : samples.entrySet()) {
            long refused = 0;
            long without = 0;
            for (FairnessSample s : client.getValue()) {
                if (!s.refused()) {
                    continue;
                }
                refused++;
                if (s.retryAfter() == null || RetryAfterValue.parse(s.retryAfter()) instanceof RetryAfterValue.Invalid) {
                    without++;
                    if (first == null || s.atNanos() < first.atNanos()) {
                        first = s;
                    }
                } else {
                    values.merge(s.retryAfter().trim(), 1L, Long::sum);
                }
            }
            refusals.put(client.getKey(), refused);
            missing.put(client.getKey(), without);
        }
        List<String> common = values.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5).map(Map.Entry::getKey).toList();
        return new RetryAfterPresence(refusals, missing, Optional.ofNullable(first), common);
    }

    /** Every response's RateLimit fields, read and held against its status and Retry-After. */
    public static RateLimitAudit rateLimit(Map<String, List<FairnessSample>> samples) {
        long responses = 0;
        long malformed = 0;
        long contradicting = 0;
        Map<String, Long> bad = new LinkedHashMap<>();
        List<RateLimitAudit.Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<FairnessSample>> client : samples.entrySet()) {
            long clientBad = 0;
            for (FairnessSample s : client.getValue()) {
                if (s.rateLimit() == null && s.rateLimitPolicy() == null) {
                    continue;
                }
                responses++;
                String problem = malformedIn(s);
                if (problem != null) {
                    malformed++;
                } else {
                    problem = contradictionIn(s);
                    contradicting += problem != null ? 1 : 0;
                }
                if (problem != null) {
                    clientBad++;
                    findings.add(new RateLimitAudit.Finding(client.getKey(), s.atNanos(), s.status(), problem));
                }
            }
            bad.put(client.getKey(), clientBad);
        }
        findings.sort(Comparator.comparingLong(RateLimitAudit.Finding::atNanos));
        return new RateLimitAudit(responses, malformed, contradicting, bad,
                findings.subList(0, Math.min(RateLimitAudit.MAX_FINDINGS, findings.size())));
    }

    private static String malformedIn(FairnessSample s) {
        if (s.rateLimit() != null && RateLimitFields.rateLimit(s.rateLimit()) instanceof RateLimitFields.Malformed m) {
            return "RateLimit: " + s.rateLimit() + " does not parse (" + m.why() + ")";
        }
        if (s.rateLimitPolicy() != null && RateLimitFields.policy(s.rateLimitPolicy()) instanceof RateLimitFields.Malformed m) {
            return "RateLimit-Policy: " + s.rateLimitPolicy() + " does not parse (" + m.why() + ")";
        }
        return null;
    }

    private static String contradictionIn(FairnessSample s) {
        if (!s.refused() || s.rateLimit() == null) {
            return null;
        }
        RateLimitFields.Valid fields = (RateLimitFields.Valid) RateLimitFields.rateLimit(s.rateLimit());
        OptionalLong reset = fields.exhaustedResetSeconds();
        if (reset.isEmpty()) {
            return "a 429 with RateLimit: " + s.rateLimit() + ", which says quota is left";
        }
        if (s.retryAfter() != null && RetryAfterValue.parse(s.retryAfter()) instanceof RetryAfterValue.Delay delay
                && delay.seconds() < reset.getAsLong()) {
            return "a 429 with Retry-After: " + s.retryAfter().trim() + ", earlier than the t=" + reset.getAsLong()
                    + " of its RateLimit: " + s.rateLimit();
        }
        return null;
    }
}
