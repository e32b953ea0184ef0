package dev.faultline.scenario.parse;

import java.math.BigDecimal;

/**
 * The values a number may take, with its wording for messages ({@code from 0 to 1},
 * {@code of at least 1}, {@code above 0}).
 *
 * @param min          the lower bound
 * @param minInclusive whether the lower bound itself is allowed
 * @param max          the upper bound (inclusive), or {@code null} for none
 */
record Range(BigDecimal min, boolean minInclusive, BigDecimal max) {
    // Bounds at or beyond this are the limits of the Java type, not of the format; messages leave them out.
    private static final BigDecimal TYPE_LIMIT = BigDecimal.valueOf(Integer.MAX_VALUE);

    static Range between(long min, long max) {
        return new Range(BigDecimal.valueOf(min), true, BigDecimal.valueOf(max));
    }

    /** Any whole number a {@code long} holds. */
    static Range anyLong() {
        return new Range(BigDecimal.valueOf(Long.MIN_VALUE), true, BigDecimal.valueOf(Long.MAX_VALUE));
    }

    /** At least {@code min}, and at most what an {@code int} holds. */
    static Range intAtLeast(long min) {
        return new Range(BigDecimal.valueOf(min), true, TYPE_LIMIT);
    }

    static Range atLeast(long min) {
        return new Range(BigDecimal.valueOf(min), true, null);
    }

    static Range above(long min) {
        return new Range(BigDecimal.valueOf(min), false, null);
    }

    boolean contains(BigDecimal value) {
        int low = value.compareTo(min);
        return (minInclusive ? low >= 0 : low > 0) && (max == null || value.compareTo(max) <= 0);
    }

    /** {@code from 0 to 1}, {@code of at least 1}, {@code above 0}, or empty when only the type limits it. */
    String describe() {
        boolean lowIsTypeLimit = min.abs().compareTo(TYPE_LIMIT) >= 0;
        boolean highIsTypeLimit = maxIsTypeLimit();
        if (lowIsTypeLimit && highIsTypeLimit) {
            return "";
        }
        if (!highIsTypeLimit) {
            return "from " + min.toPlainString() + " to " + max.toPlainString();
        }
        return (minInclusive ? "of at least " : "above ") + min.toPlainString();
    }

    /** True when the upper bound is only that of the Java type, so messages call a value above it "too large". */
    boolean maxIsTypeLimit() {
        return max == null || max.compareTo(TYPE_LIMIT) >= 0;
    }

    /** {@code WHAT RANGE}, or {@code WHAT} alone when the range says nothing. */
    String describe(String what) {
        String range = describe();
        return range.isEmpty() ? what : what + " " + range;
    }
}
