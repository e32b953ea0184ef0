package dev.faultline.report;

import dev.faultline.report.internal.MarkdownText;
import dev.faultline.report.internal.Markup;
import dev.faultline.report.internal.RunFacts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Several scenarios' reports, e.g. the shards of one suite run as a Kubernetes Indexed Job, as one set:
 * {@code junit.xml} (one testsuite per scenario), {@code summary.md} and {@code index.html} linking each
 * scenario's {@code report.html} ({@code faultline report merge}). Each scenario keeps its own folder;
 * nothing is copied.
 */
public final class MergedReports {
    /** The page that links every scenario's report. */
    public static final String INDEX = "index.html";

    private MergedReports() {
    }

    /**
     * One scenario's report and the way to its folder from the merged output.
     *
     * @param report the scenario's report
     * @param link   its folder relative to the output folder, with {@code /} separators
     */
    public record Entry(RunReport report, String link) {
    }

    /**
     * Writes {@code junit.xml}, {@code summary.md} and {@code index.html} into {@code out}, the
     * scenarios sorted by name (then link), so the result does not depend on which shard ran which.
     *
     * @return the files written
     */
    public static List<Path> write(List<Entry> entries, Path out) throws IOException {
        List<Entry> sorted = sorted(entries);
        java.nio.file.Files.createDirectories(out);
        return List.of(
                ReportWriter.write(out.resolve(ReportWriter.JUNIT), JUnitXmlReport.render(sorted.stream().map(Entry::report).toList())),
                ReportWriter.write(out.resolve(ReportWriter.MARKDOWN), markdown(sorted)),
                ReportWriter.write(out.resolve(INDEX), html(sorted)));
    }

    static List<Entry> sorted(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((Entry e) -> e.report().scenario()).thenComparing(Entry::link));
        return sorted;
    }

    /** The worst verdict first: aborted, invalid, error, failed, inconclusive, held (as exit codes rank). */
    static Verdict worst(List<Entry> entries) {
        List<Verdict> order = List.of(Verdict.ABORTED, Verdict.INVALID, Verdict.ERROR, Verdict.FAILED, Verdict.INCONCLUSIVE);
        for (Verdict v : order) {
            if (entries.stream().anyMatch(e -> e.report().verdict() == v)) {
                return v;
            }
        }
        return Verdict.HELD;
    }

    /** {@code summary.md}: the overall verdict, then one row per scenario. */
    public static String markdown(List<Entry> entries) {
        List<Entry> sorted = sorted(entries);
        StringBuilder out = new StringBuilder();
        Verdict worst = worst(sorted);
        out.append("# faultline: ").append(sorted.size()).append(" scenarios, ").append(worst.text()).append("\n\n");
        out.append(counts(sorted)).append("\n\n");
        out.append(MarkdownText.row(List.of("Verdict", "Scenario", "Checks", "Seed", "File", "Report"))).append('\n');
        out.append("|:--|:--|:--|--:|:--|:--|\n");
        for (Entry e : sorted) {
            RunReport r = e.report();
            out.append(MarkdownText.row(List.of(
                    r.verdict().text(),
                    MarkdownText.text(r.scenario()),
                    MarkdownText.text(r.expectations().isEmpty() ? "—" : RunFacts.statusCounts(r)),
                    Long.toString(r.seed()),
                    r.file().isBlank() ? "—" : MarkdownText.code(r.file()),
                    "[" + MarkdownText.text(e.link()) + "](" + e.link() + "/" + ReportWriter.MARKDOWN + ")"))).append('\n');
        }
        return out.toString();
    }

    /** {@code index.html}: a self-contained page, one row per scenario linking its {@code report.html}. */
    public static String html(List<Entry> entries) {
        List<Entry> sorted = sorted(entries);
        Verdict worst = worst(sorted);
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>faultline: ").append(sorted.size()).append(" scenarios, ").append(worst.text()).append("</title>\n")
                .append("<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}")
                .append(".held{color:#176c2f}.failed,.error,.invalid,.aborted{color:#b3261e}.inconclusive{color:#8a5a00}</style>\n")
                .append("</head>\n<body>\n<h1>faultline: ").append(sorted.size()).append(" scenarios, <span class=\"")
                .append(worst.text()).append("\">").append(worst.text()).append("</span></h1>\n<p>")
                .append(Markup.escape(counts(sorted))).append("</p>\n<table>\n")
                .append("<tr><th>Verdict</th><th>Scenario</th><th>Checks</th><th>Seed</th><th>File</th></tr>\n");
        for (Entry e : sorted) {
            RunReport r = e.report();
            out.append("<tr><td class=\"").append(r.verdict().text()).append("\">").append(r.verdict().text()).append("</td>")
                    .append("<td><a href=\"").append(Markup.escapeAttribute(e.link() + "/" + ReportWriter.HTML)).append("\">")
                    .append(Markup.escape(r.scenario())).append("</a></td>")
                    .append("<td>").append(Markup.escape(r.expectations().isEmpty() ? "—" : RunFacts.statusCounts(r))).append("</td>")
                    .append("<td>").append(r.seed()).append("</td>")
                    .append("<td>").append(Markup.escape(r.file())).append("</td></tr>\n");
        }
        out.append("</table>\n</body>\n</html>\n");
        return out.toString();
    }

    private static String counts(List<Entry> entries) {
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = entries.stream().filter(e -> e.report().verdict() == v).count();
            if (n > 0) {
                parts.add(n + " " + v.text());
            }
        }
        return String.join(", ", parts).toLowerCase(Locale.ROOT);
    }
}
