package dev.faultline.scenario.parse;

import dev.faultline.scenario.Rate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rates as scenario files write them: a decimal number, {@code /}, and a unit s, m or h. */
final class Rates {
    static final String EXAMPLES = "use 100/s, 600/m or 3600/h";

    /**
     * The fastest and slowest rates: one event per nanosecond, and one per 10^9 s (about 32 years). Between
     * them the interval between events is a whole number of nanoseconds that a long holds, and the rate
     * is a double that is neither infinite nor zero.
     */
    static final BigDecimal MAX_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    static final BigDecimal MIN_PER_SECOND = new BigDecimal("1e-9");

    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)/(s|m|h)");

    private Rates() {
    }

    /** What {@code text} says, or empty if it is not a rate; zero is returned for the caller to refuse. */
    static Optional<BigDecimal> perSecond(String text) {
        // BigDecimal reads long digit strings in quadratic time; no rate needs more digits than this.
        if (text.length() > Limits.MAX_NUMBER_LENGTH) {
            return Optional.empty();
        }
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal count = new BigDecimal(m.group(1));
        BigDecimal seconds = BigDecimal.valueOf(switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            default -> 3600;
        });
        return Optional.of(count.divide(seconds, MathContext.DECIMAL64));
    }

    /** What is wrong with a rate above zero, or empty when it is between the slowest and the fastest. */
    static Optional<String> outOfRange(BigDecimal perSecond, String written) {
        if (perSecond.compareTo(MAX_PER_SECOND) > 0) {
            return Optional.of(written + " is too fast (expected at most " + Durations.plain(MAX_PER_SECOND)
                    + "/s, one event per nanosecond)");
        }
        if (perSecond.compareTo(MIN_PER_SECOND) < 0) {
            return Optional.of(written + " is too slow (expected at least " + Durations.plain(MIN_PER_SECOND)
                    + "/s, one event in about 32 years)");
        }
        return Optional.empty();
    }

    static Rate of(BigDecimal perSecond) {
        return new Rate(perSecond.doubleValue());
    }

    /** The message for a bare number where a rate belongs: {@code 100 has no unit (use 100/s or 6000/m)}. */
    static String noUnit(BigDecimal number, String written) {
        return written + " has no unit (use " + Durations.plain(number) + "/s or "
                + Durations.plain(number.multiply(BigDecimal.valueOf(60))) + "/m)";
    }
}
