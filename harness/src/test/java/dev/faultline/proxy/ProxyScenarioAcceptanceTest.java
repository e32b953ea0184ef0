package dev.faultline.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCodes;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled scenarios of {@code scenarios/proxy/} run end to end with their real dependency (nginx
 * from the folder's own {@code nginx.conf}, started by the target's script) and curl as the client:
 * an outage injected into the real traffic is judged (held), and the real dependency's own 503s are
 * judged too (a retry storm, failed), never "no fault fired"; contract drift on nginx's real JSON breaks
 * a Python attribute reader (failed, naming the mutation).
 */
class ProxyScenarioAcceptanceTest {
    private static final Path LIBRARY = Faultline.REPO.resolve("scenarios/proxy");

    @TempDir
    Path dir;

    private Faultline.Result run(String scenario, Path out) {
        return Faultline.run(dir, "run", LIBRARY.resolve(scenario).toString(), "--report-dir", out.toString());
    }

    @Test
    void anOutageInjectedIntoRealTrafficIsRiddenOut() throws Exception {
        Path out = dir.resolve("injected");
        Faultline.Result result = run("injected-outage.yaml", out);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
        JsonNode attempts = Faultline.check(Faultline.report(out), "retries.max-attempts-per-call");
        assertThat(attempts.get("status").asText()).isEqualTo("passed");
        assertThat(attempts.get("measured").asDouble()).isEqualTo(3.0);
        String journal = Files.readString(out.resolve("journal.jsonl"));
        assertThat(journal).as("calls outside the outage reached nginx").contains("\"effect\":\"proxy\",\"status\":200");
        assertThat(journal).contains("\"dependency\":{\"status\":200");
    }

    @Test
    void aRealDependencysOwnOutageIsJudgedLikeAnInjectedOne() throws Exception {
        Path out = dir.resolve("dependency");
        Faultline.Result result = run("dependency-outage.yaml", out);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        JsonNode attempts = Faultline.check(Faultline.report(out), "retries.max-attempts-per-call");
        assertThat(attempts.get("status").asText()).isEqualTo("failed");
        assertThat(attempts.get("measured").asDouble()).isEqualTo(4.0);
        assertThat(attempts.get("explanation").asText()).doesNotContain("no fault fired");
        assertThat(Files.readString(out.resolve("journal.jsonl"))).contains("\"dependency\":{\"status\":503");
    }

    @Test
    void driftOnTheRealDependencysJsonBreaksAnAttributeReader() throws Exception {
        Path out = dir.resolve("drifted");
        Faultline.Result result = run("drifted-dependency.yaml", out);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        JsonNode drop = Faultline.check(Faultline.report(out), "drift.max-success-drop");
        assertThat(drop.get("status").asText()).as(drop.toString()).isEqualTo("failed");
        assertThat(drop.get("measured").asDouble()).isGreaterThan(0.9);
        assertThat(drop.get("explanation").asText()).contains("what broke the client: rename-field on GET /v1/orders/42");
        String journal = Files.readString(out.resolve("journal.jsonl"));
        assertThat(journal).as("the drifted bodies were nginx's").contains("\"effect\":\"drift\",\"status\":200")
                .contains("\"dependency\":{\"status\":200").contains("rename-field $.total: 1 changed");
    }

    @Test
    void aProxyUrlFromTheEnvironmentIsResolvedOrRefusedAtItsLine() throws Exception {
        Path file = dir.resolve("env.yaml");
        Files.writeString(file, """
                name: env proxy
                upstreams:
                  payments:
                    proxy: ${env.FAULTLINE_TEST_DEPENDENCY}
                phases:
                  - {name: a, duration: 100ms}
                """);
        Faultline.Result unset = Faultline.run(dir, "run", file.toString(), "--report-dir", dir.resolve("unset").toString());
        assertThat(unset.exitCode()).as(unset.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(unset.toString()).contains("env.yaml:4:12: ${env.FAULTLINE_TEST_DEPENDENCY} is not set");

        Faultline.Result set = Faultline.runWithEnv(dir, Map.of("FAULTLINE_TEST_DEPENDENCY", "http://127.0.0.1:9/base"),
                "run", file.toString(), "--report-dir", dir.resolve("set").toString());
        assertThat(set.exitCode()).as(set.toString()).isEqualTo(ExitCodes.HELD);
        assertThat(set.toString()).contains("forwarding unrouted requests to http://127.0.0.1:9/base");
    }
}
