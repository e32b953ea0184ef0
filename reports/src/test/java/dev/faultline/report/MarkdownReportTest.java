package dev.faultline.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.faultline.report.Check.check;
import static dev.faultline.report.RunReportBuilder.aRun;
import static dev.faultline.report.RunReportBuilder.failedOutageRun;
import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    @Test
    void theTitleGivesTheVerdictAsEmojiAndWordThenSeedDurationAndFile() {
        String md = MarkdownReport.render(failedOutageRun());

        assertThat(md).startsWith("""
                # ❌ checkout survives a payments outage: failed

                **Verdict:** failed (exit 1) · **Seed:** `7` · **Duration:** 32.4 s · **Started:** 2026-11-26T10:15:30.250Z · **File:** `scenarios/outage.yaml`

                Payments returns 503 for ten seconds; the checkout service must not storm it.
                """);
    }

    @Test
    void theExpectationsTableHasOneRowPerCheckWithStatusMeasuredLimitAndExplanation() {
        String md = MarkdownReport.render(failedOutageRun());

        assertThat(md).contains("""
                ## Expectations

                2 passed, 1 failed, 1 inconclusive

                | Status | Check | Measured | Limit | Explanation |
                |:--|:--|--:|:--|:--|
                | ✅ passed | `retries.require-jitter` | 0.610 cv | ≥ 0.1 | retry gaps vary with CV 0.61 across 500 calls that failed together |
                | ❌ failed | `retries.max-amplification` | 4.20 attempts/call | ≤ 2.0 | 2,100 attempts for 500 logical calls during outage; retries came with no backoff |
                | ⚠️ inconclusive | `health.readiness.fails-within` | — | ≤ 2s | readiness was never probed during outage |
                | ✅ passed | `shutdown.max-failed-in-flight` | 0 requests | ≤ 0 | all 12 requests in flight at the signal completed |
                """);
    }

    @Test
    void phasesUpstreamCountsByStatusAndTargetsAreTables() {
        String md = MarkdownReport.render(failedOutageRun());

        assertThat(md).contains("| outage | 10.0 s | 20.0 s | `outage/payments[0]`, `outage/payments[1]`, `outage/payments[2]` |\n");
        assertThat(md).contains("""
                | Upstream | Requests | 200 | 503 |
                |:--|--:|--:|--:|
                | payments | 3,120 | 1,230 | 1,890 |
                """);
        assertThat(md).contains("| 0 | 4242 | 1.2 s | 143 | 32.1 s | no |\n");
    }

    @Test
    void theHarnessSectionFlagsUnfiredRulesAndEndsWithTheReplayCommand() {
        String md = MarkdownReport.render(failedOutageRun());

        assertThat(md).contains("- Injected delays arrived late by p50 0.400 ms, p99 3.10 ms over 210 delayed responses\n");
        assertThat(md).contains("- ⚠️ Fault rules that never fired: `outage/payments[2]`\n");
        assertThat(md).endsWith("\nReplay: `faultline run scenarios/outage.yaml --seed 7`\n");
    }

    @Test
    void pipesMarkupAndLineBreaksInCellsCannotBreakTheTable() {
        RunReport report = aRun().verdict(Verdict.FAILED)
                .expect(check("retries.a|b").failed().measured(3, "x|y").limit("<=", 1, "1")
                        .explanation("<script>alert(1)</script> a|b *not bold*\nsecond line"))
                .build();

        String row = MarkdownReport.render(report).lines().filter(l -> l.startsWith("| ❌")).findFirst().orElseThrow();

        assertThat(row).isEqualTo("| ❌ failed | `retries.a\\|b` | 3 x\\|y | ≤ 1 | "
                + "\\<script\\>alert(1)\\</script\\> a\\|b \\*not bold\\* second line |");
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(6);
    }

    @Test
    void anErrorRunQuotesItsMessageAndSaysNoChecksWereJudged() {
        RunReport report = aRun().verdict(Verdict.ERROR).message("port 41100 is taken").build();

        String md = MarkdownReport.render(report);

        assertThat(md).startsWith("# 💥 checkout survives a payments outage: error\n");
        assertThat(md).contains("\n> **error:** port 41100 is taken\n");
        assertThat(md).contains("## Expectations\n\nNo expectations were judged.\n");
        assertThat(md).doesNotContain("## Phases", "## Upstreams", "## Targets");
    }

    @Test
    void journalDropsAreFlagged() {
        RunReport report = aRun().journal(new JournalReport(1_000_000, 1_200, 1_000_000, "journal.jsonl")).build();

        assertThat(MarkdownReport.render(report)).contains(List.of(
                "- ⚠️ Journal: 1,200 events dropped past the cap of 1,000,000\n",
                "- Journal: 1,000,000 events in `journal.jsonl`\n"));
    }
}
