package dev.faultline.upstream;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.UpstreamSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeUpstreamsAcceptanceTest {
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10)).retryOnConnectionFailure(false).build();

    private final UpstreamOptions options = UpstreamOptions.loopback(1, new Journal(1_000), RunClock.startingNow(), 7);

    private static int status(String url) throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code();
        }
    }

    private static List<UpstreamSpec> paymentsAndInventory() {
        return List.of(upstream("payments", route(path("/charge"), 200, "ok")),
                upstream("inventory", route(path("/stock"), 200, "ok")));
    }

    @Test
    void startsEveryUpstreamAndGivesThemByName() throws IOException {
        try (FakeUpstreams upstreams = FakeUpstreams.start(paymentsAndInventory(), options)) {
            assertThat(upstreams.names()).containsExactly("payments", "inventory");
            assertThat(upstreams.all()).extracting(FakeUpstream::name).containsExactly("payments", "inventory");
            assertThat(status(upstreams.get("payments").url(0) + "/charge")).isEqualTo(200);
            assertThat(status(upstreams.get("inventory").url(0) + "/stock")).isEqualTo(200);
            assertThatThrownBy(() -> upstreams.get("ledger"))
                    .hasMessage("no upstream named ledger; the upstreams are [payments, inventory]");
        }
    }

    @Test
    void enteringAPhaseGivesEachUpstreamItsRulesAndClearsTheOthers() throws IOException {
        try (FakeUpstreams upstreams = FakeUpstreams.start(paymentsAndInventory(), options)) {
            upstreams.enterPhase("outage", Map.of(
                    "payments", List.of(rule("outage/payments[0]").respond(503).build()),
                    "inventory", List.of(rule("outage/inventory[0]").respond(502).build())));
            assertThat(status(upstreams.get("payments").url(0) + "/charge")).isEqualTo(503);
            assertThat(status(upstreams.get("inventory").url(0) + "/stock")).isEqualTo(502);

            upstreams.enterPhase("half", Map.of("inventory", List.of(rule("half/inventory[0]").respond(500).build())));
            assertThat(status(upstreams.get("payments").url(0) + "/charge")).isEqualTo(200);
            assertThat(status(upstreams.get("inventory").url(0) + "/stock")).isEqualTo(500);
        }
    }

    @Test
    void aPhaseNamingAnUnknownUpstreamIsRefused() throws IOException {
        try (FakeUpstreams upstreams = FakeUpstreams.start(paymentsAndInventory(), options)) {
            assertThatThrownBy(() -> upstreams.enterPhase("outage", Map.of("ledger", List.of())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("phase outage has faults for [ledger] but the upstreams are [payments, inventory]");
        }
    }

    @Test
    void aBadRuleOnOneUpstreamLeavesEveryUpstreamInThePreviousPhase() throws IOException {
        try (FakeUpstreams upstreams = FakeUpstreams.start(paymentsAndInventory(), options)) {
            upstreams.enterPhase("outage", Map.of("payments", List.of(rule("outage/payments[0]").respond(503).build())));
            assertThatThrownBy(() -> upstreams.enterPhase("drops", Map.of(
                    "payments", List.of(rule("drops/payments[0]").respond(500).build()),
                    "inventory", List.of(rule("drops/inventory[0]").probability(0.5).action(new FaultAction.Down()).build()))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("fault rule drops/inventory[0]: down: true takes no match");
            assertThat(status(upstreams.get("payments").url(0) + "/charge")).isEqualTo(503);
        }
    }

    @Test
    void aStartFailureClosesTheUpstreamsAlreadyStarted() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            List<UpstreamSpec> specs = List.of(
                    new UpstreamSpec("payments", takeFreePort(), List.of(route(path("/charge"), 200, "ok"))),
                    new UpstreamSpec("inventory", taken.getLocalPort(), List.of()));
            int paymentsPort = specs.get(0).port();
            assertThatThrownBy(() -> FakeUpstreams.start(specs, options))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("fake upstream inventory could not listen");
            assertThatThrownBy(() -> new Socket("127.0.0.1", paymentsPort).close()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void twoUpstreamsWithOneNameAreRefused() {
        List<UpstreamSpec> specs = List.of(upstream("payments"), upstream("payments"));
        assertThatThrownBy(() -> FakeUpstreams.start(specs, options)).hasMessage("two upstreams are named payments");
    }

    @Test
    void closingGoesOnPastAFailureAndReportsEveryFailure() {
        StringBuilder closed = new StringBuilder();
        RuntimeException failure = FakeUpstreams.closeAll(List.<AutoCloseable>of(
                () -> {
                    closed.append("a");
                    throw new IllegalStateException("a would not stop");
                },
                () -> closed.append("b"),
                () -> {
                    closed.append("c");
                    throw new IllegalStateException("c would not stop");
                }));
        assertThat(closed).hasToString("abc");
        assertThat(failure).hasMessage("a would not stop");
        assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactly("c would not stop");
    }

    private static int takeFreePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
