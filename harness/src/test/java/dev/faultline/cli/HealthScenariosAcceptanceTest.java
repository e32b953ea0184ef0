package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four sample services of {@code scenarios/services/} under their scenarios in
 * {@code scenarios/health/}: the honest one holds, each dishonest one fails on exactly its lie.
 */
@Isolated
class HealthScenariosAcceptanceTest {
    private static final Path SCENARIOS = Path.of("..", "scenarios", "health").toAbsolutePath().normalize();

    private static final List<String> FILES = List.of("honest.yaml", "always-200.yaml", "coupled-liveness.yaml",
            "hanging-health.yaml");

    @TempDir
    static Path reports;

    /** Each scenario's exit code and output, run two at a time (they spend most of their 20 s waiting on phases). */
    private static final Map<String, CompletableFuture<String[]>> RUNS = new ConcurrentHashMap<>();

    @BeforeAll
    static void runTwoAtATime() {
        ExecutorService two = Executors.newFixedThreadPool(2);
        for (String file : FILES) {
            RUNS.put(file, CompletableFuture.supplyAsync(() -> {
                CliRunner cli = new CliRunner(SCENARIOS.getParent().getParent());
                int code = cli.run("run", SCENARIOS.resolve(file).toString(), "--report-dir", reports.resolve(file).toString());
                return new String[] {String.valueOf(code), cli.out() + cli.err()};
            }, two));
        }
        two.shutdown();
    }

    private JsonNode run(String file, int expectedExit) throws Exception {
        String[] outcome = RUNS.get(file).get(5, TimeUnit.MINUTES);
        assertThat(Integer.parseInt(outcome[0])).as(outcome[1]).isEqualTo(expectedExit);
        return Faultline.report(reports.resolve(file));
    }

    private static String status(JsonNode report, String id) {
        return Faultline.check(report, id).get("status").asText();
    }

    @Test
    void theHonestServiceHoldsThroughAnOutageAndASlowDependency() throws Exception {
        JsonNode report = run("honest.yaml", ExitCodes.HELD);

        for (JsonNode check : report.get("expectations")) {
            assertThat(check.get("status").asText()).as(check.get("id") + ": " + check.get("explanation")).isEqualTo("passed");
        }
        assertThat(Faultline.check(report, "health.readiness.fails-within").get("measured").asDouble()).isLessThan(1.5);
        assertThat(Faultline.check(report, "health.max-probe-latency").get("measured").asDouble()).isLessThan(500);
    }

    @Test
    void aServiceWhoseHealthAlwaysAnswers200IsFalselyReadyThroughTheOutage() throws Exception {
        JsonNode report = run("always-200.yaml", ExitCodes.FAILED);

        assertThat(Faultline.check(report, "health.readiness.fails-within").get("measuredText").asText()).isEqualTo("never");
        assertThat(status(report, "health.readiness.fails-within")).isEqualTo("failed");
        assertThat(status(report, "health.max-false-healthy")).isEqualTo("failed");
        assertThat(Faultline.check(report, "health.max-false-healthy").get("measured").asDouble()).isBetween(3.0, 4.5);
        assertThat(status(report, "health.status-matches-code")).isEqualTo("failed");
        assertThat(Faultline.check(report, "health.status-matches-code").get("explanation").asText())
                .startsWith("readiness answered 200 with status \"fail\"");
        assertThat(status(report, "health.liveness.stays-up")).isEqualTo("passed");
        assertThat(status(report, "health.max-probe-latency")).isEqualTo("passed");
    }

    @Test
    void aServiceWhoseLivenessChecksItsDependencyFailsStaysUpAndNothingElse() throws Exception {
        JsonNode report = run("coupled-liveness.yaml", ExitCodes.FAILED);

        assertThat(status(report, "health.liveness.stays-up")).isEqualTo("failed");
        assertThat(Faultline.check(report, "health.liveness.stays-up").get("explanation").asText()).contains("during fault phases");
        for (String id : new String[] {"health.readiness.fails-within", "health.readiness.recovers-within",
            "health.max-false-healthy", "health.max-false-unhealthy", "health.max-probe-latency"}) {
            assertThat(status(report, id)).as(id + ": " + Faultline.check(report, id).get("explanation")).isEqualTo("passed");
        }
    }

    @Test
    void aHealthCheckThatWaitsOnASlowDependencyTimesOutAndTakesLivenessDown() throws Exception {
        JsonNode report = run("hanging-health.yaml", ExitCodes.FAILED);

        assertThat(status(report, "health.max-probe-latency")).isEqualTo("failed");
        assertThat(Faultline.check(report, "health.max-probe-latency").get("measured").asDouble()).isGreaterThanOrEqualTo(1000);
        assertThat(Faultline.check(report, "health.max-probe-latency").get("explanation").asText())
                .endsWith("a health check that waits on a slow dependency");
        assertThat(status(report, "health.liveness.stays-up")).isEqualTo("failed");
        assertThat(status(report, "health.max-false-healthy")).isEqualTo("passed");
    }
}
