package dev.faultline.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one number formatter of faultline: every report, explanation and note renders numbers, durations,
 * shares and counts through it, so the same value reads the same everywhere. Independent of the
 * machine's locale ({@link Locale#ROOT}: a decimal point, comma thousands separators).
 *
 * <p>A number without a value (NaN: a rate over no time, a ratio against nothing) reads {@value #NO_VALUE}
 * everywhere; infinities read {@code ∞} and {@code -∞}. A table cell with nothing in it is not a number
 * and stays the report's own empty-cell mark.
 */
public final class Numbers {
    /** The one rendering of a number that has no value. */
    public static final String NO_VALUE = "n/a";

    private Numbers() {
    }

    /**
     * A measured number as people read it: whole numbers without decimals, else three decimals below 1,
     * two below 100, one above ({@code 4}, {@code 0.612}, {@code 12.35}, {@code 140.7}).
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? NO_VALUE : (value > 0 ? "∞" : "-∞");
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** Nanoseconds as milliseconds with {@link #number}'s precision: {@code 12.50 ms}. */
    public static String millis(long nanos) {
        return number(nanos / 1e6) + " ms";
    }

    /** Nanoseconds as seconds with {@link #number}'s precision: {@code 1.25 s}. */
    public static String seconds(long nanos) {
        return number(nanos / 1e9) + " s";
    }

    /** Seconds with two fixed decimals, so that a list of them lines up: {@code 1.00 s}, {@code 0.25 s}. */
    public static String fixedSeconds(double seconds) {
        return Double.isNaN(seconds) ? NO_VALUE : String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /** Seconds as whole milliseconds: {@code 281 ms}. */
    public static String wholeMillis(double seconds) {
        return Double.isNaN(seconds) ? NO_VALUE : String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }

    /** A duration for people: {@code 850 ms}, {@code 32.4 s}, {@code 2 min 5 s}, {@code 1 h 4 min}. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return NO_VALUE;
        }
        if (Math.abs(seconds) < 1) {
            return Math.round(seconds * 1000) + " ms";
        }
        if (Math.abs(seconds) < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return (whole / 60) + " min " + (whole % 60) + " s";
        }
        return (whole / 3600) + " h " + (whole % 3600 / 60) + " min";
    }

    /** An offset on the run's timeline, always in seconds so a column lines up: {@code 12.5 s}. */
    public static String offset(double seconds) {
        return Double.isNaN(seconds) ? NO_VALUE : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** Seconds in a JUnit {@code time} attribute: a plain decimal with millisecond precision (the schema wants a number). */
    public static String junitSeconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Double.isFinite(seconds) ? Math.max(0, seconds) : 0);
    }

    /**
     * A share (0..1) as a percentage: whole from 10 % up, one decimal below so that a small share does not
     * read as 0 ({@code 80 %}, {@code 19 %}, {@code 4.8 %}, {@code 0.4 %}).
     */
    public static String percent(double share) {
        if (Double.isNaN(share)) {
            return NO_VALUE;
        }
        double p = share * 100;
        return String.format(Locale.ROOT, p == Math.rint(p) || Math.abs(p) >= 9.95 ? "%.0f %%" : "%.1f %%", p);
    }

    /** A ratio with two decimals: {@code 1.01}, {@code 0.57}. */
    public static String ratio(double value) {
        return Double.isNaN(value) ? NO_VALUE : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A signed difference with two decimals: {@code +0.03}, {@code -0.43}, {@code 0.00}. */
    public static String signed(double value) {
        if (Double.isNaN(value)) {
            return NO_VALUE;
        }
        return Math.abs(value) < 0.005 ? "0.00" : String.format(Locale.ROOT, "%+.2f", value);
    }

    /** A rate: one decimal, two below 1 so that a starved client does not read as 0 ({@code 50.0}, {@code 0.10}). */
    public static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return NO_VALUE;
        }
        return String.format(Locale.ROOT, perSecond == 0 || Math.abs(perSecond) >= 0.995 ? "%.1f" : "%.2f", perSecond);
    }

    /** A count with thousands separators: {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A count of things: {@code 1 call}, {@code 2 calls}. */
    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** A count of things with an irregular plural: {@code 1 retry}, {@code 2 retries}. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** A list of ports: {@code 41001, 41002}. */
    public static String ports(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
