package dev.faultline.upstream.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSONPath of the small subset contract drift needs (RFC 9535 spelling): {@code $} (the whole
 * document), {@code .name} (a member of an object), {@code [N]} (an element of an array, 0-based)
 * and {@code [*]} (every element of an array). {@code $.items[*].price} names the price of every
 * item. Filters, slices, recursive descent and quoted names are left out on purpose: a drift rule
 * names fields of a known contract, and anything more is a query language to get wrong.
 *
 * @param text     the path as written
 * @param segments the steps after {@code $}, in order (empty for {@code $} itself)
 */
public record JsonPath(String text, List<Segment> segments) {

    public JsonPath {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
    }

    /** One step of a path. */
    public sealed interface Segment {
    }

    /** {@code .name}: the member {@code name} of an object. */
    public record Member(String name) implements Segment {
        public Member {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "." + name;
        }
    }

    /** {@code [N]}: the element at index N of an array. */
    public record Element(int index) implements Segment {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** {@code [*]}: every element of an array. */
    public record EveryElement() implements Segment {
        @Override
        public String toString() {
            return "[*]";
        }
    }

    /** True for {@code $}, the whole document. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last step, or {@code null} for {@code $}. */
    public Segment last() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1);
    }

    /**
     * Parses a path of the subset.
     *
     * @throws Invalid with the 0-based offset of the first character that is wrong
     */
    public static JsonPath parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith("$")) {
            throw new Invalid(0, "a JSONPath starts with $ (the whole document), such as $.items[*].id");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = i + 1;
                int end = start;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                if (end == start) {
                    String why = start < text.length() && text.charAt(start) == '*'
                            ? "'.*' is not in the subset (write [*] for every element of an array)"
                            : start < text.length() && text.charAt(start) == '.'
                            ? "'..' (recursive descent) is not in the subset (write the path out: $.a.b)"
                            : "a member name after '.' (letters, digits, _, - or $)";
                    throw new Invalid(start, why);
                }
                segments.add(new Member(text.substring(start, end)));
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new Invalid(i, "'[' without ']' (expected [N] or [*])");
                }
                String inside = text.substring(i + 1, close);
                if (inside.equals("*")) {
                    segments.add(new EveryElement());
                } else if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit) && inside.length() <= 9) {
                    segments.add(new Element(Integer.parseInt(inside)));
                } else {
                    throw new Invalid(i + 1, "[" + inside + "] is not in the subset (expected [N], an index from 0,"
                            + " or [*]; write a member as .name)");
                }
                i = close + 1;
            } else {
                throw new Invalid(i, "unexpected '" + c + "' (expected .name, [N] or [*])");
            }
        }
        return new JsonPath(text, segments);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$';
    }

    @Override
    public String toString() {
        return text;
    }

    /** A path outside the subset; {@link #offset} is the 0-based position of the first wrong character. */
    public static final class Invalid extends IllegalArgumentException {
        private final int offset;

        public Invalid(int offset, String message) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }
}
