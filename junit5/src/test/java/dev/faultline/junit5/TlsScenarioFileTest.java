package dev.faultline.junit5;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scenario file's {@code tls: true} and {@code http2: true} upstream under {@code @FaultlineTest}, and its tls fault phase. */
@FaultlineTest(scenario = "scenarios/tls-payments.yaml")
class TlsScenarioFileTest {

    private static HttpResponse<String> charge(Faultline fl) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(fl.sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create(fl.url("payments") + "/charge")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFilesTlsUpstreamServesH2OverTlsAndItsPhaseSpoilsTheHandshake(Faultline fl) throws Exception {
        HttpResponse<String> steady = charge(fl);
        assertThat(steady.body()).isEqualTo("charged");
        assertThat(steady.version()).as("ALPN h2").isEqualTo(HttpClient.Version.HTTP_2);
        fl.phase("expired");
        assertThatThrownBy(() -> charge(fl)).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertificateExpiredException.class);
    }
}
