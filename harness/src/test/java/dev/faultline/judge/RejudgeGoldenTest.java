package dev.faultline.judge;

import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Judging a recorded journal again gives, check for check, what the judge gave when the golden runs were
 * recorded (see {@link GoldenRun}; {@link RecordGoldenRuns} records them). A refactoring of the analyses
 * or judges that changes any verdict, number, unit or explanation of a bundled scenario fails here.
 */
class RejudgeGoldenTest {

    static Stream<Path> goldenRuns() throws IOException {
        try (Stream<Path> folders = Files.list(GoldenRun.ROOT)) {
            return folders.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenRuns")
    void rejudgingARecordedJournalGivesTheRecordedChecks(Path folder) throws IOException {
        GoldenRun golden = GoldenRun.read(folder);
        assertThat(Files.readString(golden.scenarioFile()))
                .as("%s changed since its golden run was recorded; record again with RecordGoldenRuns", golden.scenario())
                .isEqualTo(Files.readString(folder.resolve("scenario.yaml")));
        Scenario scenario = golden.loadScenario();

        List<ExpectationResult> checks = GoldenRun.rejudge(scenario, GoldenRun.journal(folder), golden.startEpochMillis());

        assertThat(golden.checks()).as("recorded checks").isNotEmpty();
        assertThat(checks).as(folder.getFileName().toString()).containsExactlyElementsOf(golden.checks());
    }
}
