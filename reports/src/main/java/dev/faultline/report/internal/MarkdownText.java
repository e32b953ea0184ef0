package dev.faultline.report.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escapes text for GitHub-flavoured Markdown, so report content renders as the words it is. */
public final class MarkdownText {

    // Every character that can start emphasis, a link, raw HTML, a code span, a heading or a table
    // cell. CommonMark lets any ASCII punctuation be backslash-escaped, so over-escaping is harmless.
    private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>|~#&!]");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownText() {
    }

    /** Text on one line, safe in a paragraph or a table cell. */
    public static String text(String text) {
        return SPECIAL.matcher(oneLine(text)).replaceAll("\\\\$0");
    }

    /**
     * A code span, safe in a table cell: fenced with more backticks than it contains, and with its
     * pipes escaped, which GFM requires even inside code spans in a table.
     */
    public static String code(String text) {
        String content = oneLine(text);
        int longest = 0;
        Matcher run = BACKTICKS.matcher(content);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        String fence = "`".repeat(longest + 1);
        String padding = content.startsWith("`") || content.endsWith("`") ? " " : "";
        return fence + padding + content.replace("|", "\\|") + padding + fence;
    }

    /** A table row from cells that are already escaped. */
    public static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
