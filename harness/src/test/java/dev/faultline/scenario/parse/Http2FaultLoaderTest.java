package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultAction.Http2Fault;
import dev.faultline.upstream.spec.Http2ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code phases[].faults.UPSTREAM[].http2}: its four forms, and each wrong value named with its place and the fix. */
class Http2FaultLoaderTest {
    @TempDir
    Path dir;

    private static String faults(String upstream, String rule) {
        return "name: t\nupstreams:\n  payments:\n" + upstream
                + "phases:\n  - name: broken\n    duration: 1s\n    faults:\n      payments:\n" + rule;
    }

    private static final String H2 = "    http2: true\n";

    private FaultAction action(String rule) {
        return new ScenarioFiles(dir).loaded(faults(H2, rule)).phases().get(0).faults().get("payments").get(0).action();
    }

    private java.util.List<String> errors(String upstream, String rule) {
        return new ScenarioFiles(dir).errors(faults(upstream, rule));
    }

    @Test
    void theFourFormsLoadAsOneActionEach() {
        assertThat(action("        - match: {path: /charge}\n          http2: {rst-stream: REFUSED_STREAM}\n"))
                .isEqualTo(Http2Fault.rstStream(Http2ErrorCode.REFUSED_STREAM));
        assertThat(action("        - http2: {goaway: {error: ENHANCE_YOUR_CALM, last-stream-id: 0}}\n"))
                .isEqualTo(Http2Fault.goAway(Http2ErrorCode.ENHANCE_YOUR_CALM, 0));
        assertThat(action("        - http2: {goaway: {error: NO_ERROR}}\n"))
                .isEqualTo(Http2Fault.goAway(Http2ErrorCode.NO_ERROR, -1));
        assertThat(action("        - http2: stall-window\n")).isEqualTo(Http2Fault.stallWindow());
        assertThat(action("        - http2: {max-concurrent-streams: 1}\n")).isEqualTo(Http2Fault.maxConcurrentStreams(1));
        assertThat(action("        - http2: {rst-stream: CANCEL}\n          probability: 0.5\n").effect())
                .isEqualTo("rst-stream:CANCEL");
    }

    @Test
    void wrongValuesNameTheirPlaceAndWhatIsExpected() {
        assertThat(errors(H2, "        - http2: {rst-stream: REFUSED}\n")).containsExactly(
                "10:31: phases[0].faults.payments[0].http2.rst-stream: \"REFUSED\" is not an HTTP/2 error code (RFC 9113)"
                        + " (expected one of: NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, SETTINGS_TIMEOUT,"
                        + " STREAM_CLOSED, FRAME_SIZE_ERROR, REFUSED_STREAM, CANCEL, COMPRESSION_ERROR, CONNECT_ERROR,"
                        + " ENHANCE_YOUR_CALM, INADEQUATE_SECURITY, HTTP_1_1_REQUIRED)");
        assertThat(errors(H2, "        - http2: stall\n")).containsExactly(
                "10:18: phases[0].faults.payments[0].http2: \"stall\" is not an HTTP/2 fault (expected {rst-stream: CODE},"
                        + " {goaway: {error: CODE, last-stream-id: N}}, stall-window or {max-concurrent-streams: N})");
        assertThat(errors(H2, "        - http2: {goaway: {last-stream-id: -1}}\n")).containsExactly(
                "10:27: phases[0].faults.payments[0].http2.goaway: missing key \"error\" (expected the GOAWAY's error"
                        + " code, such as error: NO_ERROR or error: ENHANCE_YOUR_CALM)",
                "10:44: phases[0].faults.payments[0].http2.goaway.last-stream-id: -1 is out of range (expected a stream"
                        + " id (0 for none processed) of at least 0)");
        assertThat(errors(H2, "        - http2: {max-concurrent-streams: 0}\n")).hasSize(1).first().asString()
                .startsWith("10:43: phases[0].faults.payments[0].http2.max-concurrent-streams:");
        assertThat(errors(H2, "        - http2: {max-concurrent-streams: 2}\n          match: {path: /x}\n"))
                .containsExactly("11:11: phases[0].faults.payments[0].match: http2: {max-concurrent-streams: N} takes no"
                        + " match (it sets the SETTINGS of every connection made during the phase, before any request"
                        + " exists; remove match)");
        assertThat(errors(H2, "        - http2: stall-window\n          delay: 1s\n")).containsExactly(
                "11:11: phases[0].faults.payments[0].delay: http2: stall-window takes no delay (it never reads the"
                        + " request's body, so the stream waits until the client gives up; remove delay)");
        assertThat(errors(H2, "        - http2: {rst-stream: CANCEL, goaway: {error: CANCEL}}\n")).containsExactly(
                "10:18: phases[0].faults.payments[0].http2: takes one fault but has rst-stream and goaway (split it"
                        + " into rules, or keep one)");
        assertThat(errors("    port: 0\n", "        - http2: stall-window\n")).containsExactly(
                "10:11: phases[0].faults.payments[0].http2: upstream payments speaks only HTTP/1.1, so an http2 fault"
                        + " would never fire (add http2: true to upstream payments)");
        assertThat(errors(H2, "        - http2: stall-window\n          respond: {status: 503}\n")).hasSize(1).first()
                .asString().contains("a fault rule has at most one action but has http2 and respond");
    }
}
