package dev.faultline.scenario.parse;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Wording shared by many errors, so the same mistake reads the same wherever it is made. */
final class Messages {
    private static final int LONGEST_QUOTE = 60;

    private Messages() {
    }

    /** Text in double quotes, escaped, and cut short when long. */
    static String quote(String text) {
        String shown = text.length() > LONGEST_QUOTE ? text.substring(0, LONGEST_QUOTE) + "..." : text;
        StringBuilder out = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    // Other control characters (ESC, BEL, C1) would act on the terminal the error is printed to.
                    if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@code expected WHAT but found FOUND}. */
    static String expected(String what, Node found) {
        return "expected " + what + " but found " + found.describe();
    }

    /** {@code missing key "KEY" (expected WHAT)}. */
    static String missingKey(String key, String what) {
        return "missing key " + quote(key) + " (expected " + what + ")";
    }

    /** {@code unknown key "KEY" (expected one of: a, b; did you mean "b"?)}. */
    static String unknownKey(String key, Collection<String> known) {
        Optional<String> suggestion = KeySuggestions.closest(key, known);
        return "unknown key " + quote(key) + " (expected one of: " + String.join(", ", new TreeSet<>(known))
                + suggestion.map(s -> "; did you mean " + quote(s) + "?").orElse("") + ")";
    }

    /** Names joined as {@code a}, {@code a and b}, {@code a, b and c}. */
    static String and(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Known names for a "names no ..." message, or a hint when there are none. */
    static String known(Collection<String> names, String whereToDeclare) {
        return names.isEmpty() ? "none; " + whereToDeclare : String.join(", ", names);
    }
}
