package dev.faultline.upstream;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.spec.FaultAction.Http2Fault;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.Http2ErrorCode;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.spec.UpstreamTls;
import dev.faultline.upstream.tls.RunTls;
import dev.faultline.upstream.tls.TlsFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code http2:} faults as real HTTP/2 clients meet them: curl 7.88 (nghttp2 1.52) over TLS with
 * ALPN and in the clear with prior knowledge, and nghttp2's own {@code nghttp}, which prints the
 * frames it received. Each test also reads the journal: the effect, the stream and the outcome.
 */
class Http2FaultsAcceptanceTest {
    private static final String ID = "broken/payments[0]";

    @TempDir
    static Path dir;
    static RunTls tls;
    static TlsFiles files;

    @BeforeAll
    static void authority() throws Exception {
        tls = RunTls.create();
        files = tls.writeTo(dir.resolve("tls"));
    }

    private static RunningUpstream started(boolean overTls, FaultRule... rules) {
        UpstreamSpec spec = new UpstreamSpec("payments", 0, List.of(route(path("/charge"), 200, "charged")),
                overTls ? Optional.of(UpstreamTls.SERVER_ONLY) : Optional.empty(), true);
        RunningUpstream u = RunningUpstream.start(spec, overTls ? tls : null);
        u.phase("broken", rules);
        return u;
    }

    /** curl over h2: ALPN with the run's CA over TLS, prior knowledge in the clear. */
    private static Curl curl(boolean overTls, String... args) throws Exception {
        List<String> command = new ArrayList<>(overTls
                ? List.of("--http2", "--cacert", files.caFile().toString())
                : List.of("--http2-prior-knowledge"));
        command.addAll(List.of(args));
        return Curl.run(command.toArray(String[]::new));
    }

    /**
     * The upstream requests once {@code count} are journalled (each as its exchange ends). Waits on the
     * requests themselves: a TLS upstream also journals a handshake per connection.
     */
    private static List<UpstreamRequest> requests(RunningUpstream u, int count) {
        await().until(() -> u.requests().size() >= count);
        return u.requests();
    }

    @Test
    void rstStreamEndsCurlWithExit92OverTlsAndInTheClear() throws Exception {
        for (boolean overTls : List.of(true, false)) {
            try (RunningUpstream u = started(overTls, rule(ID).action(Http2Fault.rstStream(Http2ErrorCode.INTERNAL_ERROR)).build())) {
                Curl curl = curl(overTls, u.url("/charge"));
                assertThat(curl.exitCode()).as(curl.out()).isEqualTo(92);
                assertThat(curl.out()).contains("INTERNAL_ERROR");
                UpstreamRequest request = requests(u, 1).get(0);
                assertThat(request.effect()).isEqualTo("rst-stream:INTERNAL_ERROR");
                assertThat(request.rule()).isEqualTo(ID);
                assertThat(request.stream()).isEqualTo(1);
                assertThat(request.outcome()).isEqualTo(Outcome.FAULTED);
                assertThat(request.status()).isZero();
            }
        }
    }

    @Test
    void refusedStreamIsRetriedByCurlItselfOnANewConnection() throws Exception {
        try (RunningUpstream u = started(true, rule(ID).first(1).action(Http2Fault.rstStream(Http2ErrorCode.REFUSED_STREAM)).build())) {
            Curl curl = curl(true, u.url("/charge"));
            assertThat(curl.exitCode()).as(curl.out()).isZero();
            assertThat(curl.out()).isEqualTo("charged");
            List<UpstreamRequest> requests = requests(u, 2);
            assertThat(requests).extracting(UpstreamRequest::effect).containsExactly("rst-stream:REFUSED_STREAM", "route");
            assertThat(requests).extracting(UpstreamRequest::status).containsExactly(0, 200);
            assertThat(requests.get(0).connectionId()).isNotEqualTo(requests.get(1).connectionId());
        }
    }

    @Test
    void goAwayWithAnErrorAndLastStream0EndsCurlWithExit16() throws Exception {
        for (boolean overTls : List.of(true, false)) {
            try (RunningUpstream u = started(overTls, rule(ID).action(Http2Fault.goAway(Http2ErrorCode.PROTOCOL_ERROR, 0)).build())) {
                Curl curl = curl(overTls, u.url("/charge"));
                assertThat(curl.exitCode()).as(curl.out()).isEqualTo(16);
                // A lone request is not sent again (with parallel transfers curl may resend one: http2-faults.yaml).
                await().until(() -> !u.requests().isEmpty());
                assertThat(u.requests()).hasSize(1).allSatisfy(request -> {
                    assertThat(request.effect()).isEqualTo("goaway:PROTOCOL_ERROR");
                    assertThat(request.outcome()).isEqualTo(Outcome.FAULTED);
                    assertThat(request.status()).isZero();
                });
            }
        }
    }

