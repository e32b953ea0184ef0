package dev.faultline.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.faultline.report.Check.check;
import static dev.faultline.report.RunReportBuilder.aRun;
import static dev.faultline.report.RunReportBuilder.anOutageRun;
import static dev.faultline.report.RunReportBuilder.failedOutageRun;
import static dev.faultline.report.RunReportBuilder.heldOutageRun;
import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReportTest {

    private static final Path DIR = Path.of("build/faultline/checkout");

    @Test
    void aHeldRunIsAHeaderAndOneRowPerCheckWithColumnsSizedToTheirContent() {
        assertThat(ConsoleReport.render(heldOutageRun(), DIR, false)).isEqualTo("""
                checkout survives a payments outage: HELD (seed 7, 32.4 s)
                  PASS  retries.max-amplification  1.30 attempts/call  <= 2.0
                  PASS  retries.require-jitter     0.610 cv            >= 0.1
                rules that never fired: outage/payments[2]
                report: build/faultline/checkout
                """);
    }

    @Test
    void aFailedRunExplainsEachCheckThatDidNotPassUnderItsRow() {
        assertThat(ConsoleReport.render(failedOutageRun(), DIR, false)).isEqualTo("""
                checkout survives a payments outage: FAILED (seed 7, 32.4 s)
                  PASS          retries.require-jitter         0.610 cv            >= 0.1
                  FAIL          retries.max-amplification      4.20 attempts/call  <= 2.0
                                2,100 attempts for 500 logical calls during outage; retries came with no backoff
                  INCONCLUSIVE  health.readiness.fails-within  -                   <= 2s
                                readiness was never probed during outage
                  PASS          shutdown.max-failed-in-flight  0 requests          <= 0
                rules that never fired: outage/payments[2]
                report: build/faultline/checkout
                """);
    }

    @Test
    void anInconclusiveRunSaysWhyAndListsJournalDropsAndHarnessNotes() {
        RunReport report = aRun().verdict(Verdict.INCONCLUSIVE).message("harness lagged: delay lateness p99 41 ms > 10 ms")
                .expect(check("latency.p99").inconclusive().notMeasured("ms").limit("<=", 250, "250ms")
                        .explanation("no load request completed during outage"))
                .journal(new JournalReport(1_000_000, 1_200, 1_000_000, "journal.jsonl"))
                .harness(new HarnessReport(12.0, 41.0, 900, List.of(), List.of("load arrivals fell 8 % behind schedule")))
                .build();

        assertThat(ConsoleReport.render(report, null, false)).isEqualTo("""
                checkout survives a payments outage: INCONCLUSIVE (seed 7, 32.4 s)
                  harness lagged: delay lateness p99 41 ms > 10 ms
                  INCONCLUSIVE  latency.p99  -  <= 250ms
                                no load request completed during outage
                journal: 1,200 events dropped past the cap of 1,000,000
                note: load arrivals fell 8 % behind schedule
                """);
    }

    @Test
    void anInconclusiveRunWithoutAMessageGivesEachInconclusiveChecksOwnReasonOnItsSummaryLine() {
        RunReport report = aRun().verdict(Verdict.INCONCLUSIVE)
                .expect(check("retries.max-amplification").passed().measured(3, "attempts/call").limit("<=", 4, "4"))
                .expect(check("retries.require-jitter").inconclusive().notMeasured("CV")
                        .explanation("no two of the 1 call that retried failed within 1 s of each other"))
                .expect(check("retries.max-sync").inconclusive().notMeasured("peak/mean")
                        .explanation("only one call retried at api during outage"))
                .expect(check("latency.p99").inconclusive().notMeasured("ms")
                        .explanation("only one call retried at api during outage"))
                .build();

        assertThat(ConsoleReport.render(report, null, false).lines().skip(1).findFirst().orElseThrow()).isEqualTo(
                "  the harness could not inject or measure faithfully: retries.require-jitter: no two of the 1 call that"
                        + " retried failed within 1 s of each other; retries.max-sync, latency.p99: only one call retried at"
                        + " api during outage");
    }

    @Test
    void anErrorRunWithoutChecksShowsItsMessageInsteadOfATable() {
        RunReport report = aRun().verdict(Verdict.ERROR).message("target 0 did not become ready within 30 s").durationSeconds(30.6).build();

        assertThat(ConsoleReport.render(report, DIR, false)).isEqualTo("""
                checkout survives a payments outage: ERROR (seed 7, 30.6 s)
                  target 0 did not become ready within 30 s
                report: build/faultline/checkout
                """);
    }

    @Test
    void aRunWithNothingToCheckSaysSo() {
        assertThat(ConsoleReport.render(aRun().build(), null, false)).contains("\n  no expectations were judged\n");
    }

    @Test
    void withoutColourTheOutputIsPlainAsciiWithoutEscapeCodes() {
        String text = ConsoleReport.render(failedOutageRun(), DIR, false);

        assertThat(text.chars()).allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F));
    }

    @Test
    void withColourChecksAreMarkedWithTheSameWordsAsWithoutInAnsiColours() {
        String text = ConsoleReport.render(failedOutageRun(), DIR, true);

        assertThat(text).contains("\u001b[1;31mFAILED\u001b[0m");
        assertThat(text).contains("  \u001b[1;32mPASS        \u001b[0m  retries.require-jitter  ");
        assertThat(text).contains("  \u001b[1;31mFAIL        \u001b[0m  retries.max-amplification  ");
        assertThat(text).contains("  \u001b[1;33mINCONCLUSIVE\u001b[0m  health.readiness.fails-within  ");
        assertThat(text).doesNotContain("✓", "✗");
        assertThat(text).contains("\n                readiness was never probed during outage\n");
    }

    @Test
    void aLongIdWidensItsColumnAndIsNeverCut() {
        String longId = "fairness[3].honor-retry-after-for-every-tenant-including-the-noisy-neighbour";
        RunReport report = anOutageRun().verdict(Verdict.HELD)
                .expect(check("retries.max-amplification").passed().measured(1.3, "attempts/call").limit("<=", 2.0, "2.0"))
                .expect(check(longId).passed().measured(0, "early retries").limit("==", 0, "0"))
                .build();

        String text = ConsoleReport.render(report, null, false);

        assertThat(text).contains("  PASS  " + longId + "  0 early retries     == 0\n");
        assertThat(text).contains("  PASS  retries.max-amplification" + " ".repeat(longId.length() - 25) + "  1.30 attempts/call  <= 2.0\n");
    }

    @Test
    void escapeSequencesFromTheScenarioOrTheTargetArePrintedVisiblyNotObeyed() {
        RunReport report = aRun().scenario("evil \u001b]0;pwned\u0007\u001b[2J").verdict(Verdict.ERROR)
                .message("target replica 0 exited; its last output:\n    \u001b[31mboom\u009b1A")
                .build();

        String rendered = ConsoleReport.render(report, null, true);

        assertThat(rendered).startsWith("\u001b[1mevil \\u001B]0;pwned\\u0007\\u001B[2J\u001b[0m: ")
                .contains("its last output:\n    \\u001B[31mboom\\u009B1A\n");
        assertThat(rendered.replace("\u001b[1m", "").replaceAll("\u001b\\[1;3[123]m", "").replace("\u001b[0m", ""))
                .as("no escape but the report's own colours").doesNotContain("\u001b").doesNotContain("\u009b")
                .doesNotContain("\u0007");
    }
}
