package dev.faultline.analysis.fairness;

import dev.faultline.analysis.Timeline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.faultline.analysis.fairness.FairnessJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;

class LimiterHeaderAnalyzerTest {
    private static Map<String, List<FairnessSample>> tenants(FairnessJournal j) {
        List<dev.faultline.journal.Event> events = j.events();
        return FairnessSamples.ofTenants(events, Timeline.of(events).phases(), List.of("heavy", "light"));
    }

    @Test
    void a429WithoutAValidRetryAfterIsCountedForItsTenant() {
        RetryAfterPresence p = LimiterHeaderAnalyzer.retryAfter(tenants(journal().phase("run", 0).end(5)
                .request("heavy", 1.0, 429, "1", null, null)
                .request("heavy", 1.1, 429, null, null, null)
                .request("light", 1.2, 429, "later", null, null)
                .request("light", 1.3, 200, null, null, null)));

        assertThat(p.refusals()).isEqualTo(3);
        assertThat(p.missingByClient()).containsEntry("heavy", 1L).containsEntry("light", 1L);
        assertThat(p.firstMissing()).hasValueSatisfying(s -> assertThat(s.atNanos()).isEqualTo(1_100_000_000L));
        assertThat(p.values()).containsExactly("1");
    }

    @Test
    void fieldsThatParseAndAgreeWithTheirResponseAreGood() {
        RateLimitAudit a = LimiterHeaderAnalyzer.rateLimit(tenants(journal().phase("run", 0).end(5)
                .request("heavy", 1.0, 200, null, "\"default\";r=0;t=1", "\"default\";q=10;w=1")
                .request("heavy", 1.1, 429, "1", "\"default\";r=0;t=1", "\"default\";q=10;w=1")
                .request("light", 1.2, 200, null, null, null)));

        assertThat(a.responses()).isEqualTo(2);
        assertThat(a.malformed() + a.contradicting()).isZero();
        assertThat(a.findings()).isEmpty();
    }

    @Test
    void fieldsThatDoNotParseOrContradictTheResponseAreNamed() {
        RateLimitAudit a = LimiterHeaderAnalyzer.rateLimit(tenants(journal().phase("run", 0).end(5)
                .request("heavy", 1.0, 200, null, "limit=10, remaining=9", null)
                .request("heavy", 1.1, 429, "1", "\"default\";r=4;t=1", null)
                .request("light", 1.2, 429, "1", "\"default\";r=0;t=5", null)
                .request("light", 1.3, 200, null, null, "\"default\";w=1")));

        assertThat(a.responses()).isEqualTo(4);
        assertThat(a.malformed()).isEqualTo(2);
        assertThat(a.contradicting()).isEqualTo(2);
        assertThat(a.badByClient()).containsEntry("heavy", 2L).containsEntry("light", 2L);
        assertThat(a.findings()).extracting(RateLimitAudit.Finding::what).containsExactly(
                "RateLimit: limit=10, remaining=9 does not parse (has '=' at 6 where ',' was expected)",
                "a 429 with RateLimit: \"default\";r=4;t=1, which says quota is left",
                "a 429 with Retry-After: 1, earlier than the t=5 of its RateLimit: \"default\";r=0;t=5");
    }
}
