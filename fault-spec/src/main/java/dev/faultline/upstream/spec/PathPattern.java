package dev.faultline.upstream.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A request-path pattern: exact, or a glob where {@code *} matches one path segment and {@code **}
 * matches any number of segments (zero or more). Compiled once; matching allocates nothing.
 * Immutable and threadsafe.
 */
public final class PathPattern {
    private static final String ONE = "*";
    private static final String MANY = "**";

    private final String text;
    private final String[] segments;
    private final boolean exact;

    private PathPattern(String text) {
        this.text = text;
        this.exact = !text.contains("*");
        this.segments = exact ? new String[0] : split(text);
    }

    /**
     * @param text the pattern as written in the scenario, starting with {@code /}
     * @throws IllegalArgumentException if it does not start with {@code /} or mixes {@code *} into a
     *                                  segment (such as {@code /a*b})
     */
    public static PathPattern of(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path must start with / but was \"" + text + "\"");
        }
        for (String segment : split(text)) {
            if (segment.contains("*") && !segment.equals(ONE) && !segment.equals(MANY)) {
                throw new IllegalArgumentException("\"" + segment + "\" mixes * with other characters;"
                        + " use * for one whole segment or ** for many");
            }
        }
        return new PathPattern(text);
    }

    private static String[] split(String path) {
        List<String> parts = Arrays.stream(path.split("/", -1)).skip(1).toList();
        return parts.toArray(new String[0]);
    }

    /** True if {@code path} (no query string) matches. */
    public boolean matches(String path) {
        if (exact) {
            return text.equals(path);
        }
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        return matchFrom(0, path, 1);
    }

    // Walks the pattern segments against the path without splitting the path (no allocation).
    private boolean matchFrom(int segmentIndex, String path, int pathPos) {
        if (segmentIndex == segments.length) {
            return pathPos > path.length();
        }
        String segment = segments[segmentIndex];
        if (segment.equals(MANY)) {
            if (segmentIndex == segments.length - 1) {
                return true;
            }
            for (int pos = pathPos; pos <= path.length(); pos = nextSegmentStart(path, pos)) {
                if (matchFrom(segmentIndex + 1, path, pos)) {
                    return true;
                }
            }
            return false;
        }
        if (pathPos > path.length()) {
            return false;
        }
        int end = path.indexOf('/', pathPos);
        if (end < 0) {
            end = path.length();
        }
        if (segment.equals(ONE)) {
            if (end == pathPos) {
                return false;
            }
        } else if (end - pathPos != segment.length() || !path.startsWith(segment, pathPos)) {
            return false;
        }
        return matchFrom(segmentIndex + 1, path, end + 1);
    }

    private static int nextSegmentStart(String path, int pos) {
        int slash = path.indexOf('/', pos);
        return slash < 0 ? path.length() + 1 : slash + 1;
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
