package dev.faultline.upstream.drift;

import dev.faultline.upstream.spec.FaultAction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header fields a {@code deprecate} rule adds to a response, in this order: {@code Deprecation}
 * (RFC 9745: a structured-field Date, {@code @} and whole seconds since the epoch), {@code Sunset}
 * (RFC 8594: an HTTP-date, RFC 9110 §5.6.7's IMF-fixdate) and {@code Link} to the successor
 * ({@code rel="successor-version"}, RFC 5829).
 */
public final class DeprecationHeaders {
    /**
     * IMF-fixdate: {@code Sun, 06 Nov 1994 08:49:37 GMT}. Not {@link DateTimeFormatter#RFC_1123_DATE_TIME},
     * which writes a one-digit day ({@code Sun, 6 Nov 1994}) that HTTP-date does not allow.
     */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DeprecationHeaders() {
    }

    /**
     * The fields for one rule.
     *
     * @param phaseStart when the phase started, the deprecation date when the rule names no {@code since}
     */
    public static List<Map.Entry<String, String>> of(FaultAction.Deprecate rule, Instant phaseStart) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(3);
        fields.add(Map.entry("Deprecation", structuredDate(rule.since() != null ? rule.since() : phaseStart)));
        if (rule.sunset() != null) {
            fields.add(Map.entry("Sunset", httpDate(rule.sunset())));
        }
        if (rule.link() != null) {
            fields.add(Map.entry("Link", "<" + rule.link() + ">; rel=\"successor-version\""));
        }
        return fields;
    }

    /** An HTTP-date (IMF-fixdate), always in GMT, always two-digit days. */
    public static String httpDate(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** An RFC 9651 Date: {@code @} then whole seconds since the epoch (earlier fractions are dropped). */
    public static String structuredDate(Instant instant) {
        return "@" + Math.floorDiv(instant.toEpochMilli(), 1000L);
    }
}
