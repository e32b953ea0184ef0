package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
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
 * The contract-drift samples of {@code scenarios/drift/} through the command line: the tolerant
 * Jackson reader holds, the strict one fails on exactly the mutations that break strict
 * deserialisation (and on calling past the sunset), and Python's json with attribute access holds
 * through additive drift and fails on a rename.
 */
@Isolated
class DriftScenariosAcceptanceTest {
    private static final Path SCENARIOS = Path.of("..", "scenarios", "drift").toAbsolutePath().normalize();
    private static final List<String> FILES = List.of("tolerant-reader.yaml", "brittle-reader.yaml",
            "python-attribute-reader.yaml");

    @TempDir
    static Path reports;

    private static final Map<String, CompletableFuture<String[]>> RUNS = new ConcurrentHashMap<>();

    /** All three at once: each waits on its phases (8.5 s at most) far longer than it computes. */
    @BeforeAll
    static void runAll() {
        ExecutorService three = Executors.newFixedThreadPool(FILES.size());
        for (String file : FILES) {
            RUNS.put(file, CompletableFuture.supplyAsync(() -> {
                CliRunner cli = new CliRunner(SCENARIOS.getParent().getParent());
                int code = cli.run("run", SCENARIOS.resolve(file).toString(), "--report-dir", reports.resolve(file).toString());
                return new String[] {String.valueOf(code), cli.out() + cli.err()};
            }, three));
        }
        three.shutdown();
    }

    private static JsonNode run(String file, int expectedExit) throws Exception {
        String[] outcome = RUNS.get(file).get(5, TimeUnit.MINUTES);
        assertThat(Integer.parseInt(outcome[0])).as(outcome[1]).isEqualTo(expectedExit);
        return Faultline.report(reports.resolve(file));
    }

    private static JsonNode check(JsonNode report, String id) {
        return Faultline.check(report, id);
    }

    @Test
    void theTolerantReaderHoldsThroughAddedMembersANewEnumValueReorderingAndMovesOffTheSunsetEndpoint() throws Exception {
        JsonNode report = run("tolerant-reader.yaml", ExitCodes.HELD);

        JsonNode drop = check(report, "drift.max-success-drop");
        assertThat(drop.get("status").asText()).as(drop.toString()).isEqualTo("passed");
        assertThat(drop.get("measured").asDouble()).isLessThanOrEqualTo(0.05);
        JsonNode sunset = check(report, "drift.max-calls-after-sunset");
        assertThat(sunset.get("status").asText()).as(sunset.toString()).isEqualTo("passed");
        assertThat(sunset.get("measured").asInt()).isBetween(1, 3);
        // It really moved: its later calls went to the successor named in the Link field.
        String journal = Files.readString(reports.resolve("tolerant-reader.yaml").resolve("journal.jsonl"));
        assertThat(journal).contains("\"path\":\"/v2/orders/42\"");
        assertThat(Files.readString(reports.resolve("tolerant-reader.yaml").resolve("target-0.stdout.log")))
                .contains("deprecated: moving from /v1/orders/42 to /v2/orders/42");
    }

    @Test
    void theBrittleReaderFailsOnTheAddedMemberAndTheNewEnumButNotOnReorderingAndIgnoresTheSunset() throws Exception {
        JsonNode report = run("brittle-reader.yaml", ExitCodes.FAILED);

        JsonNode drop = check(report, "drift.max-success-drop");
        assertThat(drop.get("status").asText()).isEqualTo("failed");
        assertThat(drop.get("measured").asDouble()).isGreaterThan(0.9);
        String explanation = drop.get("explanation").asText();
        assertThat(explanation).contains("in added (the worst drift phase)")
                .contains("what broke the client: add-field on GET /v1/orders/42")
                .containsPattern("new-enum 0 % \\(0 of \\d+\\)")
                .containsPattern("reordered 100 % \\((\\d+) of \\1\\)");
        JsonNode sunset = check(report, "drift.max-calls-after-sunset");
        assertThat(sunset.get("status").asText()).isEqualTo("failed");
        assertThat(sunset.get("measured").asInt()).isGreaterThan(20);
        assertThat(sunset.get("explanation").asText()).contains("after their sunset: GET /v1/orders/42");
        // Every drifted response is journalled with the mutations that changed it.
        String journal = Files.readString(reports.resolve("brittle-reader.yaml").resolve("journal.jsonl"));
        assertThat(journal).contains("\"type\":\"drift\"").contains("unknown-enum $.status: 1 changed, value \\\"");
    }

    @Test
    void pythonAttributeAccessShrugsAtAdditiveDriftAndBreaksOnARename() throws Exception {
        JsonNode report = run("python-attribute-reader.yaml", ExitCodes.FAILED);

        JsonNode additive = check(report, "drift[0].max-success-drop");
        assertThat(additive.get("status").asText()).as(additive.toString()).isEqualTo("passed");
        JsonNode rename = check(report, "drift[1].max-success-drop");
        assertThat(rename.get("status").asText()).isEqualTo("failed");
        assertThat(rename.get("measured").asDouble()).isGreaterThan(0.9);
        assertThat(rename.get("explanation").asText()).contains("what broke the client: rename-field on GET /v1/orders/42");
        assertThat(Files.readString(reports.resolve("python-attribute-reader.yaml").resolve("target-0.stderr.log")))
                .contains("AttributeError: 'types.SimpleNamespace' object has no attribute 'total'");
    }
}
