package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * curl, a real client nobody here wrote, retries a 503 exactly as often as it is told: with
 * {@code --retry 2} every call is exactly 3 attempts. The harness must count exactly that.
 */
@Isolated
class CurlRetryAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void curlWithRetryTwoIsCountedAsExactlyThreeAttemptsPerCall() throws Exception {
        Files.writeString(dir.resolve("curl.yaml"), """
                name: curl retries a 503
                seed: 1
                upstreams:
                  api:
                    routes:
                      - match: {path: /items}
                        respond: {status: 200, body: ok}
                target:
                  # one call per replica, so each replica's attempts form exactly one call
                  run: curl -s -o /dev/null --retry 2 ${upstreams.api.url}/items
                  replicas: 2
                phases:
                  - name: outage
                    duration: 5s
                    faults:
                      api:
                        - respond: {status: 503}
                expect:
                  retries:
                    upstream: api
                    during: outage
                    by: client
                    max-attempts-per-call: 3
                    max-amplification: 2.5
                """);
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "curl.yaml", "--report-dir", "out");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.FAILED);
        JsonNode report = Faultline.report(dir.resolve("out"));
        JsonNode attempts = Faultline.check(report, "retries.max-attempts-per-call");
        assertThat(attempts.get("status").asText()).isEqualTo("passed");
        assertThat(attempts.get("measured").asDouble()).isEqualTo(3.0);
        JsonNode amplification = Faultline.check(report, "retries.max-amplification");
        assertThat(amplification.get("status").asText()).isEqualTo("failed");
        assertThat(amplification.get("measured").asDouble()).isEqualTo(3.0);
        assertThat(amplification.get("explanation").asText())
                .isEqualTo("6 attempts for 2 calls (grouped by client) at api during outage: 3 attempts per call");
        assertThat(report.at("/upstreams/0/byStatus/503").asLong()).isEqualTo(6);
        // Without --fail curl exits 0 once its retries are spent; it ended by itself, which is no error.
        assertThat(report.at("/targets/0/exitCode").asInt()).isZero();
        assertThat(report.at("/targets/0/exitedBeforeStop").asBoolean()).isTrue();
    }

    @Test
    void connectionsCutByTheUpstreamAreFailedAttemptsThatCurlRetriesWhenTold() throws Exception {
        Files.writeString(dir.resolve("reset.yaml"), """
                name: curl meets resets
                seed: 1
                upstreams:
                  api:
                    routes:
                      - respond: {status: 200, body: ok}
                target:
                  run: curl -s -o /dev/null --retry 2 --retry-all-errors --retry-delay 0 ${upstreams.api.url}/items
                phases:
                  - name: outage
                    duration: 4s
                    faults:
                      api:
                        - connection: reset
                expect:
                  retries:
                    upstream: api
                    by: client
                    max-attempts-per-call: 3
                """);
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "reset.yaml", "--report-dir", "out");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.HELD);
        JsonNode report = Faultline.report(dir.resolve("out"));
        assertThat(Faultline.check(report, "retries.max-attempts-per-call").get("measured").asDouble()).isEqualTo(3.0);
        assertThat(report.at("/upstreams/0/byStatus/none").asLong()).as("no status line was ever sent").isEqualTo(3);
        assertThat(report.at("/upstreams/0/byEffect/reset").asLong()).isEqualTo(3);
        assertThat(report.at("/targets/0/exitCode").asInt()).as("curl: connection reset by peer").isEqualTo(56);
    }
}
