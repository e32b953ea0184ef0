package dev.faultline.expect;

import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;

import java.util.Locale;

/** Builds check results with consistent wording and number formats. */
public final class Checks {
    private Checks() {
    }

    /** Passes when {@code measured <= limit}. */
    public static ExpectationResult atMost(String id, String kind, double measured, double limit, String unit,
                                           String explanation) {
        boolean ok = measured <= limit;
        return new ExpectationResult(id, kind, ok ? CheckStatus.PASSED : CheckStatus.FAILED, ok, measured, limit, "<=", unit,
                number(measured) + suffix(unit), "<= " + number(limit) + suffix(unit), explanation);
    }

    /** Passes when {@code measured >= limit}. */
    public static ExpectationResult atLeast(String id, String kind, double measured, double limit, String unit,
                                            String explanation) {
        boolean ok = measured >= limit;
        return new ExpectationResult(id, kind, ok ? CheckStatus.PASSED : CheckStatus.FAILED, ok, measured, limit, ">=", unit,
                number(measured) + suffix(unit), ">= " + number(limit) + suffix(unit), explanation);
    }

    /**
     * A check that passes because nothing was required of it ({@code require-jitter: false}), or because
     * there was nothing to hold against it (no retries); it still shows what was measured.
     */
    public static ExpectationResult info(String id, String kind, Double measured, String unit, String measuredText,
                                         String explanation) {
        return new ExpectationResult(id, kind, CheckStatus.PASSED, true, measured, null, "", unit, measuredText, "", explanation);
    }

    /** A check that could not be judged; {@code limitText} is the limit as written. */
    public static ExpectationResult inconclusive(String id, String kind, Double limit, String comparison, String unit,
                                                 String explanation) {
        String limitText = limit == null ? "" : comparison + " " + number(limit) + suffix(unit);
        return new ExpectationResult(id, kind, CheckStatus.INCONCLUSIVE, false, null, limit, comparison, unit,
                "not measured", limitText, explanation);
    }

    /** A number as people read it: integers without decimals, else up to three significant decimals. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** {@code 1 call}, {@code 2 calls}. */
    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** {@code 1 retry}, {@code 2 retries}. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    private static String suffix(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }
}
