package dev.faultline.load;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Journal;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.ProbeResult;
import dev.faultline.journal.RunClock;
import dev.faultline.probe.Prober;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.LoadSpec.LoadRequest;
import dev.faultline.scenario.LoadSpec.RateStep;
import dev.faultline.scenario.ProbesSpec;
import dev.faultline.scenario.Rate;
import dev.faultline.upstream.tls.IssuedCertificate;
import dev.faultline.upstream.tls.RunTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load driver and the prober against nginx serving HTTPS with a certificate from the run's
 * certificate authority: trusting that authority they get through, over HTTP/2 (nginx offers it by
 * ALPN), and record the protocol; with the JVM's authorities alone every request fails certificate
 * verification; a cleartext target is still spoken to over HTTP/1.1.
 */
class TlsLoadAcceptanceTest {
    private final Journal journal = Journal.withDefaultCapacity();
    private final RunClock clock = RunClock.startingNow();

    @TempDir
    Path dir;

    private static LoadSpec spec() {
        return new LoadSpec(List.of(new RateStep(Duration.ZERO, new Rate(20))),
                List.of(new LoadRequest("GET", "/", Map.of(), Optional.empty(), 1)), List.of(), Duration.ofSeconds(2));
    }

    private List<LoadResult> load(String url, TargetTls tls) {
        LoadDriver driver = LoadDriver.prepare(LoadPlan.of(spec(), List.of(url), 7), clock, journal, tls);
        driver.start(clock.nanos() + 50_000_000L, Duration.ofSeconds(1));
        driver.stop(Duration.ofSeconds(3));
        return journal.snapshot().stream().filter(LoadResult.class::isInstance).map(LoadResult.class::cast).toList();
    }

    private RealServer nginxWithRunCertificate(RunTls tls) throws Exception {
        IssuedCertificate server = tls.server();
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server-key.pem");
        Files.writeString(cert, pem("CERTIFICATE", server.certificate().getEncoded())
                + pem("CERTIFICATE", server.issuer().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(key, pem("PRIVATE KEY", server.key().getEncoded()), StandardCharsets.US_ASCII);
        return RealServer.nginxHttps(dir, cert, key);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void trustingTheRunsAuthorityTheLoadAndProbesGetThroughOverHttp2() throws Exception {
        RunTls tls = RunTls.create();
        TargetTls trust = TargetTls.of(Optional.of(tls.trustStore()), false);
        try (RealServer nginx = nginxWithRunCertificate(tls)) {
            assertThat(nginx.url()).startsWith("https://");
            List<LoadResult> results = load(nginx.url(), trust);

            assertThat(results).hasSize(20).allSatisfy(r -> {
                assertThat(r.outcome()).as(r.error()).isEqualTo(CallOutcome.RESPONSE);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.protocol()).isEqualTo("h2");
            });

            Prober prober = Prober.prepare(new ProbesSpec(Optional.of(new ProbesSpec.Probe("/", Duration.ofMillis(100),
                    Duration.ofSeconds(1))), Optional.empty(), Optional.empty()), List.of(nginx.url()), clock, journal, 3, trust);
            prober.start(clock.nanos());
            Thread.sleep(700);
            prober.stop(Duration.ofSeconds(1));
            assertThat(journal.snapshot()).filteredOn(ProbeResult.class::isInstance).map(ProbeResult.class::cast)
                    .hasSizeGreaterThanOrEqualTo(3).allSatisfy(p -> assertThat(p.ok()).as(String.valueOf(p.error())).isTrue());
        }
    }

    @Test
    void withoutTheRunsAuthorityEveryRequestFailsCertificateVerification() throws Exception {
        try (RealServer nginx = nginxWithRunCertificate(RunTls.create())) {
            List<LoadResult> results = load(nginx.url(), TargetTls.DEFAULT);

            assertThat(results).hasSize(20).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(CallOutcome.OTHER);
                assertThat(r.error()).startsWith("SSLHandshakeException: PKIX path building failed");
                assertThat(r.protocol()).isNull();
            });
        }
    }

    @Test
    void aCleartextTargetIsStillSpokenToOverHttp11() throws Exception {
        try (RealServer nginx = RealServer.nginx(dir, "60s")) {
            List<LoadResult> results = load(nginx.url(), TargetTls.of(Optional.empty(), true));

            assertThat(results).hasSize(20).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.protocol()).isEqualTo("http/1.1");
            });
        }
    }
}
