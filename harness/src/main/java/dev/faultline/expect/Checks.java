package dev.faultline.expect;

import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;

import dev.faultline.report.Numbers;

/** Builds check results with consistent wording; numbers are rendered by {@link Numbers}. */
public final class Checks {
    private Checks() {
    }

    /** Passes when {@code measured <= limit}. */
    public static ExpectationResult atMost(String id, String kind, double measured, double limit, String unit,
                                           String explanation) {
        boolean ok = measured <= limit;
        return new ExpectationResult(id, kind, ok ? CheckStatus.PASSED : CheckStatus.FAILED, ok, measured, limit, "<=", unit,
                Numbers.number(measured) + suffix(unit), "<= " + Numbers.number(limit) + suffix(unit), explanation);
    }

    /** Passes when {@code measured >= limit}. */
    public static ExpectationResult atLeast(String id, String kind, double measured, double limit, String unit,
                                            String explanation) {
        boolean ok = measured >= limit;
        return new ExpectationResult(id, kind, ok ? CheckStatus.PASSED : CheckStatus.FAILED, ok, measured, limit, ">=", unit,
                Numbers.number(measured) + suffix(unit), ">= " + Numbers.number(limit) + suffix(unit), explanation);
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
        String limitText = limit == null ? "" : comparison + " " + Numbers.number(limit) + suffix(unit);
        return new ExpectationResult(id, kind, CheckStatus.INCONCLUSIVE, false, null, limit, comparison, unit,
                "not measured", limitText, explanation);
    }




    private static String suffix(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }
}
