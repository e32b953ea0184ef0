package dev.faultline.run;

import dev.faultline.scenario.FeatureUse;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.SourceLocation;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeSupportTest {
    private static final Path SCENARIOS = Path.of("..", "scenarios").toAbsolutePath().normalize();

    @Test
    void aKeyWhoseRuntimeHasNotLandedIsRefusedAtItsLineAndColumn() {
        FeatureUse future = new FeatureUse("expect.teleportation", "expect.teleportation",
                new SourceLocation(Path.of("s.yaml"), 12, 3));

        assertThat(RuntimeSupport.unsupported(List.of(future))).containsExactly(
                "s.yaml:12:3: expect.teleportation: not supported yet: expect.teleportation"
                        + " (this version validates it but cannot run it; remove it or run a newer faultline)");
    }

    @Test
    void everyBundledScenarioLoadsAndEveryKeyItUsesCanRun() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SCENARIOS)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        ScenarioLoader loader = new ScenarioLoader();
        for (Path file : files) {
            LoadOutcome result = loader.load(file);
            assertThat(result).as(file + ": " + result).isInstanceOf(LoadOutcome.Loaded.class);
            Scenario scenario = ((LoadOutcome.Loaded) result).scenario();
            assertThat(RuntimeSupport.unsupported(scenario)).as(file.toString()).isEmpty();
        }
    }
}
