package dev.faultline.upstream;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.spec.FaultAction;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code connection: drop | reset | hang} as curl and OkHttp see them, and as the journal records them. */
class ConnectionFaultsAcceptanceTest {
    private static final long MS = 1_000_000L;
    /** Generous: this is a slow, shared 2-core machine. */
    private static final long LATE_MARGIN_NANOS = 2_000 * MS;

    private static RunningUpstream payments() {
        return RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "charged")));
    }

    @Test
    void dropClosesTheConnectionWithoutAResponseSoCurlSeesAnEmptyReply() throws Exception {
        try (RunningUpstream u = payments()) {
            u.phase("flaky", rule("flaky/payments[0]").action(new FaultAction.Drop()).build());

            Curl curl = Curl.run(u.url("/charge"));
            assertThat(curl.exitCode()).as("curl's empty-reply exit code; %s", curl.out()).isEqualTo(52);
            assertThat(curl.out()).contains("Empty reply from server");

            OkHttpProbe okhttp = OkHttpProbe.get(u.url("/charge"));
            assertThat(okhttp.failure()).isInstanceOf(IOException.class).hasMessageContaining("unexpected end of stream");
            assertThat(okhttp.failure()).hasRootCauseInstanceOf(EOFException.class);

            UpstreamRequest event = u.awaitRequests(2).get(0);
            assertThat(event.rule()).isEqualTo("flaky/payments[0]");
            assertThat(event.effect()).isEqualTo("drop");
            assertThat(event.status()).isZero();
            assertThat(event.bytesSent()).isZero();
            assertThat(event.outcome()).isEqualTo(Outcome.FAULTED);
            assertThat(event.endNanos()).isGreaterThanOrEqualTo(event.atNanos());
            assertThat(u.upstream.stats().ruleFires()).containsEntry("flaky/payments[0]", 2L);
        }
    }

    @Test
    void resetAbortsTheConnectionWithAnRstSoCurlSeesAResetByPeer() throws Exception {
        try (RunningUpstream u = payments()) {
            u.phase("flaky", rule("flaky/payments[0]").action(new FaultAction.Reset()).build());

            Curl curl = Curl.run(u.url("/charge"));
            assertThat(curl.exitCode()).as("curl's receive-failure exit code; %s", curl.out()).isEqualTo(56);
            assertThat(curl.out()).contains("Connection reset by peer");

            OkHttpProbe okhttp = OkHttpProbe.get(u.url("/charge"));
            assertThat(okhttp.failure()).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");

            UpstreamRequest event = u.awaitRequests(2).get(1);
            assertThat(event.effect()).isEqualTo("reset");
            assertThat(event.status()).isZero();
            assertThat(event.outcome()).isEqualTo(Outcome.FAULTED);
        }
    }

    @Test
    void aDelayBeforeADropHoldsTheConnectionFirstAndRecordsTheDelayAchieved() throws Exception {
        try (RunningUpstream u = payments()) {
            u.phase("flaky", rule("flaky/payments[0]").delay(Duration.ofMillis(300)).action(new FaultAction.Drop()).build());

            Curl curl = Curl.run(u.url("/charge"));
            assertThat(curl.exitCode()).isEqualTo(52);
            assertThat(curl.elapsedNanos()).isBetween(300 * MS, 300 * MS + LATE_MARGIN_NANOS);

            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.effect()).isEqualTo("drop");
            assertThat(event.delayPlannedNanos()).isEqualTo(300 * MS);
            assertThat(event.delayAchievedNanos()).isBetween(300 * MS, event.endNanos() - event.atNanos());
        }
    }

    @Test
    void hangNeverAnswersSoCurlTimesOutAndTheClientLeavingIsJournalledWhenItLeaves() throws Exception {
        try (RunningUpstream u = payments()) {
            u.phase("stuck", rule("stuck/payments[0]").action(new FaultAction.Hang()).build());

            Curl curl = Curl.run("--max-time", "1", u.url("/charge"));
            assertThat(curl.exitCode()).as("curl's operation-timeout exit code; %s", curl.out()).isEqualTo(28);
            assertThat(curl.elapsedNanos()).isGreaterThanOrEqualTo(1_000 * MS);

            // Journalled when curl hangs up, not when the upstream closes.
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.effect()).isEqualTo("hang");
            assertThat(event.outcome()).isEqualTo(Outcome.CLIENT_GONE);
            assertThat(event.status()).isZero();
            assertThat(event.endNanos() - event.atNanos()).isBetween(900 * MS, 1_000 * MS + LATE_MARGIN_NANOS);
        }
    }

    @Test
    void hangMakesOkHttpTimeOutReading() {
        OkHttpClient impatient = OkHttpProbe.CLIENT.newBuilder().readTimeout(Duration.ofMillis(500)).build();
        try (RunningUpstream u = payments()) {
            u.phase("stuck", rule("stuck/payments[0]").action(new FaultAction.Hang()).build());
            OkHttpProbe okhttp = OkHttpProbe.get(impatient, u.url("/charge"));
            assertThat(okhttp.failure()).isInstanceOf(SocketTimeoutException.class);
            assertThat(okhttp.elapsedNanos()).isGreaterThanOrEqualTo(500 * MS);
            assertThat(u.awaitOnlyRequest().outcome()).isEqualTo(Outcome.CLIENT_GONE);
        }
    }

    @Test
    void hangOutlastsTheIdleTimeoutAndIsJournalledOpenWhenTheUpstreamCloses() throws IOException {
        RunningUpstream u = payments();
        u.upstream.idleTimeout(Duration.ofMillis(200));
        u.phase("stuck", rule("stuck/payments[0]").action(new FaultAction.Hang()).build());
        try (RawHttpConnection connection = RawHttpConnection.open(u.upstream.ports().get(0))) {
            connection.send("GET /charge HTTP/1.1\r\nHost: x\r\nX-Request-Id: stuck\r\n\r\n");
            u.awaitRuleFires("stuck/payments[0]", 1);

            // Five idle timeouts later nothing has been sent and the connection is still open.
            assertThat(connection.silentFor(Duration.ofSeconds(1))).isTrue();
            assertThat(u.journal.offered()).isZero();

            u.close();
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.outcome()).isEqualTo(Outcome.OPEN);
            assertThat(event.endNanos()).isEqualTo(-1);
            assertThat(event.requestId()).isEqualTo("stuck");
            assertThat(connection.closedByServerWithoutData()).isTrue();
        }
    }

    @Test
    void firstAndProbabilityWorkWithConnectionFaults() throws Exception {
        try (RunningUpstream u = payments()) {
            u.phase("blip", rule("blip/payments[0]").first(2).action(new FaultAction.Reset()).build());
            assertThat(Curl.run(u.url("/charge")).exitCode()).isEqualTo(56);
            assertThat(Curl.run(u.url("/charge")).exitCode()).isEqualTo(56);
            assertThat(Curl.run(u.url("/charge")).out()).isEqualTo("charged");

            u.phase("never", rule("never/payments[0]").probability(0).action(new FaultAction.Drop()).build());
            assertThat(Curl.run(u.url("/charge")).out()).isEqualTo("charged");
            assertThat(u.upstream.stats().ruleFires()).containsEntry("blip/payments[0]", 2L).containsEntry("never/payments[0]", 0L);
        }
    }
}
