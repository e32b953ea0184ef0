package dev.faultline.report;

import dev.faultline.report.internal.ExpectationText;
import dev.faultline.report.internal.ReplayCommand;
import dev.faultline.report.internal.ReportFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.faultline.report.internal.MarkdownText.code;
import static dev.faultline.report.internal.MarkdownText.row;
import static dev.faultline.report.internal.MarkdownText.text;

/**
 * {@code summary.md}: the report as GitHub-flavoured Markdown, short enough for a CI job summary
 * ({@code $GITHUB_STEP_SUMMARY}) and complete enough to act on without opening the HTML.
 */
public final class MarkdownReport {

    private static final String NOTHING = "—";

    private MarkdownReport() {
    }

    /** The report as Markdown, ending in a newline. */
    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder();
        header(out, report);
        expectations(out, report);
        phases(out, report);
        upstreams(out, report);
        targets(out, report);
        harness(out, report);
        out.append("Replay: ").append(code(ReplayCommand.of(report))).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, RunReport report) {
        out.append("# ").append(emoji(report.verdict())).append(' ').append(text(report.scenario()))
                .append(": ").append(report.verdict().text()).append("\n\n");
        List<String> facts = new ArrayList<>();
        facts.add("**Verdict:** " + report.verdict().text() + " (exit " + report.exitCode() + ")");
        facts.add("**Seed:** " + code(Long.toString(report.seed())));
        facts.add("**Duration:** " + Numbers.duration(report.durationSeconds()));
        if (!report.startedAt().isBlank()) {
            facts.add("**Started:** " + text(report.startedAt()));
        }
        if (!report.file().isBlank()) {
            facts.add("**File:** " + code(report.file()));
        }
        out.append(String.join(" · ", facts)).append("\n\n");
        if (!report.description().isBlank()) {
            out.append(text(report.description())).append("\n\n");
        }
        String runMessage = ReportFacts.runMessage(report);
        if (!runMessage.isBlank()) {
            out.append("> **").append(report.verdict().text()).append(":** ").append(text(runMessage)).append("\n\n");
        }
    }

    private static void expectations(StringBuilder out, RunReport report) {
        out.append("## Expectations\n\n");
        if (report.expectations().isEmpty()) {
            out.append("No expectations were judged.\n\n");
            return;
        }
        out.append(ReportFacts.statusCounts(report)).append("\n\n");
        out.append(row(List.of("Status", "Check", "Measured", "Limit", "Explanation"))).append('\n');
        out.append("|:--|:--|--:|:--|:--|\n");
        for (ExpectationResult e : report.expectations()) {
            String measured = ExpectationText.measured(e);
            String limit = ExpectationText.typesetLimit(e);
            out.append(row(List.of(
                    emoji(e.status()) + " " + e.status().text(),
                    code(e.id()),
                    measured.isEmpty() ? NOTHING : text(measured),
                    limit.isEmpty() ? NOTHING : text(limit),
                    text(e.explanation())))).append('\n');
        }
        out.append('\n');
    }

    private static void phases(StringBuilder out, RunReport report) {
        if (report.phases().isEmpty()) {
            return;
        }
        out.append("## Phases\n\n");
        out.append(row(List.of("Phase", "Start", "End", "Faults"))).append('\n');
        out.append("|:--|--:|--:|:--|\n");
        for (PhaseReport p : report.phases()) {
            out.append(row(List.of(text(p.name()), Numbers.offset(p.startSeconds()), Numbers.offset(p.endSeconds()),
                    p.faults().isEmpty() ? "none" : p.faults().stream().map(f -> code(f)).collect(Collectors.joining(", ")))))
                    .append('\n');
        }
        out.append('\n');
    }

    private static void upstreams(StringBuilder out, RunReport report) {
        if (report.upstreams().isEmpty()) {
            return;
        }
        // One column per status any upstream sent, so the table reads across upstreams.
        TreeSet<String> statuses = new TreeSet<>();
        report.upstreams().forEach(u -> statuses.addAll(u.byStatus().keySet()));
        List<String> header = new ArrayList<>(List.of("Upstream", "Requests"));
        statuses.forEach(s -> header.add(text(s)));
        out.append("## Upstreams\n\n");
        out.append(row(header)).append('\n');
        out.append("|:--|").append("--:|".repeat(header.size() - 1)).append('\n');
        for (UpstreamReport u : report.upstreams()) {
            List<String> cells = new ArrayList<>(List.of(text(u.name()), Numbers.count(u.requests())));
            for (String status : statuses) {
                Long n = u.byStatus().get(status);
                cells.add(n == null ? NOTHING : Numbers.count(n));
            }
            out.append(row(cells)).append('\n');
        }
        out.append('\n');
    }

    private static void targets(StringBuilder out, RunReport report) {
        if (report.targets().isEmpty()) {
            return;
        }
        out.append("## Targets\n\n");
        out.append(row(List.of("Replica", "PID", "Ready", "Exit code", "Exited", "Killed"))).append('\n');
        out.append("|--:|--:|--:|--:|:--|:--|\n");
        for (TargetReport t : report.targets()) {
            out.append(row(List.of(
                    Integer.toString(t.replica()),
                    t.pid() < 0 ? "never started" : Long.toString(t.pid()),
                    t.readySeconds() == null ? "never" : Numbers.offset(t.readySeconds()),
                    t.exitCode() == null ? NOTHING : t.exitCode().toString(),
                    t.exitSeconds() == null ? NOTHING
                            : Numbers.offset(t.exitSeconds()) + (t.exitedBeforeStop() ? " (on its own, before the stop)" : ""),
                    t.killed() ? "⚠️ yes, after the grace period" : "no"))).append('\n');
        }
        out.append('\n');
    }

    private static void harness(StringBuilder out, RunReport report) {
        HarnessReport h = report.harness();
        List<String> items = new ArrayList<>();
        if (h.delayLatenessP99Ms() != null) {
            items.add("Injected delays arrived late by p50 " + latency(h.delayLatenessP50Ms()) + ", p99 "
                    + latency(h.delayLatenessP99Ms()) + " over " + Numbers.count(h.delayedResponses()) + " delayed responses");
        }
        List<String> unfired = ReportFacts.rulesNeverFired(report);
        if (!unfired.isEmpty()) {
            items.add("⚠️ Fault rules that never fired: " + unfired.stream().map(r -> code(r)).collect(Collectors.joining(", ")));
        }
        JournalReport j = report.journal();
        if (ReportFacts.journalDropped(report)) {
            items.add("⚠️ Journal: " + ReportFacts.journalDropLine(report));
        }
        if (j.events() > 0 || !j.file().isBlank()) {
            items.add("Journal: " + Numbers.count(j.events()) + " events" + (j.file().isBlank() ? "" : " in " + code(j.file())));
        }
        h.notes().forEach(note -> items.add(text(note)));
        if (items.isEmpty()) {
            return;
        }
        out.append("## Harness\n\n");
        items.forEach(item -> out.append("- ").append(item).append('\n'));
        out.append('\n');
    }

    private static String latency(Double ms) {
        return ms == null ? NOTHING : Numbers.number(ms) + " ms";
    }

    private static String emoji(Verdict verdict) {
        return switch (verdict) {
            case HELD -> "✅";
            case FAILED -> "❌";
            case INCONCLUSIVE -> "⚠️";
            case ERROR -> "💥";
            case INVALID -> "🚫";
            case ABORTED -> "⏹️";
        };
    }

    private static String emoji(CheckStatus status) {
        return switch (status) {
            case PASSED -> "✅";
            case FAILED -> "❌";
            case INCONCLUSIVE -> "⚠️";
        };
    }
}
