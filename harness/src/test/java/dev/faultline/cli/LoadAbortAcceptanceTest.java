package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.load.TestTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Load and probes against a target the harness does not start, and what Ctrl-C does to them. */
class LoadAbortAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCCancelsTheLoadInFlightAtOnceInsteadOfWaitingForItsTimeout() throws Exception {
        try (TestTarget target = TestTarget.start()
                .route("/slow", r -> new TestTarget.Answer(200, "text/plain", "late", 20_000))
                .route("/ready", r -> new TestTarget.Answer(200, "application/health+json", "{\"status\":\"pass\"}", 0))) {
            Files.writeString(dir.resolve("hang.yaml"), """
                    name: load against a hanging target
                    target:
                      url: %s
                    load:
                      rate: 20/s
                      requests: [{path: /slow}]
                      timeout: 30s
                    probes:
                      readiness: {path: /ready, every: 100ms}
                    phases:
                      - {name: steady, duration: 60s}
                    """.formatted(target.url()));
            Path output = dir.resolve("faultline.out");
            Process faultline = FaultlineProcess.start(dir, output, "run", "hang.yaml", "--report-dir", "out");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> slowRequests(target) >= 20);
                long sent = slowRequests(target);

                new ProcessBuilder("kill", "-INT", String.valueOf(faultline.pid())).start().waitFor();

                assertThat(faultline.waitFor(15, TimeUnit.SECONDS)).as("exits without waiting out the 30 s timeout").isTrue();
                assertThat(faultline.exitValue()).as(Files.readString(output)).isEqualTo(ExitCodes.ABORTED);
                List<JsonNode> events = Files.readAllLines(dir.resolve("out/journal.jsonl")).stream()
                        .map(LoadAbortAcceptanceTest::json).toList();
                List<JsonNode> load = events.stream().filter(e -> e.get("type").asText().equals("load-result")).toList();
                assertThat(load).hasSizeGreaterThanOrEqualTo((int) sent)
                        .allSatisfy(e -> assertThat(e.get("outcome").asText()).isEqualTo("CANCELLED"));
                assertThat(events).anySatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("probe-result"));
                assertThat(Files.readString(dir.resolve("out/summary.md"))).contains("were cancelled and are judged neither way");
            } finally {
                faultline.destroyForcibly();
            }
        }
    }

    private static long slowRequests(TestTarget target) {
        return target.seen().stream().filter(s -> s.path().equals("/slow")).count();
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
