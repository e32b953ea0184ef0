package dev.faultline.junit5;

import dev.faultline.journal.TlsHandshake;
import dev.faultline.upstream.spec.TlsFaultKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS upstreams and the {@code tls:} faults from a test, met by the JDK's {@code HttpClient} trusting the test's
 * authority through {@code fl.sslContext()}. Each call uses a new client, so a new handshake under the fault.
 */
class TlsFaultTest {
    @RegisterExtension
    static FaultlineExtension fl = FaultlineExtension.with(
            Upstream.named("payments").tls().route(null, "/charge", 200, "charged"),
            Upstream.named("vault").mutualTls().route(null, "/secret", 200, "s3cret"));

    private static HttpResponse<String> get(String upstream, String path, Duration connectTimeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(fl.sslContext()).connectTimeout(connectTimeout).build();
        return client.send(HttpRequest.newBuilder(URI.create(fl.url(upstream) + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String upstream, String path) throws Exception {
        return get(upstream, path, Duration.ofSeconds(10));
    }

    @Test
    void aTlsUpstreamServesHttpsThatTheTestsSslContextTrusts() throws Exception {
        assertThat(fl.url("payments")).startsWith("https://127.0.0.1:");
        assertThat(get("payments", "/charge").body()).isEqualTo("charged");
        assertThat(get("vault", "/secret").body()).as("the context presents the client certificate").isEqualTo("s3cret");
        assertThat(fl.tlsFiles().caFile()).exists();
    }

    @Test
    void eachSpoiltCertificateFailsTheJdkHandshakeWithItsOwnCause() throws Exception {
        fl.inject("payments", Fault.tls(TlsFaultKind.EXPIRED_CERTIFICATE));
        assertThatThrownBy(() -> get("payments", "/charge")).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertificateExpiredException.class);
        fl.inject("payments", Fault.tls(TlsFaultKind.WRONG_HOST));
        assertThatThrownBy(() -> get("payments", "/charge")).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
        fl.inject("payments", Fault.tls(TlsFaultKind.UNKNOWN_CA));
        assertThatThrownBy(() -> get("payments", "/charge")).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
        fl.inject("payments", Fault.tlsVersion("TLSv1.1"));
        assertThatThrownBy(() -> get("payments", "/charge")).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("Received fatal alert: protocol_version");
        assertThat(fl.journal("payments").requests()).isEmpty();
        assertThat(fl.journal()).filteredOn(TlsHandshake.class::isInstance).extracting(e -> ((TlsHandshake) e).fault())
                .containsExactly("expired-certificate", "wrong-host", "unknown-ca", "version");
    }

    @Test
    void aResetOrAHangFailsTheHandshakeAndTheFaultLiftedServesAgain() throws Exception {
        fl.inject("payments", Fault.tls(TlsFaultKind.RESET));
        assertThatThrownBy(() -> get("payments", "/charge")).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("Remote host terminated the handshake");
        fl.inject("payments", Fault.tls(TlsFaultKind.HANG));
        // JDK 17's and 25's connect timeout covers the handshake.
        assertThatThrownBy(() -> get("payments", "/charge", Duration.ofSeconds(1))).isInstanceOf(HttpConnectTimeoutException.class);
        fl.inject("payments");
        assertThat(get("payments", "/charge").body()).isEqualTo("charged");
    }

    @Test
    void aTlsFaultTakesNoTriggerAndAVersionFaultNamesItsVersion() {
        assertThatThrownBy(() -> Fault.tls(TlsFaultKind.RESET).first(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acts on the handshake, before any request exists");
        assertThatThrownBy(() -> Fault.tls(TlsFaultKind.HANG).on("GET", "/charge")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Fault.tls(TlsFaultKind.VERSION)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Fault.tlsVersion");
        assertThatThrownBy(() -> Fault.tlsVersion("TLSv1.3")).isInstanceOf(IllegalArgumentException.class);
    }
}
