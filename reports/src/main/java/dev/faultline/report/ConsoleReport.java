package dev.faultline.report;

import dev.faultline.report.internal.ExpectationText;
import dev.faultline.report.internal.ReportFacts;
import dev.faultline.report.internal.Tone;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The verdict as a compact table for a terminal: a header line, one row per check, the explanation
 * under each check that did not pass, then what the harness wants a reader to notice.
 *
 * <p>Every mark is a plain ASCII word (PASS, FAIL, INCONCLUSIVE), in ANSI colours on a terminal, so CI
 * logs that strip escapes or mangle Unicode stay readable and every console shows the README's words.
 */
public final class ConsoleReport {

    private static final String GAP = "  ";
    private static final String NOTHING = "-";

    private ConsoleReport() {
    }

    /**
     * Renders the report.
     *
     * @param report    the run's report
     * @param reportDir the folder the reports were written to, named on the last line; {@code null} to leave it out
     * @param colour    whether to use ANSI colours and symbol marks
     * @return the text, one line per {@code \n}, ending in a newline
     */
    public static String render(RunReport report, Path reportDir, boolean colour) {
        Style style = colour ? Style.ANSI : Style.PLAIN;
        StringBuilder out = new StringBuilder();
        // Every text below may come from the scenario or the target; TerminalText.line keeps its escapes off the screen.
        out.append(style.bold(TerminalText.line(report.scenario()))).append(": ")
                .append(style.paint(Tone.of(report.verdict()), report.verdict().text().toUpperCase(Locale.ROOT)))
                .append(" (seed ").append(report.seed()).append(", ").append(Numbers.duration(report.durationSeconds())).append(")\n");

        String runMessage = TerminalText.lines(ReportFacts.runMessage(report));
        if (!runMessage.isBlank()) {
            out.append(GAP).append(runMessage).append('\n');
        }
        if (report.expectations().isEmpty() && runMessage.isBlank()) {
            out.append(GAP).append("no expectations were judged\n");
        }
        table(out, report.expectations(), style);

        List<String> unfired = ReportFacts.rulesNeverFired(report);
        if (!unfired.isEmpty()) {
            out.append(style.paint(Tone.WARNING, "rules that never fired:")).append(' ').append(TerminalText.line(String.join(", ", unfired))).append('\n');
        }
        if (ReportFacts.journalDropped(report)) {
            out.append(style.paint(Tone.WARNING, "journal:")).append(' ')
                    .append(TerminalText.line(ReportFacts.journalDropLine(report))).append('\n');
        }
        for (String note : report.harness().notes()) {
            out.append("note: ").append(TerminalText.lines(note)).append('\n');
        }
        if (reportDir != null) {
            out.append("report: ").append(TerminalText.line(reportDir.toString())).append('\n');
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<ExpectationResult> checks, Style style) {
        int markWidth = 0;
        int idWidth = 0;
        int measuredWidth = 0;
        for (ExpectationResult e : checks) {
            markWidth = Math.max(markWidth, width(style.mark(e.status())));
            idWidth = Math.max(idWidth, width(TerminalText.line(e.id())));
            measuredWidth = Math.max(measuredWidth, width(measured(e)));
        }
        String explanationIndent = GAP + " ".repeat(markWidth) + GAP;
        for (ExpectationResult e : checks) {
            String mark = style.mark(e.status());
            // Pad on the visible text, then colour it: escape codes take no columns on screen.
            String row = GAP + style.paint(Tone.of(e.status()), pad(mark, markWidth)) + GAP
                    + pad(TerminalText.line(e.id()), idWidth) + GAP + pad(measured(e), measuredWidth) + GAP
                    + TerminalText.line(ExpectationText.limit(e));
            out.append(row.stripTrailing()).append('\n');
            if (e.status() != CheckStatus.PASSED) {
                out.append(explanationIndent).append(TerminalText.line(ExpectationText.explanation(e))).append('\n');
            }
        }
    }

    private static String measured(ExpectationResult e) {
        String measured = TerminalText.line(ExpectationText.measured(e));
        return measured.isEmpty() ? NOTHING : measured;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - width(text)));
    }

    /** Columns on screen, counting a surrogate pair (one character) once. */
    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private enum Style {
        PLAIN, ANSI;

        // The same words with and without colour, so a terminal shows what the README and CI logs show.
        String mark(CheckStatus status) {
            return switch (status) {
                case PASSED -> "PASS";
                case FAILED -> "FAIL";
                case INCONCLUSIVE -> "INCONCLUSIVE";
            };
        }

        String paint(Tone tone, String text) {
            if (this == PLAIN) {
                return text;
            }
            String code = switch (tone) {
                case GOOD -> "32";
                case BAD -> "31";
                case WARNING -> "33";
            };
            return "\u001b[1;" + code + "m" + text + "\u001b[0m";
        }

        String bold(String text) {
            return this == PLAIN ? text : "\u001b[1m" + text + "\u001b[0m";
        }
    }
}
