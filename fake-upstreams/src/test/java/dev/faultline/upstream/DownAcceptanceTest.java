package dev.faultline.upstream;

import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamDown;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.UpstreamSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code down: true}: connections refused for the phase, the same ports listening again after it. */
class DownAcceptanceTest {

    private static FaultRule down(String phase) {
        return rule(phase + "/payments[0]").action(new FaultAction.Down()).build();
    }

    private static List<UpstreamDown> downEvents(RunningUpstream u) {
        return u.journal.inAppendOrder().stream().filter(UpstreamDown.class::isInstance).map(UpstreamDown.class::cast).toList();
    }

    @Test
    void aDownPhaseRefusesConnectionsAndTheNextPhaseListensAgainOnTheSamePorts() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "charged")), 2, 7)) {
            List<Integer> ports = u.upstream.ports();
            assertThat(Curl.run(u.url(1, "/charge")).out()).isEqualTo("charged");

            long before = u.clock.nanos();
            u.phase("outage", down("outage"));
            assertThat(u.upstream.isDown()).isTrue();
            for (int client = 0; client < 2; client++) {
                Curl curl = Curl.run(u.url(client, "/charge"));
                assertThat(curl.exitCode()).as("curl's could-not-connect exit code; %s", curl.out()).isEqualTo(7);
                assertThat(curl.out()).contains("Failed to connect");
            }
            assertThat(OkHttpProbe.get(u.url("/charge")).failure()).isInstanceOf(ConnectException.class)
                    .hasRootCauseMessage("Connection refused");

            u.phase("recovery");
            long after = u.clock.nanos();
            assertThat(u.upstream.isDown()).isFalse();
            assertThat(u.upstream.ports()).isEqualTo(ports);
            assertThat(Curl.run(u.url(0, "/charge")).out()).isEqualTo("charged");
            assertThat(OkHttpProbe.get(u.url(1, "/charge")).body()).isEqualTo("charged");
            // The server's scheduler and threads were not the connectors' to stop: delays still run.
            u.phase("slow", rule("slow/payments[0]").delay(Duration.ofMillis(100)).build());
            assertThat(OkHttpProbe.get(u.url(1, "/charge")).body()).isEqualTo("charged");

            UpstreamDown stretch = downEvents(u).get(0);
            assertThat(stretch.upstream()).isEqualTo("payments");
            assertThat(stretch.rule()).isEqualTo("outage/payments[0]");
            assertThat(stretch.ports()).isEqualTo(ports);
            assertThat(stretch.atNanos()).isBetween(before, stretch.endNanos());
            assertThat(stretch.endNanos()).isLessThanOrEqualTo(after);
            assertThat(stretch.recovered()).isTrue();
            assertThat(u.upstream.stats().ruleFires()).containsEntry("outage/payments[0]", 1L);
            // Refused attempts never reach the upstream: only the four answered requests are journalled.
            assertThat(u.awaitRequests(4)).hasSize(4);
        }
    }

    @Test
    void goingDownCutsOpenConnectionsAndJournalsTheirWaitingExchangesAsFaulted() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "charged")));
             RawHttpConnection waiting = RawHttpConnection.open(u.upstream.ports().get(0));
             RawHttpConnection idle = RawHttpConnection.open(u.upstream.ports().get(0))) {
            u.phase("slow", rule("slow/payments[0]").match(path("/charge")).delay(Duration.ofSeconds(30)).build());
            idle.send("GET /other HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(idle.readResponse().status()).isEqualTo(404);
            waiting.send("GET /charge HTTP/1.1\r\nHost: x\r\nX-Request-Id: cut\r\n\r\n");
            u.awaitRuleFires("slow/payments[0]", 1);

            u.phase("outage", down("outage"));

            assertThat(waiting.closedByServerWithoutData()).isTrue();
            assertThat(idle.closedByServerWithoutData()).isTrue();
            UpstreamRequest cut = u.awaitRequests(2).stream().filter(e -> "cut".equals(e.requestId())).findFirst().orElseThrow();
            assertThat(cut.outcome()).isEqualTo(Outcome.FAULTED);
            assertThat(cut.status()).isZero();
            assertThat(cut.effect()).isEqualTo("delay");

            u.phase("recovery");
            assertThat(downEvents(u)).singleElement().extracting(UpstreamDown::connectionsCut).isEqualTo(2);
        }
    }

    @Test
    void consecutiveDownPhasesAreOneStretchAndClosingWhileDownRecordsItAsNeverEnded() throws Exception {
        RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "charged")));
        u.phase("outage", down("outage"));
        u.phase("still-out", down("still-out"));
        assertThat(Curl.run(u.url("/charge")).exitCode()).isEqualTo(7);
        assertThat(downEvents(u)).isEmpty();

        u.close();

        List<Event> events = u.journal.inAppendOrder();
        assertThat(events).singleElement().isInstanceOf(UpstreamDown.class);
        UpstreamDown stretch = (UpstreamDown) events.get(0);
        assertThat(stretch.rule()).isEqualTo("outage/payments[0]");
        assertThat(stretch.endNanos()).isEqualTo(-1);
        assertThat(stretch.covers(u.clock.nanos())).isTrue();
        assertThat(u.upstream.stats().ruleFires())
                .containsEntry("outage/payments[0]", 1L).containsEntry("still-out/payments[0]", 1L);
    }

    @Test
    void aFixedPortIsListenedOnAgainAfterTheDownPhase() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        UpstreamSpec spec = new UpstreamSpec("payments", port, List.of(route(path("/charge"), 200, "charged")));
        try (RunningUpstream u = RunningUpstream.start(spec)) {
            u.phase("outage", down("outage"));
            assertThat(Curl.run("http://127.0.0.1:" + port + "/charge").exitCode()).isEqualTo(7);
            u.phase("recovery");
            assertThat(Curl.run("http://127.0.0.1:" + port + "/charge").out()).isEqualTo("charged");
        }
    }
}
