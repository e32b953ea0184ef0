package dev.faultline.analysis.fairness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the IETF rate-limit fields of draft-ietf-httpapi-ratelimit-headers-10 (the revision the fake
 * upstream sends): {@code RateLimit: "default";r=0;t=1} and {@code RateLimit-Policy: "default";q=10;w=1}.
 * Both are Structured Field Lists (RFC 9651) of Items whose value is a String (the policy's name),
 * with Integer parameters: {@code r} (remaining, required) and {@code t} (seconds until more quota)
 * for {@code RateLimit}; {@code q} (quota, required), {@code w} (window, seconds) and {@code qu}
 * (quota unit) for {@code RateLimit-Policy}. Parameters it does not know are ignored, as Structured
 * Fields are meant to be extended. Pure.
 */
public final class RateLimitFields {
    private static final Set<String> QUOTA_UNITS = Set.of("requests", "content-bytes", "concurrent-requests");
    private static final int MAX_INTEGER_DIGITS = 15;

    private RateLimitFields() {
    }

    /** One policy named in a field, with the parameters this analysis reads. */
    public record Quota(String policy, OptionalLong remaining, OptionalLong resetSeconds, OptionalLong quota,
                        OptionalLong windowSeconds) {
    }

    /** A field value read: its quotas, or why it does not parse. */
    public sealed interface Reading permits Valid, Malformed {
    }

    /** Every list member as a quota. */
    public record Valid(List<Quota> quotas) implements Reading {
        public Valid {
            quotas = List.copyOf(quotas);
        }

        /** The longest {@code t} among policies with {@code r=0}: when every exhausted quota is back; empty if none is exhausted. */
        public OptionalLong exhaustedResetSeconds() {
            long longest = -1;
            for (Quota q : quotas) {
                if (q.remaining().isPresent() && q.remaining().getAsLong() == 0) {
                    longest = Math.max(longest, q.resetSeconds().orElse(0));
                }
            }
            return longest < 0 ? OptionalLong.empty() : OptionalLong.of(longest);
        }

        /** True when some policy says no quota is left ({@code r=0}). */
        public boolean exhausted() {
            return exhaustedResetSeconds().isPresent();
        }
    }

    /** The value does not parse, or breaks the draft; {@code why} says how. */
    public record Malformed(String value, String why) implements Reading {
    }

    /** Reads a {@code RateLimit} value ({@code r} required). */
    public static Reading rateLimit(String value) {
        return read(value, true);
    }

    /** Reads a {@code RateLimit-Policy} value ({@code q} required). */
    public static Reading policy(String value) {
        return read(value, false);
    }

    private static Reading read(String value, boolean rateLimit) {
        List<Item> items;
        try {
            items = new Parser(value).list();
        } catch (IllegalArgumentException e) {
            return new Malformed(value, e.getMessage());
        }
        List<Quota> quotas = new ArrayList<>();
        for (Item item : items) {
            if (!(item.value() instanceof String name)) {
                return new Malformed(value, "a member is " + describe(item.value()) + ", not a policy name in quotes");
            }
            try {
                if (rateLimit) {
                    quotas.add(new Quota(name, required(item, "r"), optional(item, "t"), OptionalLong.empty(), OptionalLong.empty()));
                } else {
                    OptionalLong window = optional(item, "w");
                    if (window.isPresent() && window.getAsLong() == 0) {
                        throw new IllegalArgumentException("w=0 is not a window");
                    }
                    Object unit = item.params().get("qu");
                    if (unit != null && !(unit instanceof String u && QUOTA_UNITS.contains(u))) {
                        throw new IllegalArgumentException("qu=" + unit + " is not a quota unit (\"requests\", \"content-bytes\" or"
                                + " \"concurrent-requests\")");
                    }
                    quotas.add(new Quota(name, OptionalLong.empty(), OptionalLong.empty(), required(item, "q"), window));
                }
            } catch (IllegalArgumentException e) {
                return new Malformed(value, "policy \"" + name + "\": " + e.getMessage());
            }
        }
        return new Valid(quotas);
    }

    private static OptionalLong required(Item item, String key) {
        if (!item.params().containsKey(key)) {
            throw new IllegalArgumentException("no " + key + " (required)");
        }
        return optional(item, key);
    }

    private static OptionalLong optional(Item item, String key) {
        Object v = item.params().get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!(v instanceof Long n) || n < 0) {
            throw new IllegalArgumentException(key + "=" + v + " is not a whole number of at least 0");
        }
        return OptionalLong.of(n);
    }

    private static String describe(Object value) {
        if (value instanceof Token) {
            return "the token " + value;
        }
        if (value instanceof List) {
            return "an inner list";
        }
        return "the " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
    }

    /** A list member: a bare item (or an inner list) with its parameters. */
    private record Item(Object value, Map<String, Object> params) {
    }

    /** A bare token, kept apart from a String. */
    private record Token(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The subset of RFC 9651 a List needs: items, inner lists, parameters, every bare item type. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        List<Item> list() {
            List<Item> items = new ArrayList<>();
            skip(' ');
            if (i == s.length()) {
                throw new IllegalArgumentException("empty");
            }
            while (true) {
                items.add(member());
                skipOws();
                if (i == s.length()) {
                    return items;
                }
                expect(',');
                skipOws();
                if (i == s.length()) {
                    throw new IllegalArgumentException("a comma with nothing after it");
                }
            }
        }

        private Item member() {
            if (peek() == '(') {
                i++;
                List<Item> inner = new ArrayList<>();
                while (true) {
                    skip(' ');
                    if (peek() == ')') {
                        i++;
                        return new Item(inner, params());
                    }
                    inner.add(new Item(bareItem(), params()));
                    if (peek() != ' ' && peek() != ')') {
                        throw new IllegalArgumentException("an inner list is not closed");
                    }
                }
            }
            return new Item(bareItem(), params());
        }

        private Map<String, Object> params() {
            Map<String, Object> params = new LinkedHashMap<>();
            while (peek() == ';') {
                i++;
                skip(' ');
                String key = key();
                Object value = Boolean.TRUE;
                if (peek() == '=') {
                    i++;
                    value = bareItem();
                }
                params.put(key, value);
            }
            return params;
        }

        private String key() {
            int start = i;
            char c = peek();
            if (!(c >= 'a' && c <= 'z' || c == '*')) {
                throw new IllegalArgumentException(at("a parameter name (lowercase)"));
            }
            i++;
            while (i < s.length() && isKeyChar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private static boolean isKeyChar(char c) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '*';
        }

        private Object bareItem() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '-' || c >= '0' && c <= '9') {
                return number();
            }
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '*') {
                return token();
            }
            if (c == ':') {
                return binary();
            }
            if (c == '?') {
                return bool();
            }
            throw new IllegalArgumentException(at("a value"));
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '\\') {
                    if (i == s.length() || s.charAt(i) != '"' && s.charAt(i) != '\\') {
                        throw new IllegalArgumentException("a string has a bad escape");
                    }
                    out.append(s.charAt(i++));
                } else if (c == '"') {
                    return out.toString();
                } else if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("a string holds a character it may not");
                } else {
                    out.append(c);
                }
            }
            throw new IllegalArgumentException("a string is not closed");
        }

        private Object number() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            int digits = 0;
            boolean decimal = false;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' && !decimal)) {
                decimal |= s.charAt(i) == '.';
                digits += s.charAt(i) == '.' ? 0 : 1;
                i++;
            }
            String text = s.substring(start, i);
            if (digits == 0 || text.endsWith(".") || digits > MAX_INTEGER_DIGITS) {
                throw new IllegalArgumentException("\"" + text + "\" is not a number");
            }
            return decimal ? (Object) new BigDecimal(text) : (Object) Long.parseLong(text);
        }

        private Token token() {
            int start = i;
            i++;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            return new Token(s.substring(start, i));
        }

        private static boolean isTokenChar(char c) {
            return c > 0x20 && c < 0x7f && "\"(),;<=>?@[\\]{}".indexOf(c) < 0 || c == ':' || c == '/';
        }

        private Object binary() {
            int end = s.indexOf(':', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("a byte sequence is not closed");
            }
            String base64 = s.substring(i + 1, end);
            i = end + 1;
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a byte sequence is not base64");
            }
        }

        private Boolean bool() {
            i++;
            char c = peek();
            if (c != '0' && c != '1') {
                throw new IllegalArgumentException(at("?0 or ?1"));
            }
            i++;
            return c == '1';
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException(at("'" + c + "'"));
            }
            i++;
        }

        private void skip(char c) {
            while (peek() == c) {
                i++;
            }
        }

        private void skipOws() {
            while (peek() == ' ' || peek() == '\t') {
                i++;
            }
        }

        private String at(String expected) {
            return i >= s.length() ? "ends where " + expected + " was expected"
                    : "has '" + s.charAt(i) + "' at " + (i + 1) + " where " + expected + " was expected";
        }
    }
}
