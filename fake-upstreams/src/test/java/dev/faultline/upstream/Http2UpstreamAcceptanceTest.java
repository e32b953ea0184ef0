package dev.faultline.upstream;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.spec.UpstreamTls;
import dev.faultline.upstream.tls.RunTls;
import dev.faultline.upstream.tls.TlsFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http2: true} as real HTTP/2 clients see it: curl over TLS (ALPN h2) and in the clear (h2c
 * with prior knowledge), nghttp2's {@code nghttp}, and curl offering only HTTP/1.1 to the same port.
 */
class Http2UpstreamAcceptanceTest {
    @TempDir
    static Path dir;
    static RunTls tls;
    static TlsFiles files;

    @BeforeAll
    static void authority() throws Exception {
        tls = RunTls.create();
        files = tls.writeTo(dir.resolve("tls"));
    }

    private static UpstreamSpec payments(Optional<UpstreamTls> mode) {
        return new UpstreamSpec("payments", 0, List.of(route(path("/charge"), 200, "charged")), mode, true);
    }

    @Test
    void curlNegotiatesH2ThroughAlpnAndAnHttp11OnlyClientIsStillServed() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(Optional.of(UpstreamTls.SERVER_ONLY)), tls)) {
            Curl h2 = Curl.run("--http2", "--cacert", files.caFile().toString(), "--write-out", " %{http_version}",
                    u.url("/charge"));
            assertThat(h2.out()).as(h2.out()).isEqualTo("charged 2");
            Curl h1 = Curl.run("--http1.1", "--cacert", files.caFile().toString(), "--write-out", " %{http_version}",
                    u.url("/charge"));
            assertThat(h1.out()).isEqualTo("charged 1.1");
            assertThat(u.awaitRequests(2)).extracting(UpstreamRequest::status).containsExactly(200, 200);
        }
    }

    @Test
    void curlWithPriorKnowledgeSpeaksH2cInTheClear() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(Optional.empty()), null)) {
            Curl h2c = Curl.run("--http2-prior-knowledge", "--write-out", " %{http_version}", u.url("/charge"));
            assertThat(h2c.out()).as(h2c.out()).isEqualTo("charged 2");
            Curl h1 = Curl.run("--write-out", " %{http_version}", u.url("/charge"));
            assertThat(h1.out()).isEqualTo("charged 1.1");
        }
    }

    @Test
    void nghttpGetsTheRouteOverH2AndAnInjected503PerStream() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(Optional.of(UpstreamTls.SERVER_ONLY)), tls)) {
            u.phase("outage", rule("outage/payments[0]").probability(1.0).respond(503).build());
            // Two streams on one connection, each answered by the fault rule.
            TlsUpstreamAcceptanceTest.Result nghttp = TlsUpstreamAcceptanceTest.run(List.of("nghttp", "-v",
                    "--cert", files.clientCert().toString(), "--key", files.clientKey().toString(),
                    u.url("/charge"), u.url("/charge?again")), Map.of("SSL_CERT_FILE", files.caFile().toString()));
            assertThat(nghttp.out()).contains("The negotiated protocol: h2").contains(":status: 503");
            assertThat(nghttp.out().split(":status: 503", -1)).hasSize(3);
            List<UpstreamRequest> requests = u.awaitRequests(2);
            assertThat(requests).extracting(UpstreamRequest::status).containsExactly(503, 503);
            assertThat(requests.get(0).connectionId()).isEqualTo(requests.get(1).connectionId());
        }
    }
}
