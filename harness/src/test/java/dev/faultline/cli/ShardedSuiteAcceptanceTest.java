package dev.faultline.cli;

import dev.faultline.report.ExpectationResult;
import dev.faultline.report.ReportWriter;
import dev.faultline.report.RunReport;
import dev.faultline.report.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A suite split over shards ({@code run --shard}) and put back together ({@code report merge}). */
class ShardedSuiteAcceptanceTest {
    @TempDir
    Path dir;

    private static final String MINIMAL = """
            name: %s
            seed: 5
            upstreams:
              api:
                routes:
                  - respond: {status: 200}
            phases:
              - {name: only, duration: 100ms}
            """;

    @Test
    void threeShardsRunEveryScenarioOnceAndTheMergeListsThemAll() throws Exception {
        for (int i = 0; i < 6; i++) {
            Path file = dir.resolve("suite").resolve(i % 2 == 0 ? "a" : "b").resolve("s" + i + ".yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, MINIMAL.formatted("scenario " + i));
        }
        int ran = 0;
        for (int shard = 0; shard < 3; shard++) {
            CliRunner cli = new CliRunner(dir);
            int code = cli.run("run", "suite", "--shard", shard + "/3", "--report-dir", "reports/shard-" + shard);
            assertThat(code).as(cli.err()).isEqualTo(ExitCodes.HELD);
            ran += Pattern.compile("faultline: running").matcher(cli.err()).results().count();
        }
        assertThat(ran).isEqualTo(6);

        CliRunner merge = new CliRunner(dir);
        int code = merge.run("report", "merge", "reports", "--out", "merged");

        assertThat(code).as(merge.err()).isEqualTo(ExitCodes.HELD);
        String junit = Files.readString(dir.resolve("merged/junit.xml"));
        assertThat(Pattern.compile("<testsuite ").matcher(junit).results().count()).isEqualTo(6);
        for (int i = 0; i < 6; i++) {
            assertThat(junit).contains("name=\"scenario " + i + "\"");
        }
        String index = Files.readString(dir.resolve("merged/index.html"));
        List<String> links = Pattern.compile("href=\"([^\"]+)\"").matcher(index).results().map(m -> m.group(1)).toList();
        assertThat(links).hasSize(6);
        links.forEach(link -> assertThat(dir.resolve("merged").resolve(link).normalize()).isRegularFile());
        assertThat(Files.readString(dir.resolve("merged/summary.md"))).startsWith("# faultline: 6 scenarios")
                .contains("| HELD | scenario 0 |").contains("| HELD | scenario 5 |");
        assertThat(index).contains("<title>faultline: 6 scenarios, held</title>");
    }

    @Test
    void anEmptyShardRunsNothingAndSaysSo() throws Exception {
        Files.createDirectories(dir.resolve("suite"));
        Files.writeString(dir.resolve("suite/only.yaml"), MINIMAL.formatted("only"));
        int owner = Shard.of("only.yaml", 2);
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "suite", "--shard", (1 - owner) + "/2");

        assertThat(code).isEqualTo(ExitCodes.HELD);
        assertThat(cli.err()).contains("has no scenario files (of 1 in [suite]); nothing to run");
        assertThat(dir.resolve("faultline-reports")).doesNotExist();
    }

    @Test
    void aBadShardIsAUsageError() {
        CliRunner cli = new CliRunner(dir);

        assertThat(cli.run("run", "suite", "--shard", "3/3")).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.err()).contains("--shard 3/3 is not valid (expected INDEX/COUNT with 0 <= INDEX < COUNT");
    }

    private void report(String folder, String scenario, Verdict verdict) throws IOException {
        ReportWriter.writeAll(new RunReport(RunReport.FORMAT_VERSION, scenario, scenario + ".yaml", "", 1, verdict,
                verdict.exitCode(), "", 1.0, "", null, List.<ExpectationResult>of(), null, null, null, null, null), dir.resolve(folder));
    }

    @Test
    void theMergeExitsWithTheWorstVerdictsCodeAsRunDoes() throws Exception {
        report("shard-0/a", "a", Verdict.HELD);
        report("shard-1/b", "b", Verdict.INCONCLUSIVE);
        report("shard-2/c", "c", Verdict.FAILED);
        CliRunner cli = new CliRunner(dir);

        assertThat(cli.run("report", "merge", "shard-0", "shard-1", "--out", "m1")).isEqualTo(ExitCodes.INCONCLUSIVE);
        assertThat(cli.run("report", "merge", "shard-0", "shard-1", "shard-2/c", "--out", "m2")).isEqualTo(ExitCodes.FAILED);
        assertThat(Files.readString(dir.resolve("m2/summary.md"))).startsWith("# faultline: 3 scenarios")
                .contains("| HELD | a |").contains("| INCONCLUSIVE | b |").contains("| FAILED | c |");
        assertThat(Files.readString(dir.resolve("m2/index.html"))).contains("<title>faultline: 3 scenarios, failed</title>")
                .contains("1 held, 1 failed, 1 inconclusive");
        try (Stream<Path> files = Files.list(dir.resolve("m2"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("junit.xml", "summary.md", "index.html");
        }
    }

    @Test
    void aFolderWithoutReportsIsRefusedWithWhatToGive() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        CliRunner cli = new CliRunner(dir);

        assertThat(cli.run("report", "merge", "empty", "--out", "m")).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.err()).contains("empty holds no report.json");
    }
}
