package dev.faultline.run;

import dev.faultline.analysis.Timeline;
import dev.faultline.journal.Event;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report says how many requests came over HTTP/1.1 while an http2 stream fault was in force (it let them pass). */
class Http2SkipsTest {
    @TempDir
    Path dir;

    private Scenario scenario() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: t
                upstreams:
                  payments: {http2: true, routes: [{respond: {status: 200}}]}
                phases:
                  - {name: steady, duration: 1s}
                  - name: broken
                    duration: 1s
                    faults:
                      payments:
                        - http2: {rst-stream: CANCEL}
                        - http2: {max-concurrent-streams: 1}
                """);
        return ((LoadOutcome.Loaded) new ScenarioLoader().load(file)).scenario();
    }

    private static UpstreamRequest request(long atMillis, int stream) {
        long at = atMillis * 1_000_000L;
        return new UpstreamRequest(at, at + 1_000_000L, "payments", 0, 1, "GET", "/", null, null, null, null, "route", 200,
                0, -1, -1, null, null, Outcome.COMPLETED, 0, stream);
    }

    @Test
    void http11RequestsDuringAnHttp2StreamFaultAreCountedInANote() throws Exception {
        List<Event> events = List.of(new PhaseStarted(0, 0, "steady"), request(500, 0),
                new PhaseStarted(1_000_000_000L, 1, "broken"), request(1_100, 0), request(1_200, 1), request(1_300, 0),
                new RunEnded(2_000_000_000L, false));
        assertThat(Http2Skips.notes(scenario(), events, Timeline.of(events))).containsExactly(
                "2 of 3 requests to payments during broken came over HTTP/1.1, which the http2 fault rules"
                        + " broken/payments[0] do not act on (no stream): those requests were answered as if the rules"
                        + " were not there (make the client speak h2, or add a connection fault for HTTP/1.1 clients)");
    }

    @Test
    void noNoteWhenEveryRequestCameOverHttp2() throws Exception {
        List<Event> events = List.of(new PhaseStarted(0, 0, "steady"), new PhaseStarted(1_000_000_000L, 1, "broken"),
                request(1_200, 1), request(1_300, 3), new RunEnded(2_000_000_000L, false));
        assertThat(Http2Skips.notes(scenario(), events, Timeline.of(events))).isEmpty();
    }
}
