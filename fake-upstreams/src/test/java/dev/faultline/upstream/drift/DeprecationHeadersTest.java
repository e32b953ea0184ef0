package dev.faultline.upstream.drift;

import dev.faultline.upstream.spec.FaultAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The header fields of deprecate, in the exact formats RFC 8594 (HTTP-date) and RFC 9745 (@epoch) want. */
class DeprecationHeadersTest {

    @Test
    void sunsetIsAnImfFixdateWithATwoDigitDayAndDeprecationIsAtEpochSeconds() {
        FaultAction.Deprecate rule = new FaultAction.Deprecate(Instant.parse("2025-01-01T00:00:00Z"), "/v2/orders",
                Instant.parse("2024-06-01T00:00:00Z"), false);
        List<Map.Entry<String, String>> fields = DeprecationHeaders.of(rule, Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(fields).containsExactly(
                Map.entry("Deprecation", "@1717200000"),
                Map.entry("Sunset", "Wed, 01 Jan 2025 00:00:00 GMT"),
                Map.entry("Link", "</v2/orders>; rel=\"successor-version\""));
        // The JDK's RFC 1123 formatter writes "Wed, 1 Jan 2025": not an IMF-fixdate.
        assertThat(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.parse("2025-01-01T00:00:00Z")))
                .isEqualTo("Wed, 1 Jan 2025 00:00:00 GMT");
        assertThat(DeprecationHeaders.httpDate(Instant.parse("1994-11-06T08:49:37Z"))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void withoutSinceTheDeprecationDateIsThePhaseStartInWholeSecondsAndAbsentFieldsAreLeftOut() {
        FaultAction.Deprecate rule = new FaultAction.Deprecate(null, null, null, true);
        assertThat(DeprecationHeaders.of(rule, Instant.parse("2026-12-06T21:16:10.987Z")))
                .containsExactly(Map.entry("Deprecation", "@1796591770"));
        assertThat(Instant.ofEpochSecond(1796591770L)).isEqualTo(Instant.parse("2026-12-06T21:16:10Z"));
    }
}
