package dev.faultline.scenario.load;

import dev.faultline.scenario.Rate;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rates as scenario files write them: a decimal number, {@code /}, and a unit s, m or h. */
final class Rates {
    static final String EXAMPLES = "use 100/s, 600/m or 3600/h";

    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)/(s|m|h)");

    private Rates() {
    }

    /** What {@code text} says, or empty if it is not a rate; zero is returned for the caller to refuse. */
    static Optional<BigDecimal> perSecond(String text) {
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
        return Optional.of(count.divide(seconds, java.math.MathContext.DECIMAL64));
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
