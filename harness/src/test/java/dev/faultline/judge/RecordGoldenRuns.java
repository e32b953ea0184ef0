package dev.faultline.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.report.ExpectationResult;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the golden runs {@link RejudgeGoldenTest} judges again. Off by default: it runs only when the
 * system property {@code faultline.golden.record} names a folder of finished runs (each run's report folder,
 * at any depth, holding {@code report.json} and {@code journal.jsonl}). To record anew, on the code whose
 * verdicts are the reference:
 *
 * <pre>
 * ./faultline run scenarios/demo --report-dir /tmp/golden/demo        # and every other scenario folder
 * mvn -B -o -ntp -pl harness -am test -Dtest=RecordGoldenRuns -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfaultline.golden.record=/tmp/golden
 * </pre>
 *
 * <p>For each run it copies the scenario file and the gzipped journal under
 * {@code src/test/resources/golden/NAME/}, judges the journal again and writes those checks to
 * {@code checks.json}, after checking that they are the checks the run itself reported: a golden run
 * whose journal does not reproduce its own verdict would prove nothing.
 */
class RecordGoldenRuns {

    @Test
    @EnabledIfSystemProperty(named = "faultline.golden.record", matches = ".+")
    void recordEveryFinishedRun() throws IOException {
        Path runs = Path.of(System.getProperty("faultline.golden.record"));
        List<Path> reports;
        try (Stream<Path> files = Files.walk(runs)) {
            reports = files.filter(f -> f.getFileName().toString().equals("report.json"))
                    .filter(f -> Files.exists(f.resolveSibling("journal.jsonl"))).sorted().toList();
        }
        assertThat(reports).as("finished runs under " + runs).isNotEmpty();
        for (Path report : reports) {
            record(report.getParent());
        }
    }

    private static void record(Path run) throws IOException {
        JsonNode report = GoldenRun.JSON.readTree(run.resolve("report.json").toFile());
        String scenario = report.get("file").asText();
        long start = Instant.parse(report.get("startedAt").asText()).toEpochMilli();
        List<ExpectationResult> reported = new ArrayList<>();
        for (JsonNode check : report.get("expectations")) {
            reported.add(GoldenRun.JSON.treeToValue(check, ExpectationResult.class));
        }
        Path folder = GoldenRun.ROOT.resolve(run.getFileName().toString());
        Files.createDirectories(folder);
        Files.copy(Faultline.REPO.resolve(scenario), folder.resolve("scenario.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("journal.jsonl.gz")))) {
            Files.copy(run.resolve("journal.jsonl"), out);
        }
        GoldenRun golden = new GoldenRun(scenario, start, List.of());
        List<ExpectationResult> checks = GoldenRun.rejudge(golden.loadScenario(), GoldenRun.journal(folder), start);
        assertThat(checks).as("judging %s's journal again gives what the run reported", run).containsExactlyElementsOf(reported);
        new GoldenRun(scenario, start, checks).write(folder);
    }
}
