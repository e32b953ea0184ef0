package dev.faultline.report;

import dev.faultline.report.internal.ExpectationText;
import dev.faultline.report.internal.HtmlStyle;
import dev.faultline.report.internal.ReplayCommand;
import dev.faultline.report.internal.ReportFacts;
import dev.faultline.report.internal.TimelineChart;
import dev.faultline.report.internal.Tone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.faultline.report.internal.Markup.escape;

/**
 * {@code report.html}: the report as one self-contained page (inline CSS, inline SVG charts, no
 * scripts, fonts or anything else fetched), so it opens offline from a CI artifact. It lays out
 * down to 600 px wide without scrolling sideways: charts scale, wide tables scroll in their own box.
 */
public final class HtmlReport {

    private static final String NOTHING = "—";
    // A log file link must stay a relative path inside the report folder: no scheme, no way up.
    private static final Pattern RELATIVE_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-/ ]*");

    private HtmlReport() {
    }

    /**
     * The page for one run. It is also well-formed XML (void elements self-closed), which lets tests
     * prove with a strict parser that no report text escaped its element.
     */
    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder(32_768);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(escape(verdictWord(report.verdict()) + " · " + report.scenario() + " · faultline")).append("</title>\n")
                .append("<style>\n").append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n");
        banner(out, report);
        expectations(out, report);
        timeline(out, report);
        upstreams(out, report);
        targets(out, report);
        harness(out, report);
        replay(out, report);
        out.append("<footer>faultline report, format version ").append(report.formatVersion())
                .append(". Rendered from report.json alone.</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void banner(StringBuilder out, RunReport report) {
        Verdict v = report.verdict();
        out.append("<header class=\"banner ").append(toneClass(Tone.of(v))).append("\">\n")
                .append("<p class=\"verdict\"><span class=\"icon\" aria-hidden=\"true\">").append(icon(v)).append("</span>")
                .append("<span>").append(verdictWord(v)).append("</span>")
                .append("<span class=\"exit\">exit code ").append(report.exitCode()).append("</span></p>\n")
                .append("<h1>").append(escape(report.scenario())).append("</h1>\n");
        if (!report.description().isBlank()) {
            out.append("<p class=\"description\">").append(escape(report.description())).append("</p>\n");
        }
        out.append("<dl class=\"facts\">\n");
        fact(out, "Seed", "<code>" + report.seed() + "</code>");
        fact(out, "Duration", escape(Numbers.duration(report.durationSeconds())));
        if (!report.startedAt().isBlank()) {
            fact(out, "Started", escape(report.startedAt()));
        }
        if (!report.file().isBlank()) {
            fact(out, "File", "<code>" + escape(report.file()) + "</code>");
        }
        fact(out, "Checks", escape(ReportFacts.statusCounts(report)));
        out.append("</dl>\n");
        String runMessage = ReportFacts.runMessage(report);
        if (!runMessage.isBlank()) {
            out.append("<p class=\"callout\"><strong>").append(escape(v.text())).append(":</strong> ")
                    .append(escape(runMessage)).append("</p>\n");
        }
        out.append("</header>\n");
    }

    private static void fact(StringBuilder out, String term, String html) {
        out.append("<div><dt>").append(term).append("</dt><dd>").append(html).append("</dd></div>\n");
    }

    private static void expectations(StringBuilder out, RunReport report) {
        out.append("<section id=\"expectations\">\n<h2>Expectations</h2>\n");
        if (report.expectations().isEmpty()) {
            out.append("<p class=\"muted\">No expectations were judged.</p>\n</section>\n");
            return;
        }
        out.append("<p class=\"counts\">");
        for (CheckStatus status : CheckStatus.values()) {
            long n = ReportFacts.count(report, status);
            if (n > 0) {
                out.append(pill(status, n + " " + status.text())).append(' ');
            }
        }
        out.append("</p>\n<div class=\"scroll\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Check</th>")
                .append("<th scope=\"col\" class=\"num\">Measured</th><th scope=\"col\" class=\"num\">Limit</th><th scope=\"col\">Explanation</th></tr></thead>\n<tbody>\n");
        for (ExpectationResult e : report.expectations()) {
            String measured = ExpectationText.measured(e);
            String limit = ExpectationText.typesetLimit(e);
            // data-label names each cell where a narrow screen shows the rows as cards, without the header row.
            out.append("<tr class=\"row-").append(toneName(Tone.of(e.status()))).append("\">")
                    .append("<td data-label=\"Status\">").append(pill(e.status(), statusWord(e.status()))).append("</td>")
                    .append("<td data-label=\"Check\"><code class=\"check-id\">").append(escape(e.id())).append("</code><div class=\"muted small\">").append(escape(e.kind())).append("</div></td>")
                    .append("<td class=\"num\" data-label=\"Measured\">").append(measured.isEmpty() ? NOTHING : escape(measured)).append("</td>")
                    .append("<td class=\"num\" data-label=\"Limit\">").append(limit.isEmpty() ? NOTHING : escape(limit)).append("</td>")
                    .append("<td data-label=\"Explanation\">").append(escape(e.explanation())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void timeline(StringBuilder out, RunReport report) {
        if (report.series().isEmpty() && report.phases().isEmpty()) {
            return;
        }
        out.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        Map<String, List<Series>> groups = new LinkedHashMap<>();
        for (Series s : report.series()) {
            groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
        }
        int index = 0;
        for (Map.Entry<String, List<Series>> group : groups.entrySet()) {
            out.append(TimelineChart.render("chart-" + index++, group.getKey(), group.getValue(), report.phases(), report.durationSeconds(),
                    report.expectations(), report.markers()));
        }
        if (!report.phases().isEmpty()) {
            out.append("<h3>Phases</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Phase</th><th scope=\"col\" class=\"num\">Start</th>")
                    .append("<th scope=\"col\" class=\"num\">End</th><th scope=\"col\">Fault rules in force</th></tr></thead>\n<tbody>\n");
            for (PhaseReport p : report.phases()) {
                out.append("<tr><td>").append(escape(p.name())).append("</td>")
                        .append("<td class=\"num\">").append(Numbers.offset(p.startSeconds())).append("</td>")
                        .append("<td class=\"num\">").append(Numbers.offset(p.endSeconds())).append("</td><td>")
                        .append(p.faults().isEmpty() ? "<span class=\"muted\">none</span>" : chips(p.faults()))
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n</table></div>\n");
        }
        out.append("</section>\n");
    }

    private static void upstreams(StringBuilder out, RunReport report) {
        if (report.upstreams().isEmpty()) {
            return;
        }
        out.append("<section id=\"upstreams\">\n<h2>Upstreams</h2>\n<div class=\"scroll\"><table>\n<thead><tr>")
                .append("<th scope=\"col\">Upstream</th><th scope=\"col\">Ports</th><th scope=\"col\" class=\"num\">Requests</th>")
                .append("<th scope=\"col\">By status</th><th scope=\"col\">By effect</th><th scope=\"col\">Fault rules fired</th></tr></thead>\n<tbody>\n");
        for (UpstreamReport u : report.upstreams()) {
            out.append("<tr><td><strong>").append(escape(u.name())).append("</strong></td>")
                    .append("<td>").append(escape(Numbers.ports(u.ports()))).append("</td>")
                    .append("<td class=\"num\">").append(Numbers.count(u.requests())).append("</td>")
                    .append("<td>").append(counts(u.byStatus())).append("</td>")
                    .append("<td>").append(counts(u.byEffect())).append("</td><td>");
            if (u.rules().isEmpty()) {
                out.append("<span class=\"muted\">none</span>");
            } else {
                out.append("<div class=\"chips\">");
                for (UpstreamReport.RuleReport rule : u.rules()) {
                    String text = rule.id() + " " + rule.effect() + ": " + (rule.fired() == 0 ? "never fired" : Numbers.count(rule.fired()) + "×");
                    out.append("<span class=\"chip").append(rule.fired() == 0 ? " warning" : "").append("\">")
                            .append(rule.fired() == 0 ? "⚠ " : "").append(escape(text)).append("</span>");
                }
                out.append("</div>");
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void targets(StringBuilder out, RunReport report) {
        if (report.targets().isEmpty()) {
            return;
        }
        out.append("<section id=\"targets\">\n<h2>Targets</h2>\n<div class=\"scroll\"><table>\n<thead><tr>")
                .append("<th scope=\"col\" class=\"num\">Replica</th><th scope=\"col\">Command</th><th scope=\"col\" class=\"num\">PID</th>")
                .append("<th scope=\"col\" class=\"num\">Port</th><th scope=\"col\" class=\"num\">Ready</th><th scope=\"col\" class=\"num\">Exit code</th>")
                .append("<th scope=\"col\">Exit</th><th scope=\"col\">Logs</th></tr></thead>\n<tbody>\n");
        for (TargetReport t : report.targets()) {
            out.append("<tr><td class=\"num\">").append(t.replica()).append("</td>")
                    .append("<td><code>").append(escape(t.command())).append("</code></td>")
                    .append("<td class=\"num\">").append(t.pid() < 0 ? "never started" : Long.toString(t.pid())).append("</td>")
                    .append("<td class=\"num\">").append(t.port() == 0 ? NOTHING : Integer.toString(t.port())).append("</td>")
                    .append("<td class=\"num\">").append(t.readySeconds() == null ? "never" : Numbers.offset(t.readySeconds())).append("</td>")
                    .append("<td class=\"num\">").append(t.exitCode() == null ? NOTHING : t.exitCode().toString()).append("</td>")
                    .append("<td>").append(exit(t)).append("</td>")
                    .append("<td>").append(link(t.stdout(), "stdout")).append(' ').append(link(t.stderr(), "stderr")).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static String exit(TargetReport t) {
        List<String> parts = new ArrayList<>();
        if (t.exitSeconds() != null) {
            parts.add("at " + escape(Numbers.offset(t.exitSeconds())));
        }
        if (t.exitedBeforeStop()) {
            parts.add("<span class=\"pill warning\"><span aria-hidden=\"true\">⚠</span> on its own, before the stop</span>");
        }
        if (t.killed()) {
            parts.add("<span class=\"pill bad\"><span aria-hidden=\"true\">✗</span> killed after the grace period</span>");
        }
        return parts.isEmpty() ? NOTHING : String.join(" ", parts);
    }

    private static void harness(StringBuilder out, RunReport report) {
        HarnessReport h = report.harness();
        JournalReport j = report.journal();
        out.append("<section id=\"harness\">\n<h2>Harness</h2>\n<ul class=\"plain\">\n");
        if (h.delayLatenessP99Ms() != null) {
            out.append("<li>Injected delays arrived late by p50 ").append(escape(latency(h.delayLatenessP50Ms())))
                    .append(", p99 ").append(escape(latency(h.delayLatenessP99Ms()))).append(" over ")
                    .append(Numbers.count(h.delayedResponses())).append(" delayed responses.</li>\n");
        } else {
            out.append("<li>No injected delays to measure.</li>\n");
        }
        List<String> unfired = ReportFacts.rulesNeverFired(report);
        if (!unfired.isEmpty()) {
            out.append("<li><span class=\"pill warning\"><span aria-hidden=\"true\">⚠</span> never fired</span> ")
                    .append(chips(unfired)).append("</li>\n");
        }
        out.append("<li>Journal: ").append(Numbers.count(j.events())).append(" events");
        if (!j.file().isBlank()) {
            out.append(" in ").append(link(j.file(), j.file()));
        }
        if (ReportFacts.journalDropped(report)) {
            out.append(" <span class=\"pill warning\"><span aria-hidden=\"true\">⚠</span> ")
                    .append(escape(ReportFacts.journalDropLine(report))).append("</span>");
        }
        out.append(".</li>\n");
        for (String note : h.notes()) {
            out.append("<li>").append(escape(note)).append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private static void replay(StringBuilder out, RunReport report) {
        out.append("<details id=\"replay\">\n<summary>Seed and replay</summary>\n")
                .append("<p>Every random choice in this run derived from seed <code>").append(report.seed())
                .append("</code>. To replay the run with the same faults:</p>\n")
                .append("<pre><code>").append(escape(ReplayCommand.of(report))).append("</code></pre>\n")
                .append("<p class=\"muted\">To render these reports again from <code>report.json</code>: ")
                .append("<code>faultline report DIR</code>.</p>\n</details>\n");
    }

    private static String chips(List<String> items) {
        StringBuilder out = new StringBuilder("<span class=\"chips\">");
        for (String item : items) {
            out.append("<code class=\"chip\">").append(escape(item)).append("</code>");
        }
        return out.append("</span>").toString();
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "<span class=\"muted\">none</span>";
        }
        StringBuilder out = new StringBuilder("<span class=\"chips\">");
        counts.forEach((key, n) -> out.append("<span class=\"chip\">").append(escape(key)).append(": ").append(Numbers.count(n)).append("</span>"));
        return out.append("</span>").toString();
    }

    private static String link(String file, String label) {
        if (file.isBlank()) {
            return "";
        }
        if (!RELATIVE_FILE.matcher(file).matches() || file.contains("..")) {
            return "<code>" + escape(file) + "</code>";
        }
        return "<a href=\"" + escape(file.replace(" ", "%20")) + "\">" + escape(label) + "</a>";
    }

    private static String pill(CheckStatus status, String text) {
        return "<span class=\"pill " + toneName(Tone.of(status)) + "\"><span aria-hidden=\"true\">"
                + switch (status) {
                    case PASSED -> "✓";
                    case FAILED -> "✗";
                    case INCONCLUSIVE -> "?";
                } + "</span> " + escape(text) + "</span>";
    }

    private static String statusWord(CheckStatus status) {
        return capitalised(status.text());
    }

    private static String verdictWord(Verdict verdict) {
        return capitalised(verdict.text());
    }

    private static String capitalised(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static String icon(Verdict verdict) {
        return switch (verdict) {
            case HELD -> "✓";
            case FAILED -> "✗";
            case INCONCLUSIVE -> "?";
            case ERROR, INVALID -> "!";
            case ABORTED -> "■";
        };
    }

    private static String toneClass(Tone tone) {
        return "tone-" + toneName(tone);
    }

    private static String toneName(Tone tone) {
        return tone.name().toLowerCase(Locale.ROOT);
    }

    private static String latency(Double ms) {
        return ms == null ? NOTHING : Numbers.number(ms) + " ms";
    }
}
