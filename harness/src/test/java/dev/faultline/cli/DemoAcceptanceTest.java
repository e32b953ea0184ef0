package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled demo does what the README promises: the naive client fails the gate, the polite one passes. */
class DemoAcceptanceTest {
    private static final Path DEMO = Path.of("..", "scenarios", "demo").toAbsolutePath().normalize();

    @TempDir
    Path reports;

    @Test
    void theNaiveClientFailsTheGateAndThePoliteOnePasses() throws Exception {
        CliRunner cli = new CliRunner(DEMO.getParent().getParent());

        int code = cli.run("run", DEMO.toString(), "--report-dir", reports.toString());

        assertThat(code).as(cli.out() + cli.err()).isEqualTo(ExitCodes.FAILED);
        JsonNode naive = Faultline.report(reports.resolve("naive-client-storms-payments"));
        JsonNode polite = Faultline.report(reports.resolve("polite-client-rides-out-a-payments-outage"));
        assertThat(naive.get("verdict").asText()).isEqualTo("failed");
        assertThat(polite.get("verdict").asText()).isEqualTo("held");
        for (JsonNode check : naive.get("expectations")) {
            assertThat(check.get("status").asText()).as(check.get("id").asText()).isEqualTo("failed");
        }
        JsonNode naiveAmplification = naive.at("/expectations/0");
        assertThat(naiveAmplification.get("id").asText()).isEqualTo("retries.max-amplification");
        assertThat(naiveAmplification.get("measured").asDouble()).as("a storm, not a few retries").isGreaterThan(20);
        JsonNode politeAmplification = polite.at("/expectations/0");
        assertThat(politeAmplification.get("measured").asDouble()).isBetween(1.0, 2.0);
        assertThat(cli.out()).contains("FAILED       ").contains("HELD         ");
    }
}