    @Test
    void gracefulGoAwayStillAnswersItsStreamAndTheNextRequestTakesANewConnection() throws Exception {
        try (RunningUpstream u = started(true, rule(ID).action(Http2Fault.goAway(Http2ErrorCode.NO_ERROR, -1)).build())) {
            Curl curl = curl(true, u.url("/charge"), u.url("/charge"));
            assertThat(curl.exitCode()).as(curl.out()).isZero();
            assertThat(curl.out()).isEqualTo("chargedcharged");
            List<UpstreamRequest> requests = requests(u, 2);
            assertThat(requests).extracting(UpstreamRequest::effect).containsExactly("goaway:NO_ERROR", "goaway:NO_ERROR");
            assertThat(requests).extracting(UpstreamRequest::status).containsExactly(200, 200);
            assertThat(requests).extracting(UpstreamRequest::outcome).containsOnly(Outcome.COMPLETED);
            assertThat(requests.get(0).connectionId()).isNotEqualTo(requests.get(1).connectionId());
        }
    }

    @Test
    void aOneStreamLimitMakesParallelCurlOpenAConnectionPerTransfer() throws Exception {
        FaultRule slow = rule("broken/payments[1]").delay(Duration.ofMillis(400)).build();
        List<String> urls = new ArrayList<>(List.of("", "", "", ""));
        try (RunningUpstream u = started(true, rule(ID).action(Http2Fault.maxConcurrentStreams(1)).build(), slow)) {
            for (int i = 0; i < 4; i++) {
                urls.set(i, u.url("/charge?" + i));
            }
            List<String> args = new ArrayList<>(List.of("--parallel", "--parallel-max", "4"));
            args.addAll(urls);
            Curl curl = curl(true, args.toArray(String[]::new));
            assertThat(curl.exitCode()).as(curl.out()).isZero();
            List<UpstreamRequest> limited = requests(u, 4);
            assertThat(limited).extracting(UpstreamRequest::status).containsOnly(200);
            assertThat(limited.stream().map(UpstreamRequest::connectionId).distinct().count()).as("connections").isEqualTo(4);
            assertThat(u.upstream.stats().ruleFires()).containsEntry(ID, 4L);

            // The same transfers without the limit share one connection: the limit, not curl, made the difference.
            u.phase("steady", slow);
            Curl shared = curl(true, args.toArray(String[]::new));
            assertThat(shared.exitCode()).as(shared.out()).isZero();
            List<UpstreamRequest> all = requests(u, 8);
            assertThat(all.subList(4, 8).stream().map(UpstreamRequest::connectionId).distinct().count()).isEqualTo(1);
            assertThat(all.subList(4, 8)).extracting(UpstreamRequest::stream).containsExactlyInAnyOrder(1, 3, 5, 7);
        }
    }

    @Test
    void aStalledWindowStopsAnUploadAt65535Bytes() throws Exception {
        Path megabyte = dir.resolve("upload.bin");
        Files.write(megabyte, new byte[1 << 20]);
        for (boolean overTls : List.of(true, false)) {
            try (RunningUpstream u = started(overTls, rule(ID).action(Http2Fault.stallWindow()).build())) {
                Curl curl = curl(overTls, "--max-time", "1", "--data-binary", "@" + megabyte, "--write-out",
                        "\n%{size_upload}", u.url("/charge"));
                assertThat(curl.exitCode()).as(curl.out()).isEqualTo(28);
                assertThat(curl.out()).as("bytes curl uploaded").endsWith("\n65535");
                UpstreamRequest request = requests(u, 1).get(0);
                assertThat(request.effect()).isEqualTo("stall-window");
                assertThat(request.outcome()).isEqualTo(Outcome.CLIENT_GONE);
                assertThat(request.stream()).isEqualTo(1);

                // Without the fault the same upload goes through: the window reopens as the body is read.
                u.phase("steady");
                Curl whole = curl(overTls, "--max-time", "5", "--data-binary", "@" + megabyte, "--write-out",
                        "\n%{size_upload}", u.url("/charge"));
                assertThat(whole.exitCode()).as(whole.out()).isZero();
                assertThat(whole.out()).isEqualTo("charged\n" + (1 << 20));
            }
        }
    }

    @Test
    void nghttpSeesTheFramesRstStreamGoAwayAndTheAdvertisedLimit() throws Exception {
        Map<String, String> env = Map.of("SSL_CERT_FILE", files.caFile().toString());
        try (RunningUpstream u = started(true, rule(ID).action(Http2Fault.maxConcurrentStreams(1)).build(),
                rule("broken/payments[1]").first(1).action(Http2Fault.rstStream(Http2ErrorCode.ENHANCE_YOUR_CALM)).build(),
                rule("broken/payments[2]").action(Http2Fault.goAway(Http2ErrorCode.NO_ERROR, -1)).build())) {
            TlsUpstreamAcceptanceTest.Result reset = TlsUpstreamAcceptanceTest.run(
                    List.of("nghttp", "-v", "-t", "10", u.url("/charge")), env);
            assertThat(reset.out()).contains("SETTINGS_MAX_CONCURRENT_STREAMS(0x03):1]")
                    .contains("recv RST_STREAM frame").contains("error_code=ENHANCE_YOUR_CALM(0x0b)");
            TlsUpstreamAcceptanceTest.Result goAway = TlsUpstreamAcceptanceTest.run(
                    List.of("nghttp", "-v", "-t", "10", u.url("/charge")), env);
            assertThat(goAway.out()).contains("recv GOAWAY frame").contains("last_stream_id=1")
                    .contains("error_code=NO_ERROR(0x00)").contains(":status: 200");
            assertThat(requests(u, 2)).extracting(UpstreamRequest::effect)
                    .containsExactly("rst-stream:ENHANCE_YOUR_CALM", "goaway:NO_ERROR");
        }
    }
}
