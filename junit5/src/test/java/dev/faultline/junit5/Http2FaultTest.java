package dev.faultline.junit5;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.spec.Http2ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code http2:} faults from a test, met by the JDK's {@code HttpClient} over h2c: the client asks to
 * upgrade its first request (answered as stream 1) and every later request on the connection is a stream. Each test
 * uses a new client, so a new connection made while its fault is in force. The exceptions asserted are
 * the ones the JDK's client throws (measured on 17.0.15; see docs/junit5.md).
 */
class Http2FaultTest {
    @RegisterExtension
    static FaultlineExtension fl = FaultlineExtension.with(Upstream.named("payments").http2()
            .route(null, "/charge", 200, "charged")
            .route(null, "/ping", 200, "pong"));

    /** A new client whose first request has opened an h2c connection, which later requests share. */
    private static HttpClient connected() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> ping = client.send(get("/ping"), HttpResponse.BodyHandlers.ofString());
        assertThat(ping.version()).as("the JDK client upgrades to h2c").isEqualTo(HttpClient.Version.HTTP_2);
        return client;
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(fl.url("payments") + path)).timeout(Duration.ofSeconds(10)).build();
    }

    private static List<UpstreamRequest> charges() {
        return fl.journal("payments").requests().stream().filter(r -> r.path().equals("/charge")).toList();
    }

    @Test
    void rstStreamFailsOneCallWithAnIOExceptionNamingTheResetAndTheConnectionGoesOn() throws Exception {
        fl.inject("payments", Fault.rstStream(Http2ErrorCode.INTERNAL_ERROR).on("GET", "/charge"));
        HttpClient client = connected();
        assertThatThrownBy(() -> client.send(get("/charge"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class).hasMessageContaining("RST_STREAM");
        assertThat(client.send(get("/ping"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("pong");
        UpstreamRequest reset = charges().get(0);
        assertThat(reset.effect()).isEqualTo("rst-stream:INTERNAL_ERROR");
        assertThat(reset.outcome()).isEqualTo(Outcome.FAULTED);
        assertThat(reset.stream()).isEqualTo(3);
        assertThat(fl.journal("payments").requests()).extracting(UpstreamRequest::connectionId).containsOnly(reset.connectionId());
    }

    @Test
    void goAwayWithAnErrorFailsTheCall() throws Exception {
        fl.inject("payments", Fault.goAway(Http2ErrorCode.PROTOCOL_ERROR, 0).on("GET", "/charge"));
        HttpClient client = connected();
        boolean jdk17 = Runtime.version().feature() <= 17;
        // JDK 25 says either "request not processed by peer" (after resending the request once, on a new
        // connection) or "EOF reached while reading", as the GOAWAY and the close race; 17 always the same.
        assertThatThrownBy(() -> client.send(get("/charge"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class).hasMessageContaining(jdk17 ? "GOAWAY received" : "");
        List<UpstreamRequest> charges = charges();
        assertThat(charges).hasSizeBetween(1, jdk17 ? 1 : 2).extracting(UpstreamRequest::effect, UpstreamRequest::outcome)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("goaway:PROTOCOL_ERROR", Outcome.FAULTED));
    }

    @Test
    void aGracefulGoAwayIsAnsweredYetJdk17FailsTheCall() throws Exception {
        fl.inject("payments", Fault.goAway(Http2ErrorCode.NO_ERROR).on("GET", "/charge"));
        HttpClient client = connected();
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(get("/charge"), HttpResponse.BodyHandlers.ofString());
        UpstreamRequest answered = await1Charge();
        assertThat(answered.effect()).isEqualTo("goaway:NO_ERROR");
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.outcome()).isEqualTo(Outcome.COMPLETED);
        if (Runtime.version().feature() <= 17) {
            // The upstream answered the stream it named as the last; JDK 17 drops the answer (JDK 25 returns it).
            assertThat(call).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOf(IOException.class).withMessageContaining("GOAWAY received");
        } else if (Runtime.version().feature() >= 25) {
            assertThat(call.get(10, TimeUnit.SECONDS).body()).isEqualTo("charged");
        }
    }

    private static UpstreamRequest await1Charge() {
        List<UpstreamRequest> charges = charges();
        assertThat(charges).hasSize(1);
        return charges.get(0);
    }

    @Test
    void stallWindowHoldsAnUploadUntilTheClientsOwnTimeout() throws Exception {
        fl.inject("payments", Fault.stallWindow().on("POST", "/charge"));
        HttpClient client = connected();
        HttpRequest upload = HttpRequest.newBuilder(URI.create(fl.url("payments") + "/charge"))
                .timeout(Duration.ofSeconds(1)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1 << 20])).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.send(upload, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class).hasMessage("request timed out");
        assertThat((System.nanoTime() - start) / 1e9).isBetween(0.9, 6.0);
        // The stalled stream is journalled when it ends, once the client has reset it after its timeout.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (charges().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(await1Charge().effect()).isEqualTo("stall-window");
    }

    @Test
    void aOneStreamLimitMakesTheJdkClientRefuseItsOwnExtraConcurrentCalls() throws Exception {
        // Each answer takes 500 ms, so the calls overlap on the one connection.
        fl.inject("payments", Fault.maxConcurrentStreams(1), Fault.delay(Duration.ofMillis(500)).on("GET", "/charge"));
        HttpClient client = connected();
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(client.sendAsync(get("/charge"), HttpResponse.BodyHandlers.ofString())
                    .handle((r, e) -> e == null ? r.body() : e.getCause().getClass().getName() + ": " + e.getCause().getMessage()));
        }
        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<String> call : calls) {
            outcomes.add(call.get(15, TimeUnit.SECONDS));
        }
        // JDK 17 neither waits for a free stream nor opens another connection: it fails the extra calls itself.
        assertThat(outcomes).contains("charged").contains("java.io.IOException: too many concurrent streams");
        assertThat(fl.journal("payments").requests()).extracting(UpstreamRequest::connectionId).containsOnly(
                fl.journal("payments").requests().get(0).connectionId());
        assertThat(charges()).hasSize((int) outcomes.stream().filter("charged"::equals).count());
    }

    @Test
    void theHttp2FaultsRefuseSettingsThatDoNotBelongToThem() {
        assertThatThrownBy(() -> Fault.maxConcurrentStreams(1).first(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read once as each connection is made");
        assertThatThrownBy(() -> Fault.stallWindow().after(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("takes no delay");
        assertThatThrownBy(() -> Fault.maxConcurrentStreams(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.goAway(Http2ErrorCode.NO_ERROR, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Fault.rstStream(Http2ErrorCode.REFUSED_STREAM).first(1).toString()).isEqualTo("Fault[rst-stream:REFUSED_STREAM, first 1]");
    }

    @Test
    void withoutATlsUpstreamThereIsNoAuthorityToTrust() {
        assertThatThrownBy(fl::sslContext).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declare it with Upstream.named(...).tls()");
    }
}
