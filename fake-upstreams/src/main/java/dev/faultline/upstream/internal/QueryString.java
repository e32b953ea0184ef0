package dev.faultline.upstream.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Looks for a parameter in a raw query string without splitting it: the common case (no percent
 * escapes, no {@code +}) allocates nothing; an escaped parameter is decoded on the spot.
 */
final class QueryString {
    private QueryString() {
    }

    /** True if some {@code name=value} pair of the query, once decoded, equals the given pair. */
    static boolean contains(String query, String name, String value) {
        if (query == null) {
            return false;
        }
        int start = 0;
        int length = query.length();
        while (start <= length) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (pairEquals(query, start, end, name, value)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean pairEquals(String query, int start, int end, String name, String value) {
        int eq = query.indexOf('=', start);
        int nameEnd = eq < 0 || eq > end ? end : eq;
        int valueStart = nameEnd == end ? end : nameEnd + 1;
        return partEquals(query, start, nameEnd, name) && partEquals(query, valueStart, end, value);
    }

    private static boolean partEquals(String query, int start, int end, String expected) {
        boolean escaped = false;
        for (int i = start; i < end; i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return end - start == expected.length() && query.startsWith(expected, start);
        }
        try {
            return URLDecoder.decode(query.substring(start, end), StandardCharsets.UTF_8).equals(expected);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
