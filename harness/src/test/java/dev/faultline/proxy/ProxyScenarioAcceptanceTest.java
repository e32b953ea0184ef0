package dev.faultline.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCodes;
import dev.faultline.load.RealServer;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled scenarios of {@code scenarios/proxy/} run end to end with their real dependency, nginx
 * started from the folder's own {@code nginx.conf} (on a free port instead of 8481), and curl as the
 * client: an outage injected into the real traffic is judged (held), and the real dependency's own
 * 503s are judged too (a retry storm, failed), never "no fault fired".
 */
class ProxyScenarioAcceptanceTest {
    private static final Path LIBRARY = Faultline.REPO.resolve("scenarios/proxy");
    private static Path nginxDir;
    private static RealServer nginx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTheDependency() throws Exception {
        nginxDir = Files.createTempDirectory("faultline-proxy-dependency-");
        int port = RealServer.freeLoopbackPort();
        String config = Files.readString(LIBRARY.resolve("nginx.conf")).replace("127.0.0.1:8481", "127.0.0.1:" + port);
        nginx = RealServer.nginxWithConfig(nginxDir, config, port);
    }

    @AfterAll
    static void stopTheDependency() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (nginxDir != null) {
            try (var files = Files.walk(nginxDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Faultline.Result run(String scenario, Path out) {
        return Faultline.runWithEnv(dir, Map.of("PAYMENTS_URL", nginx.url()), "run", LIBRARY.resolve(scenario).toString(),
                "--report-dir", out.toString());
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
    void anUnsetVariableIsRefusedAtTheUrlsLineBeforeAnythingStarts() {
        Faultline.Result result = Faultline.run(dir, "run", LIBRARY.resolve("dependency-outage.yaml").toString(),
                "--report-dir", dir.resolve("unset").toString());
        if (System.getenv("PAYMENTS_URL") == null) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
            assertThat(result.toString()).contains("dependency-outage.yaml:16:12: ${env.PAYMENTS_URL} is not set");
        }
    }
}
