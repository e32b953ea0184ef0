package dev.faultline.analysis.retry;

import dev.faultline.analysis.JournalFixture;
import dev.faultline.scenario.CallsBy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.faultline.analysis.JournalFixture.journal;
import static org.assertj.core.api.Assertions.assertThat;

class NonRetryableAnalyzerTest {

    private static NonRetryableMeasurement measure(JournalFixture j, CallsBy callsBy, Set<Integer> noRetryOn) {
        RetryScope scope = new RetryScope("payments", List.of("outage"), callsBy, Optional.empty(), noRetryOn,
                List.of("outage"), Optional.empty());
        return RetryAnalysis.of(j.events(), scope).nonRetryable().orElseThrow();
    }

    @Test
    void aRetryAfterAListedStatusIsCountedWithTheResponsesThatHadIt() {
        JournalFixture j = journal().phase("outage", 0).end(10_000)
                .attempt("payments", 1.0).call("a").status(404).add()
                .attempt("payments", 1.2).call("a").status(404).add()
                .attempt("payments", 2.0).call("b").status(404).add()
                .attempt("payments", 3.0).call("c").status(503).add()
                .attempt("payments", 3.5).call("c").status(503).add();

        NonRetryableMeasurement m = measure(j, new CallsBy.Auto(), Set.of(404, 400));

        assertThat(m.responses()).containsEntry(404, 3L).doesNotContainKey(400);
        assertThat(m.retriedAfterStatus()).singleElement().satisfies(r -> {
            assertThat(r.call().key()).isEqualTo("a");
            assertThat(r.previous().status()).isEqualTo(404);
        });
    }

    @Test
    void byClientAListedStatusLeavesTheCallOpenSoItsRetryIsSeen() {
        // A command-line client asked twice after a 404: with no-retry-on: [404] the second ask is a retry.
        JournalFixture j = journal().phase("outage", 0).end(10_000)
                .attempt("payments", 1.0).client(0).status(404).add()
                .attempt("payments", 2.0).client(0).status(404).add();

        assertThat(measure(j, new CallsBy.Client(), Set.of(404)).retriedAfterStatus()).hasSize(1);
        assertThat(measure(j, new CallsBy.Client(), Set.of()).retriedAfterStatus()).isEmpty();
    }

    @Test
    void retriesOfPostWithoutAnIdempotencyKeyAreFoundAndKeyedOnesAreNot() {
        JournalFixture j = journal().phase("outage", 0).end(10_000)
                .attempt("payments", 1.0).call("bare").method("POST").add()
                .attempt("payments", 1.5).call("bare").method("POST").add()
                .attempt("payments", 1.0).call("keyed").method("POST").key("k1").add()
                .attempt("payments", 1.5).call("keyed").method("POST").key("k1").add()
                .attempt("payments", 1.0).call("get").add()
                .attempt("payments", 1.5).call("get").add();

        NonRetryableMeasurement m = measure(j, new CallsBy.Header("X-Request-Id"), Set.of());

        assertThat(m.unkeyedRetries()).singleElement().satisfies(r -> assertThat(r.call().key()).isEqualTo("bare"));
    }
}
