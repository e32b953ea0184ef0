package dev.faultline.report;

import dev.faultline.report.internal.Markup;
import dev.faultline.report.internal.ReportFacts;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code index.html} of several scenarios' reports ({@code faultline report merge}): the overall verdict,
 * then one row per scenario linking its own {@code report.html}. Self-contained; nothing is copied, so
 * the links work while the folders stay where they are relative to the index.
 */
public final class ReportIndex {
    /** The file name. */
    public static final String FILE = "index.html";

    private ReportIndex() {
    }

    /**
     * One scenario's report and the way to its folder from the index.
     *
     * @param report the scenario's report
     * @param link   its folder relative to the index's folder, names joined by {@code /}
     */
    public record Entry(RunReport report, String link) {
    }

    /** The worst verdict, ranked as exit codes are: aborted, invalid, error, failed, inconclusive, held. */
    static Verdict worst(List<Entry> entries) {
        for (Verdict v : List.of(Verdict.ABORTED, Verdict.INVALID, Verdict.ERROR, Verdict.FAILED, Verdict.INCONCLUSIVE)) {
            if (entries.stream().anyMatch(e -> e.report().verdict() == v)) {
                return v;
            }
        }
        return Verdict.HELD;
    }

    /** The page, rows in the order given. */
    public static String render(List<Entry> entries) {
        Verdict worst = worst(entries);
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>faultline: ").append(entries.size()).append(" scenarios, ").append(worst.text()).append("</title>\n")
                .append("<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}")
                .append(".held{color:#176c2f}.failed,.error,.invalid,.aborted{color:#b3261e}.inconclusive{color:#8a5a00}</style>\n")
                .append("</head>\n<body>\n<h1>faultline: ").append(entries.size()).append(" scenarios, <span class=\"")
                .append(worst.text()).append("\">").append(worst.text()).append("</span></h1>\n<p>")
                .append(Markup.escape(counts(entries))).append("</p>\n<table>\n")
                .append("<tr><th>Verdict</th><th>Scenario</th><th>Checks</th><th>Seed</th><th>File</th></tr>\n");
        for (Entry e : entries) {
            RunReport r = e.report();
            out.append("<tr><td class=\"").append(r.verdict().text()).append("\">").append(r.verdict().text()).append("</td>")
                    .append("<td><a href=\"").append(Markup.escapeAttribute(e.link() + "/" + ReportWriter.HTML)).append("\">")
                    .append(Markup.escape(r.scenario())).append("</a></td>")
                    .append("<td>").append(Markup.escape(r.expectations().isEmpty() ? "—" : ReportFacts.statusCounts(r))).append("</td>")
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
        return String.join(", ", parts);
    }
}
