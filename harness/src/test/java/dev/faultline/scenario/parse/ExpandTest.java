package dev.faultline.scenario.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ScenarioLoader.expand}: folders become their scenario files; everything else is kept for load to judge. */
class ExpandTest {
    @TempDir
    Path dir;

    @Test
    void aFolderExpandsToItsYamlYmlAndJsonFilesAtAnyDepthSortedByPath() {
        ScenarioFiles files = new ScenarioFiles(dir);
        files.write("scenarios/outage.yaml", "");
        files.write("scenarios/b/storm.yml", "");
        files.write("scenarios/a.json", "");
        files.write("scenarios/README.md", "");
        files.write("scenarios/clients/Client.java", "");

        assertThat(ScenarioLoader.expand(List.of(dir.resolve("scenarios")))).containsExactly(
                dir.resolve("scenarios/a.json"), dir.resolve("scenarios/b/storm.yml"), dir.resolve("scenarios/outage.yaml"));
    }

    @Test
    void filesUnderASchemaFolderAreLeftOut() {
        ScenarioFiles files = new ScenarioFiles(dir);
        files.write("scenarios/schema/faultline-scenario.schema.json", "{}");
        files.write("scenarios/nested/schema/other.yaml", "");
        files.write("scenarios/outage.yaml", "");

        assertThat(ScenarioLoader.expand(List.of(dir.resolve("scenarios")))).containsExactly(
                dir.resolve("scenarios/outage.yaml"));
    }

    @Test
    void filesAndMissingPathsAreKeptAsGivenInArgumentOrder() {
        Path notes = new ScenarioFiles(dir).write("notes.txt", "");
        Path missing = dir.resolve("missing.yaml");

        assertThat(ScenarioLoader.expand(List.of(notes, missing))).containsExactly(notes, missing);
        assertThat(new ScenarioLoader().load(missing)).isInstanceOf(LoadOutcome.Invalid.class);
    }

    @Test
    void aFileNamedTwiceIsExpandedOnce() {
        Path outage = new ScenarioFiles(dir).write("outage.yaml", "");

        assertThat(ScenarioLoader.expand(List.of(outage, dir, outage))).containsExactly(outage);
    }

    @Test
    void expandedPathsKeepTheCallersRelativeSpelling() {
        new ScenarioFiles(dir).write("s/outage.yaml", "");
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("s"));

        assertThat(ScenarioLoader.expand(List.of(relative))).containsExactly(relative.resolve("outage.yaml"));
    }
}
