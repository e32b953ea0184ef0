package dev.faultline.report.internal;

import dev.faultline.report.Numbers;
import dev.faultline.report.ExpectationResult;

/** The people-facing texts of one check, worded the same in every report. */
public final class ExpectationText {

    private ExpectationText() {
    }

    /** What was measured with its unit ({@code 4.2 attempts/call}), or empty when nothing was. */
    public static String measured(ExpectationResult e) {
        if (!e.measuredText().isBlank()) {
            return e.measuredText();
        }
        if (e.measured() == null) {
            return "";
        }
        return withUnit(Numbers.number(e.measured()), e.unit());
    }

    /** The limit with how measured must relate to it ({@code <= 2.0}), or empty when there is none. */
    public static String limit(ExpectationResult e) {
        String value = !e.limitText().isBlank() ? e.limitText()
                : e.limit() != null ? withUnit(Numbers.number(e.limit()), e.unit())
                : "";
        if (value.isEmpty() || e.comparison().isEmpty() || value.startsWith(e.comparison())) {
            return value;
        }
        return e.comparison() + " " + value;
    }

    /** {@link #limit} with {@code <=} and {@code >=} as the signs a typeset page uses. */
    public static String typesetLimit(ExpectationResult e) {
        String limit = limit(e);
        if (limit.startsWith("<=")) {
            return "≤" + limit.substring(2);
        }
        if (limit.startsWith(">=")) {
            return "≥" + limit.substring(2);
        }
        return limit;
    }

    /** One line naming the number and the limit: {@code measured 4.2 attempts/call, limit <= 2.0}. */
    public static String verdictLine(ExpectationResult e) {
        String measured = measured(e);
        String limit = limit(e);
        String left = measured.isEmpty() ? "nothing measured" : "measured " + measured;
        return limit.isEmpty() ? left : left + ", limit " + limit;
    }

    /** The explanation, or the verdict line when the check came without one. */
    public static String explanation(ExpectationResult e) {
        return e.explanation().isBlank() ? verdictLine(e) : e.explanation();
    }

    private static String withUnit(String number, String unit) {
        return unit.isBlank() ? number : number + " " + unit;
    }
}
