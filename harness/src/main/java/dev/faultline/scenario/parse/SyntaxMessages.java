package dev.faultline.scenario.parse;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short messages for parser errors. The parsers' own texts are long, multi-line and name parser
 * states; authors need the one thing to fix.
 */
final class SyntaxMessages {
    private static final Pattern TOO_LARGE = Pattern.compile("exceeds the limit: ([0-9]+)");
    private static final Pattern RESERVED = Pattern.compile("found character '(.)' that cannot start any token");

    private SyntaxMessages() {
    }

    static String yaml(String problem, String context) {
        String p = firstLine(problem);
        String lower = p.toLowerCase(Locale.ROOT);
        String c = context == null ? "" : context.toLowerCase(Locale.ROOT);
        if (lower.contains("tab")) {
            return "YAML syntax error: a tab where YAML expects spaces (indent with spaces; tabs are allowed only in"
                    + " .json files)";
        }
        if (lower.contains("mapping values are not allowed")) {
            return "YAML syntax error: a \": \" where no key can start (quote a value that contains \": \", or fix the"
                    + " indentation)";
        }
        if (lower.startsWith("expected <block end>")) {
            return "YAML syntax error: the indentation does not line up (keys of one mapping and items of one list must"
                    + " start in the same column)";
        }
        Matcher tooLarge = TOO_LARGE.matcher(p);
        if (tooLarge.find()) {
            return "the file holds more than " + tooLarge.group(1) + " characters, the most a YAML scenario may hold"
                    + " (put large bodies in body-file)";
        }
        if (lower.startsWith("expected a field name")) {
            return "YAML syntax error: a key that is a list or a mapping (keys are plain names, such as name)";
        }
        Matcher reserved = RESERVED.matcher(p);
        if (reserved.find()) {
            return "YAML syntax error: \"" + reserved.group(1) + "\" cannot start a plain value (put the value in quotes)";
        }
        if (c.contains("quoted scalar")) {
            return "YAML syntax error: a quoted string is not closed (close it with the same quote)";
        }
        if (c.contains("flow sequence")) {
            return "YAML syntax error: a [ list is not closed (expected \",\" or \"]\")";
        }
        if (c.contains("flow mapping")) {
            return "YAML syntax error: a { mapping is not closed (expected \",\" or \"}\")";
        }
        return "YAML syntax error: " + p + " (check the quoting and indentation here)";
    }

    /** A limit of {@code StreamReadConstraints} crossed while reading. */
    static String limit(String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (lower.contains("nesting depth")) {
            return "mappings and lists nest more than " + Limits.MAX_NESTING + " deep here, the most a scenario may"
                    + " nest (check for unclosed [ or {)";
        }
        if (lower.contains("number value length")) {
            return "a number longer than " + Limits.MAX_NUMBER_LENGTH + " characters, the longest a scenario may hold";
        }
        if (lower.contains("token count")) {
            return "the file holds more than " + Limits.MAX_TOKENS + " keys, values and brackets, the most a scenario"
                    + " may hold";
        }
        if (lower.contains("string value length") || lower.contains("name length")) {
            return "a value longer than " + Limits.MAX_SCENARIO_BYTES + " characters, the longest a scenario may hold";
        }
        return "the file is beyond what a scenario may hold: " + firstLine(message);
    }

    static String json(String message) {
        return "JSON syntax error: " + firstLine(message) + " (expected strict JSON: double-quoted keys and strings,"
                + " no trailing commas)";
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "unreadable input";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
