package dev.faultline.journal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoadAndProbeEventsJsonTest {
    private static final LoadResult LOAD = new LoadResult(1_000_000_000L, 1_000_200_000L, 1_012_000_000L, 0, "tenant-a", "POST",
            "/checkout", "6f1c3f0e-8a4b-4c2e-9d1a-2b3c4d5e6f70", 503, CallOutcome.RESPONSE, null);
    private static final ProbeResult PROBE = new ProbeResult(2_000_000_000L, 2_000_100_000L, 3_000_100_000L, 1, "readiness",
            "/health/ready", 0, CallOutcome.TIMEOUT, null, "InterruptedIOException: timeout");

    @Test
    void loadAndProbeResultsSurviveARoundTripUnderTheirOwnTypes() throws IOException {
        StringWriter out = new StringWriter();
        JournalJson.write(List.of(LOAD, PROBE), out);

        assertThat(out.toString().lines().map(String::strip).toList()).satisfiesExactly(
                line -> assertThat(line).startsWith("{\"type\":\"load-result\",\"atNanos\":1000000000,\"sentNanos\":1000200000,"),
                line -> assertThat(line).startsWith("{\"type\":\"probe-result\",\"atNanos\":2000000000,"));
        assertThat(JournalJson.read(new StringReader(out.toString()))).containsExactly(LOAD, PROBE);
        assertThat(JournalJson.TYPES).containsEntry(LoadResult.class, LOAD.type()).containsEntry(ProbeResult.class, PROBE.type());
    }

    @Test
    void theRateLimitFieldsOfATargetsResponseSurviveARoundTripAndAreLeftOutWhenAbsent() throws IOException {
        LoadResult refused = new LoadResult(1, 2, 3, 0, "heavy", "GET", "/api", "id", 429, CallOutcome.RESPONSE, null, "1",
                "\"default\";r=0;t=1", "\"default\";q=10;w=1");

        String line = JournalJson.toLine(refused);

        assertThat(line).contains("\"retryAfter\":\"1\"", "\"rateLimit\":\"\\\"default\\\";r=0;t=1\"", "\"rateLimitPolicy\":");
        assertThat(JournalJson.fromLine(line)).isEqualTo(refused);
        assertThat(JournalJson.toLine(LOAD)).doesNotContain("retryAfter", "rateLimit");
    }

    @Test
    void theFirstFailureOfAResentRequestSurvivesARoundTripAndIsLeftOutWhenItWasNotResent() throws IOException {
        LoadResult resent = new LoadResult(1, 2, 3, 0, null, "GET", "/api", "id", 200, CallOutcome.RESPONSE, null, null, null, null,
                "closed: IOException: unexpected end of stream on http://127.0.0.1:8000/...");

        String line = JournalJson.toLine(resent);

        assertThat(line).contains("\"resentAfter\":\"closed: IOException: unexpected end of stream");
        assertThat(JournalJson.fromLine(line)).isEqualTo(resent);
        assertThat(((LoadResult) JournalJson.fromLine(line)).resent()).isTrue();
        assertThat(JournalJson.toLine(LOAD)).doesNotContain("resent");
        assertThat(LOAD.resent()).isFalse();
    }

    @Test
    void theProtocolSurvivesARoundTripAndIsLeftOutWhenNotRecorded() throws IOException {
        LoadResult overH2 = new LoadResult(1, 2, 3, 0, null, "GET", "/api", "id", 200, CallOutcome.RESPONSE, null, null, null, null,
                null, "h2");

        String line = JournalJson.toLine(overH2);

        assertThat(line).endsWith(",\"protocol\":\"h2\"}");
        assertThat(JournalJson.fromLine(line)).isEqualTo(overH2);
        assertThat(JournalJson.toLine(LOAD)).doesNotContain("protocol");
        assertThat(((LoadResult) JournalJson.fromLine(JournalJson.toLine(LOAD))).protocol()).isNull();
    }

    @Test
    void derivedValuesAreNotWrittenAsFields() {
        String line = JournalJson.toLine(LOAD);

        assertThat(line).doesNotContain("latencyNanos", "lagNanos", "succeeded", "judged", "\"error\"");
    }

    @Test
    void aProbeBodyContradictsItsCodeOnlyWhenPassOrWarnComeWithAnErrorCodeOrFailWithASuccess() {
        assertThat(probe(200, "pass").contradicts()).isFalse();
        assertThat(probe(200, "warn").contradicts()).isFalse();
        assertThat(probe(503, "fail").contradicts()).isFalse();
        assertThat(probe(200, "fail").contradicts()).isTrue();
        assertThat(probe(503, "pass").contradicts()).isTrue();
        assertThat(probe(429, "warn").contradicts()).isTrue();
        assertThat(probe(200, null).contradicts()).isFalse();
        assertThat(LOAD.latencyNanos()).isEqualTo(12_000_000L);
        assertThat(LOAD.lagNanos()).isEqualTo(200_000L);
        assertThat(LOAD.succeeded()).isFalse();
    }

    private static ProbeResult probe(int status, String health) {
        return new ProbeResult(0, 0, 1, 0, "readiness", "/ready", status, CallOutcome.RESPONSE, health, null);
    }
}
