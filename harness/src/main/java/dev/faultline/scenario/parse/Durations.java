package dev.faultline.scenario.parse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenario files write them: a decimal number and one of the units ms, s, m, h. */
final class Durations {
    static final String EXAMPLES = "use 250ms, 2s, 1.5s, 1m";

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");
    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private Durations() {
    }

    /** The duration written as {@code text}, or empty if it is not one (or too long for a Duration). */
    static Optional<Duration> parse(String text) {
        // BigDecimal reads long digit strings in quadratic time; no duration needs more digits than this.
        if (text.length() > Limits.MAX_NUMBER_LENGTH) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPer(m.group(2)));
        BigInteger whole = nanos.toBigInteger();
        if (whole.bitLength() >= Long.SIZE) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(whole.longValueExact()));
    }

    private static BigDecimal nanosPer(String unit) {
        return switch (unit) {
            case "ms" -> NANOS_PER_MILLI;
            case "s" -> NANOS_PER_SECOND;
            case "m" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(60));
            case "h" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(3600));
            default -> throw new IllegalArgumentException("no unit " + unit);
        };
    }

    /** A duration as an author would write it: {@code 10s}, {@code 1.5s}, {@code 250ms}, {@code 0.5ms}. */
    static String format(Duration duration) {
        BigDecimal nanos = BigDecimal.valueOf(duration.toNanos());
        if (duration.toNanos() != 0 && duration.toNanos() < 1_000_000_000L) {
            return plain(nanos.divide(NANOS_PER_MILLI)) + "ms";
        }
        return plain(nanos.divide(NANOS_PER_SECOND)) + "s";
    }

    /** The message for a bare number where a duration belongs: {@code 2 has no unit (use 2s or 2000ms)}. */
    static String noUnit(BigDecimal number, String written) {
        return written + " has no unit (use " + plain(number) + "s or " + plain(number.multiply(BigDecimal.valueOf(1000)))
                + "ms)";
    }

    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
