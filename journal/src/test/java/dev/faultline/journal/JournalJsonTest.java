package dev.faultline.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.journal.UpstreamRequest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalJsonTest {

    private static final UpstreamRequest REQUEST = new UpstreamRequest(
            1_500_000_123L, 1_750_000_456L, "payments", 1, 3L, "POST", "/charge",
            "req-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "idem-9",
            "outage/payments[0]", "respond", 503, 11L, 250_000_000L, 250_400_000L, "2", Outcome.COMPLETED);

    /** One of every event type. */
    private static final List<Event> EVERY_TYPE = List.of(
            REQUEST,
            new UpstreamDown(5L, 9L, "payments", "outage/payments[0]", List.of(4001, 4002), 3),
            new PhaseStarted(10L, 1, "outage"),
            new SignalSent(20L, 0, "TERM", "action"),
            new TargetStarted(30L, 0, 4242L, 8080),
            new TargetReady(40L, 0, "http"),
            new TargetExited(50L, 0, 143, false, true),
            new TimerNoise(2_000_000_000L, 1_000_000_000L, 48, 80_000L, 1_200_000L, 9_500_000L),
            new TlsHandshake(60L, 9_000_000L, "payments", 0, "completed", null, null, "TLSv1.3", "TLS_AES_256_GCM_SHA384", null),
            new TlsHandshake(70L, 3_000_000L, "payments", 1, "failed", "expired/payments[0]", "expired-certificate", null,
                    null, "shown the expired-certificate certificate, the client aborted the handshake"));

    @Test
    void everyEventTypeIsRegisteredUnderItsOwnDiscriminator() {
        List<Class<?>> registered = List.copyOf(JournalJson.TYPES.keySet());
        assertThat(registered).containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
        for (Event event : EVERY_TYPE) {
            assertThat(JournalJson.TYPES.get(event.getClass())).isEqualTo(event.type());
        }
    }

    @Test
    void everyEventTypeSurvivesARoundTrip() throws IOException {
        StringWriter out = new StringWriter();
        JournalJson.write(EVERY_TYPE, out);
        assertThat(out.toString().lines()).hasSize(EVERY_TYPE.size()).allSatisfy(line -> assertThat(line).startsWith("{\"type\":"));
        assertThat(JournalJson.read(new StringReader(out.toString()))).containsExactlyElementsOf(EVERY_TYPE);
    }

    @Test
    void aLineHasTheTypeFirstCamelCaseNamesAndNanosAsIntegers() throws IOException {
        String line = JournalJson.toLine(REQUEST);
        assertThat(line).startsWith("{\"type\":\"upstream-request\",\"atNanos\":1500000123,");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("endNanos").isIntegralNumber()).isTrue();
        assertThat(json.get("delayAchievedNanos").asLong()).isEqualTo(250_400_000L);
        assertThat(json.get("idempotencyKey").asText()).isEqualTo("idem-9");
        assertThat(json.get("outcome").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void nullFieldsAreLeftOutAndReadBackAsNull() throws IOException {
        UpstreamRequest routed = new UpstreamRequest(1, -1, "u", 0, 1, "GET", "/", null, null, null, null,
                "route", 0, 0, -1, -1, null, Outcome.OPEN);
        String line = JournalJson.toLine(routed);
        assertThat(line).doesNotContain("requestId", "rule\"", "retryAfter", "null");
        assertThat(JournalJson.fromLine(line)).isEqualTo(routed);
    }

    @Test
    void theInstanceIsWrittenOnlyForAPoolsLaterInstances() throws IOException {
        UpstreamRequest first = new UpstreamRequest(1, 2, "u", 0, 1, "GET", "/", null, null, null, null,
                "route", 200, 0, -1, -1, null, null, Outcome.COMPLETED, 0);
        UpstreamRequest third = new UpstreamRequest(1, 2, "u", 0, 1, "GET", "/", null, null, null, null,
                "route", 200, 0, -1, -1, null, null, Outcome.COMPLETED, 2);
        assertThat(JournalJson.toLine(first)).doesNotContain("instance");
        assertThat(JournalJson.toLine(third)).endsWith(",\"instance\":2}");
        assertThat(JournalJson.fromLine(JournalJson.toLine(third))).isEqualTo(third);
        assertThat(JournalJson.fromLine(JournalJson.toLine(first))).isEqualTo(first);
    }

    @Test
    void theStreamIsWrittenOnlyForRequestsOverHttp2AndKeptByTheCompactForm() throws IOException {
        UpstreamRequest http11 = new UpstreamRequest(1, 2, "u", 0, 1, "GET", "/", null, null, null, null,
                "route", 200, 0, -1, -1, null, null, Outcome.COMPLETED, 0);
        UpstreamRequest h2 = new UpstreamRequest(1, 2, "u", 0, 1, "GET", "/", null, null, "k", "p/u[0]",
                "rst-stream:REFUSED_STREAM", 0, 0, -1, -1, null, null, Outcome.FAULTED, 0, 7);
        assertThat(JournalJson.toLine(http11)).doesNotContain("\"stream\"");
        assertThat(JournalJson.toLine(h2)).endsWith(",\"stream\":7}");
        assertThat(JournalJson.fromLine(JournalJson.toLine(h2))).isEqualTo(h2);
        assertThat(JournalJson.fromLine(JournalJson.toLine(http11))).isEqualTo(http11);
        Journal journal = new Journal(10);
        journal.append(h2);
        assertThat(journal.inAppendOrder()).containsExactly(h2);
    }

    @Test
    void aFileRoundTripsAndBlankLinesAreSkipped(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.jsonl");
        JournalJson.write(EVERY_TYPE, file);
        Files.writeString(file, Files.readString(file) + "\n\n");
        assertThat(JournalJson.read(file)).containsExactlyElementsOf(EVERY_TYPE);
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerJournalsStillRead() throws IOException {
        Event event = JournalJson.fromLine("{\"type\":\"phase-started\",\"atNanos\":5,\"index\":0,\"name\":\"steady\",\"addedLater\":true}");
        assertThat(event).isEqualTo(new PhaseStarted(5, 0, "steady"));
    }

    @Test
    void aLineThatIsNotAnEventIsReportedWithItsLineNumber() {
        String text = JournalJson.toLine(new PhaseStarted(1, 0, "a")) + "\n{\"type\":\"no-such-event\",\"atNanos\":1}\n";
        assertThatThrownBy(() -> JournalJson.read(new StringReader(text)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("journal line 2 is not an event: ")
                .hasMessageContaining("no-such-event");
    }
}
