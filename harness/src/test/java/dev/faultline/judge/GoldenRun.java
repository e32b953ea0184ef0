package dev.faultline.judge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultline.analysis.WallClock;
import dev.faultline.journal.Event;
import dev.faultline.journal.JournalJson;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import dev.faultline.testing.Faultline;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * One recorded run of a bundled scenario, kept under {@code src/test/resources/golden/NAME/}: the scenario
 * file as it was run ({@code scenario.yaml}), the run's journal ({@code journal.jsonl.gz}) and what the
 * judge said about it then ({@code checks.json}: the scenario's path in the repository, the run's wall-clock
 * start and every check).
 *
 * @param scenario         the scenario's path relative to the repository root; loaded from there, so relative
 *                         client programs resolve as they did in the run
 * @param startEpochMillis the run's wall-clock start (report.json's {@code startedAt}), which places HTTP-date
 *                         Retry-After values on the run's clock
 * @param checks           every check the unchanged code gave, in order
 */
record GoldenRun(String scenario, long startEpochMillis, List<ExpectationResult> checks) {
    static final Path ROOT = Faultline.REPO.resolve("harness/src/test/resources/golden");
    static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    static GoldenRun read(Path folder) throws IOException {
        return JSON.readValue(folder.resolve("checks.json").toFile(), GoldenRun.class);
    }

    void write(Path folder) throws IOException {
        JSON.writeValue(folder.resolve("checks.json").toFile(), this);
    }

    Path scenarioFile() {
        return Faultline.REPO.resolve(scenario);
    }

    /** The scenario, loaded by the real loader from its place in the repository. */
    Scenario loadScenario() {
        LoadOutcome result = new ScenarioLoader().load(scenarioFile());
        if (result instanceof LoadOutcome.Loaded loaded) {
            return loaded.scenario();
        }
        throw new IllegalStateException(scenario + " no longer loads: " + result);
    }

    static List<Event> journal(Path folder) throws IOException {
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(folder.resolve("journal.jsonl.gz"))),
                StandardCharsets.UTF_8)) {
            return JournalJson.read(in);
        }
    }

    /** Judges the journal the way the run does: every expectation, with the run's wall clock. */
    static List<ExpectationResult> rejudge(Scenario scenario, List<Event> events, long startEpochMillis) {
        return Judge.all(scenario, events, Optional.of(new WallClock(startEpochMillis)));
    }
}
