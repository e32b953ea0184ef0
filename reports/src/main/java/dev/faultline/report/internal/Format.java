package dev.faultline.report.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Formats numbers, counts and durations the same way in every report. */
public final class Format {

    private Format() {
    }

    /** A duration for people: {@code 850 ms}, {@code 32.4 s}, {@code 2 min 5 s}, {@code 1 h 4 min}. */
    public static String seconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
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
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** A count with thousands separators that do not depend on the machine's locale: {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A measured number without noise: four significant digits below 1,000, whole numbers above,
     * no trailing zeros ({@code 4.2}, {@code 0.6123}, {@code 1235}).
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : (value > 0 ? "∞" : "-∞");
        }
        if (Math.abs(value) >= 1000) {
            return Long.toString(Math.round(value));
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /** Seconds in a JUnit {@code time} attribute: a plain decimal with millisecond precision. */
    public static String junitSeconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Double.isFinite(seconds) ? Math.max(0, seconds) : 0);
    }

    /** A list of ports: {@code 41001, 41002}. */
    public static String ports(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
