package dev.faultline.upstream;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.spec.Respond;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.request;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;

/** The fake upstream as the {@code curl} binary sees it: exit codes and bytes on the wire. */
class CurlAcceptanceTest {

    private static Curl curl(String... args) throws IOException, InterruptedException {
        return Curl.run(args);
    }

    @Test
    void curlSeesTheRoutesStatusHeadersAndBodyAndNoServerHeader() throws Exception {
        Respond teapot = Respond.of(418, Map.of("X-Brew", "earl grey"), "short and stout");
        try (RunningUpstream u = RunningUpstream.start(upstream("kitchen", route(path("/tea"), teapot)))) {
            Curl curl = curl("--include", u.url("/tea"));
            assertThat(curl.exitCode()).isZero();
            assertThat(curl.out()).startsWith("HTTP/1.1 418 ")
                    .containsIgnoringCase("x-brew: earl grey\r\n")
                    .containsIgnoringCase("content-length: 15\r\n")
                    .endsWith("\r\n\r\nshort and stout");
            assertThat(curl.out().toLowerCase()).doesNotContain("server:");
        }
    }

    @Test
    void curlFailsWithExitCode22OnAnInjected503() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            u.phase("outage", rule("outage/payments[0]").respond(503).build());
            assertThat(curl("--fail", "--output", "/dev/null", u.url("/charge")).exitCode()).isEqualTo(22);
        }
    }

    @Test
    void curlReusesOneConnectionForTwoPostsWithBodies() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(request("POST", "/charge"), 200, "ok")))) {
            Curl curl = curl("--data", "amount=5", "--output", "/dev/null", "--output", "/dev/null",
                    "--write-out", "%{http_code} %{num_connects}\\n", u.url("/charge"), u.url("/charge"));
            assertThat(curl.out().lines()).containsExactly("200 1", "200 0");
            List<UpstreamRequest> events = u.awaitRequests(2);
            assertThat(events.get(0).connectionId()).isEqualTo(events.get(1).connectionId());
        }
    }

    @Test
    void curlWaitsOutADelayAndGetsTheWholeBody() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "charged in full")))) {
            u.phase("slow", rule("slow/payments[0]").delay(Duration.ofMillis(400)).build());
            Curl curl = curl("--write-out", " %{time_starttransfer}", u.url("/charge"));
            assertThat(curl.exitCode()).isZero();
            assertThat(curl.out()).startsWith("charged in full ");
            double secondsToFirstByte = Double.parseDouble(curl.out().substring("charged in full ".length()));
            // Generous upper margin: this is a slow, shared machine.
            assertThat(secondsToFirstByte).isBetween(0.4, 0.4 + 2.0);
        }
    }

    @Test
    void curlTimingOutDuringADelayIsJournalledAsClientGone() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            // Margins for a loaded machine: curl must have sent its request well before it gives up.
            u.phase("slow", rule("slow/payments[0]").delay(Duration.ofMillis(1500)).build());
            Curl curl = curl("--max-time", "0.5", u.url("/charge"));
            assertThat(curl.exitCode()).as("curl's operation-timeout exit code").isEqualTo(28);
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.outcome()).isEqualTo(Outcome.CLIENT_GONE);
            assertThat(event.status()).isZero();
        }
    }
}
