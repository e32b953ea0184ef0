package dev.faultline.fairness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCodes;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample clients of {@code scenarios/clients/} at a rate-limited fake upstream, each through its
 * scenario in {@code scenarios/fairness/} and the real command line: the one that honours 429 and
 * Retry-After with jitter holds every check, the one that ignores them fails honor-retry-after, the
 * one that over-throttles fails min-goodput, and a polite replica next to a greedy one at a shared
 * limit fails min-jain-index.
 *
 * <p>The scenarios run one after another in one {@code faultline run DIR}, so that their JVMs do not
 * compile side by side on two cores and late timers do not pass for client behaviour.
 */
@Isolated
class FairnessScenariosAcceptanceTest {
    private static final Path LIBRARY = Faultline.REPO.resolve("scenarios/fairness");

    @TempDir
    static Path reports;

    private static Faultline.Result run;

    @BeforeAll
    static void runEveryScenario() {
        run = Faultline.run(Faultline.REPO, "run", LIBRARY.toString(), "--report-dir", reports.toString());
    }

    private static JsonNode report(String slug) {
        return Faultline.report(reports.resolve(slug));
    }

    private static JsonNode check(String slug, String id) {
        return Faultline.check(report(slug), id);
    }

    private static String status(String slug, String id) {
        return check(slug, id).get("status").asText();
    }

    @Test
    void theRunEndsFailedBecauseThreeOfTheFourClientsFailTheirCheck() {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("4 scenario files");
    }

    @Test
    void aClientThatHonoursRetryAfterWithJitterHoldsEveryCheck() {
        String slug = "a-client-that-honours-429-and-retry-after";
        assertThat(report(slug).get("verdict").asText()).as(report(slug).toString()).isEqualTo("held");
        assertThat(check(slug, "fairness.honor-retry-after").get("measured").asDouble()).isZero();
        assertThat(check(slug, "fairness.min-goodput").get("measured").asDouble()).isGreaterThan(0.95);
        assertThat(check(slug, "fairness.min-jain-index").get("measured").asDouble()).isGreaterThan(0.95);
    }

    @Test
    void aClientThatIgnoresRetryAfterIsCaughtComingBackEarlyButGetsNoMoreThanTheLimitAllows() {
        String slug = "a-client-that-ignores-429-and-retry-after";
        JsonNode honoured = check(slug, "fairness.honor-retry-after");
        assertThat(honoured.get("status").asText()).isEqualTo("failed");
        // 20 requests a second for the ~6 s after each replica's first 429, nearly all inside a wait.
        assertThat(honoured.get("measured").asDouble()).as(honoured.toString()).isGreaterThan(200);
        assertThat(honoured.get("explanation").asText()).contains(" came before the wait their 429 named, from 3 replicas (replica 0: ");
        assertThat(status(slug, "fairness.min-goodput")).isEqualTo("passed");
        assertThat(status(slug, "fairness.min-jain-index")).isEqualTo("passed");
    }

    @Test
    void aClientThatSitsOutFarLongerThanAskedWastesWhatTheLimitAllows() {
        String slug = "a-client-that-over-throttles-itself";
        JsonNode goodput = check(slug, "fairness.min-goodput");
        assertThat(goodput.get("status").asText()).as(goodput.toString()).isEqualTo("failed");
        // 40 requests in each 6 s cycle of a 10/s limit: 2/3, less the scheduling slack of a busy machine.
        assertThat(goodput.get("measured").asDouble()).isBetween(0.5, 0.75);
        assertThat(status(slug, "fairness.honor-retry-after")).isEqualTo("passed");
        assertThat(check(slug, "fairness.honor-retry-after").get("explanation").asText()).contains(" s after a 429 that asked 1 s");
    }

    @Test
    void aGreedyReplicaAtASharedLimitStarvesThePoliteOneAndTheJainIndexSaysSo() {
        JsonNode jain = check("a-polite-client-next-to-a-greedy-one-at-a-shared-limit", "fairness.min-jain-index");
        assertThat(jain.get("status").asText()).as(jain.toString()).isEqualTo("failed");
        assertThat(jain.get("measured").asDouble()).isLessThan(0.85);
        assertThat(jain.get("explanation").asText()).startsWith("replicas 0, 1 at api during limited: demand ")
                .contains("; the least served, replica 1, got ");
    }
}
