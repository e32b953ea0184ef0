package dev.faultline.retries;

import dev.faultline.cli.ExitCodes;
import dev.faultline.run.RuntimeSupport;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenario library in {@code scenarios/retries/} is valid, and runnable by this version. */
class RetryScenarioLibraryTest {
    private static final Path LIBRARY = Faultline.REPO.resolve("scenarios/retries");

    @Test
    void everyScenarioInTheLibraryValidates() {
        // From the JVM's own folder: validate opens the files by the path it shows, relative to the
        // process's working directory rather than the command's (harmless outside in-process tests).
        Faultline.Result result = Faultline.run(Path.of("").toAbsolutePath(), "validate", LIBRARY.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
        assertThat(result.out()).contains("storm.yaml", "herd.yaml", "retry-after.yaml", "retry-budget.yaml",
                "post-without-idempotency-key.yaml");
    }

    @Test
    void everyRetryCheckTheLibraryUsesIsSupportedAtRunTime() {
        for (Path file : ScenarioLoader.expand(List.of(LIBRARY))) {
            LoadOutcome result = new ScenarioLoader().load(file);
            assertThat(result).as(file.toString()).isInstanceOf(LoadOutcome.Loaded.class);
            Scenario scenario = ((LoadOutcome.Loaded) result).scenario();
            assertThat(RuntimeSupport.unsupported(scenario)).as(file.toString()).isEmpty();
        }
    }
}
