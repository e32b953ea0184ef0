package dev.faultline.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.journal.ResponseDrift;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.upstream.spec.DriftMutation;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.JsonPath;
import dev.faultline.upstream.spec.Respond;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;

/** drift, deprecate and body bandwidth at a real fake upstream, as curl sees them and as the journal records them. */
class DriftFaultsAcceptanceTest {
    private static final String ORDER = "{\"id\":42,\"status\":\"SHIPPED\",\"total\":19.5}";
    private static final int BIG = 128 * 1024;

    private static RunningUpstream orders() {
        return RunningUpstream.start(upstream("orders",
                route(path("/orders/42"), Respond.of(200, Map.of("Content-Type", "application/json"), ORDER)),
                route(path("/text"), Respond.of(200, Map.of("Content-Type", "text/plain"), ORDER)),
                route(path("/big"), Respond.of(200, Map.of("Content-Type", "application/octet-stream"), "x".repeat(BIG)))),
                1, 15);
    }

    @Test
    void driftChangesJsonBodiesWithTheirOwnLengthLeavesOtherBodiesAloneAndJournalsBoth() throws Exception {
        try (RunningUpstream u = orders()) {
            u.phase("drift", rule("drift/orders[0]").action(new FaultAction.Drift(List.of(
                    new DriftMutation.RenameField(JsonPath.parse("$.total"), "amount"),
                    new DriftMutation.AddField(JsonPath.parse("$"), "currency", "\"EUR\"")))).build());

            Curl json = Curl.run("--include", u.url("/orders/42"));
            String body = "{\"id\":42,\"status\":\"SHIPPED\",\"amount\":19.5,\"currency\":\"EUR\"}";
            assertThat(json.exitCode()).isZero();
            assertThat(json.out()).containsIgnoringCase("content-length: " + body.length() + "\r\n").endsWith("\r\n\r\n" + body);
            Curl text = Curl.run(u.url("/text"));
            assertThat(text.out()).isEqualTo(ORDER);

            List<UpstreamRequest> requests = u.awaitRequests(2);
            assertThat(requests).extracting(UpstreamRequest::effect).containsExactly("drift", "drift");
            assertThat(requests.get(0).bytesSent()).isEqualTo(body.length());
            List<ResponseDrift> drifts = u.events(ResponseDrift.class);
            assertThat(drifts).hasSize(2);
            assertThat(drifts.get(0).rule()).isEqualTo("drift/orders[0]");
            assertThat(drifts.get(0).atNanos()).isEqualTo(requests.get(0).atNanos());
            assertThat(drifts.get(0).connectionId()).isEqualTo(requests.get(0).connectionId());
            assertThat(drifts.get(0).mutations()).containsExactly("rename-field $.total: 1 changed, to \"amount\"",
                    "add-field $: 1 changed, name \"currency\" = \"EUR\"");
            assertThat(drifts.get(1).applied()).isFalse();
            assertThat(drifts.get(1).skipped()).isEqualTo("not JSON: text/plain");
            assertThat(drifts.get(1).path()).isEqualTo("/text");
        }
    }

    @Test
    void deprecateAddsDeprecationSunsetAndLinkAndGoneAnswers410WithTheSameFields() throws Exception {
        try (RunningUpstream u = orders()) {
            FaultAction.Deprecate deprecate = new FaultAction.Deprecate(Instant.parse("2025-01-01T00:00:00Z"), "/v2/orders/42",
                    Instant.parse("2024-06-01T00:00:00Z"), false);
            u.phase("deprecated", rule("deprecated/orders[0]").action(deprecate).build());
            Curl curl = Curl.run("--include", u.url("/orders/42"));
            assertThat(curl.out()).startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("\r\nDeprecation: @1717200000\r\n")
                    .contains("\r\nSunset: Wed, 01 Jan 2025 00:00:00 GMT\r\n")
                    .contains("\r\nLink: </v2/orders/42>; rel=\"successor-version\"\r\n")
                    .endsWith("\r\n\r\n" + ORDER);

            u.phase("gone", rule("gone/orders[0]").action(new FaultAction.Deprecate(Instant.parse("2025-01-01T00:00:00Z"),
                    "/v2/orders/42", null, true)).build());
            long phaseStartSeconds = System.currentTimeMillis() / 1000;
            Curl gone = Curl.run("--include", u.url("/orders/42"));
            assertThat(gone.out()).startsWith("HTTP/1.1 410 Gone\r\n")
                    .contains("\r\nSunset: Wed, 01 Jan 2025 00:00:00 GMT\r\n")
                    .contains("\r\nLink: </v2/orders/42>; rel=\"successor-version\"\r\n")
                    .endsWith("\r\n\r\n");
            // Without since, Deprecation is the phase start: within a few seconds of when the test entered it.
            String deprecation = gone.out().lines().filter(l -> l.startsWith("Deprecation: @")).findFirst().orElseThrow();
            assertThat(Long.parseLong(deprecation.substring("Deprecation: @".length()))).isBetween(phaseStartSeconds - 5,
                    phaseStartSeconds + 1);

            List<UpstreamRequest> requests = u.awaitRequests(2);
            assertThat(requests).extracting(UpstreamRequest::effect).containsExactly("deprecate", "deprecate");
            assertThat(requests).extracting(UpstreamRequest::status).containsExactly(200, 410);
        }
    }

    @Test
    void bandwidthPacesTheBodySoItsMeasuredRateIsTheOneAskedFor() throws Exception {
        try (RunningUpstream u = orders()) {
            long rate = 256 * 1024; // 256KB/s: the 128 KiB body takes 0.5 s
            u.phase("slow", rule("slow/orders[0]").action(new FaultAction.BandwidthBody(rate)).build());
            Curl curl = Curl.run("--output", "/dev/null", "--write-out", "%{http_code} %{size_download} %{time_starttransfer}"
                    + " %{time_total} %{speed_download}", u.url("/big"));
            String[] out = curl.out().trim().split(" ");
            assertThat(out[0]).isEqualTo("200");
            assertThat(Long.parseLong(out[1])).isEqualTo(BIG);
            double head = Double.parseDouble(out[2]);
            double total = Double.parseDouble(out[3]);
            double measured = BIG / (total - head);
            // Never faster than asked (each chunk leaves when the bytes up to its end are due), and on a busy
            // 2-core machine not below 40 % of it.
            assertThat(measured).as("bytes a second after the head (curl: %s)", curl.out()).isBetween(0.4 * rate, 1.1 * rate);
            assertThat(total).isBetween(0.45, 0.5 + 2.0);

            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.effect()).isEqualTo("bandwidth");
            assertThat(event.bytesSent()).isEqualTo(BIG);
            assertThat((event.endNanos() - event.atNanos()) / 1e9).isGreaterThanOrEqualTo(0.45);
        }
    }
}
