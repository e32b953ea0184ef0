package dev.faultline.analysis;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses {@link RetryAfterValue}s; the formats are built once. */
final class RetryAfterParser {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss")
            .toFormatter(Locale.US);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US);
    static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    private RetryAfterParser() {
    }

    static RetryAfterValue parse(String value) {
        String text = value.trim();
        if (DIGITS.matcher(text).matches()) {
            try {
                return new RetryAfterValue.Delay(Math.min(Long.parseLong(text), MAX_SECONDS));
            } catch (NumberFormatException tooLong) {
                return new RetryAfterValue.Delay(MAX_SECONDS);
            }
        }
        try {
            return new RetryAfterValue.Date(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException notImfFixdate) {
            // try the obsolete formats
        }
        if (text.endsWith(" GMT")) {
            try {
                String local = text.substring(0, text.length() - 4);
                return new RetryAfterValue.Date(LocalDateTime.parse(local, RFC_850).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notRfc850) {
                // try asctime
            }
        }
        try {
            return new RetryAfterValue.Date(LocalDateTime.parse(text.replaceAll("\\s+", " "), ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notAsctime) {
            return new RetryAfterValue.Invalid(value);
        }
    }
}
