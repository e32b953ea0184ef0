package dev.faultline.fairness;

import dev.faultline.run.RuntimeSupport;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios in {@code scenarios/fairness/} are valid, and runnable by this version. */
class FairnessScenarioLibraryTest {
    private static final Path LIBRARY = Faultline.REPO.resolve("scenarios/fairness");

    @Test
    void everyFairnessScenarioLoadsAndUsesOnlyWhatTheRuntimeSupports() {
        List<Path> files = ScenarioLoader.expand(List.of(LIBRARY));
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrder("honours-retry-after.yaml",
                "ignores-retry-after.yaml", "over-throttles.yaml", "greedy-neighbour.yaml");
        for (Path file : files) {
            LoadOutcome result = new ScenarioLoader().load(file);
            assertThat(result).as(file.toString()).isInstanceOf(LoadOutcome.Loaded.class);
            Scenario scenario = ((LoadOutcome.Loaded) result).scenario();
            assertThat(RuntimeSupport.unsupported(scenario)).as(file.toString()).isEmpty();
            assertThat(scenario.expect().fairness()).as(file.toString()).isNotEmpty();
        }
    }
}
