package dev.faultline.upstream;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.spec.UpstreamTls;
import dev.faultline.upstream.tls.RunTls;
import dev.faultline.upstream.tls.TlsFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS and mTLS fake upstreams as real clients see them: curl (OpenSSL), Python's ssl module, Node's
 * fetch and the JDK's HttpClient, each trusting only the files the run's authority wrote.
 */
class TlsUpstreamAcceptanceTest {
    @TempDir
    static Path dir;
    static RunTls tls;
    static TlsFiles files;

    @BeforeAll
    static void authority() throws Exception {
        tls = RunTls.create();
        files = tls.writeTo(dir.resolve("tls"));
    }

    private static UpstreamSpec payments(UpstreamTls mode) {
        return new UpstreamSpec("payments", 0, List.of(route(path("/charge"), 200, "charged")), Optional.of(mode));
    }

    @Test
    void curlTrustingTheRunsCaFileGetsTheRouteOverHttps() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(UpstreamTls.SERVER_ONLY), tls)) {
            assertThat(u.url("/charge")).startsWith("https://127.0.0.1:");
            Curl curl = Curl.run("--cacert", files.caFile().toString(), "--write-out", " %{http_version} %{ssl_verify_result}",
                    u.url("/charge"));
            assertThat(curl.exitCode()).as(curl.out()).isZero();
            assertThat(curl.out()).isEqualTo("charged 1.1 0");
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.path()).isEqualTo("/charge");
            assertThat(event.status()).isEqualTo(200);
        }
    }

    @Test
    void curlWithoutTheRunsCaRefusesTheCertificateWithExit60() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(UpstreamTls.SERVER_ONLY), tls)) {
            // The system's authorities only: the run's CA is in no public bundle.
            Curl strict = Curl.run("--cacert", "/etc/ssl/certs/ca-certificates.crt", u.url("/charge"));
            assertThat(strict.exitCode()).as(strict.out()).isEqualTo(60);
            assertThat(u.requests()).isEmpty();
        }
    }

    @Test
    void pythonSslTrustingTheCaFileGetsTheRoute() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(UpstreamTls.SERVER_ONLY), tls)) {
            String script = "import ssl, sys, urllib.request\n"
                    + "ctx = ssl.create_default_context(cafile=sys.argv[2])\n"
                    + "print(urllib.request.urlopen(sys.argv[1], context=ctx, timeout=10).read().decode())\n";
            Result python = run(List.of("/usr/bin/python3", "-c", script, u.url("/charge"), files.caFile().toString()), Map.of());
            assertThat(python.exitCode()).as(python.out()).isZero();
            assertThat(python.out().strip()).isEqualTo("charged");
        }
    }

    @Test
    void nodeFetchTrustingTheCaThroughNodeExtraCaCertsGetsTheRoute() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(UpstreamTls.SERVER_ONLY), tls)) {
            String script = "fetch(process.argv[1]).then(r => r.text()).then(t => console.log(t))"
                    + ".catch(e => { console.log(String(e.cause || e)); process.exit(3); })";
            Result node = run(List.of("node", "-e", script, u.url("/charge")),
                    Map.of("NODE_EXTRA_CA_CERTS", files.caFile().toString()));
            assertThat(node.exitCode()).as(node.out()).isZero();
            assertThat(node.out().strip()).isEqualTo("charged");
        }
    }

    @Test
    void javaHttpClientTrustingTheTruststoreFileGetsTheRoute() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(UpstreamTls.MUTUAL), tls)) {
            KeyStore trust = load(files.truststore(), files.truststorePassword());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(files.clientKeystore(), files.truststorePassword()), files.truststorePassword().toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(u.url("/charge")))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("charged");
        }
    }

    @Test
    void mtlsServesCurlPresentingTheClientCertificateAndRefusesCurlWithoutOne() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(UpstreamTls.MUTUAL), tls)) {
            Curl with = Curl.run("--cacert", files.caFile().toString(), "--cert", files.clientCert().toString(),
                    "--key", files.clientKey().toString(), u.url("/charge"));
            assertThat(with.exitCode()).as(with.out()).isZero();
            assertThat(with.out()).isEqualTo("charged");
            // TLS 1.3: the server's refusal arrives after curl thinks the handshake is done, so it fails receiving (56).
            Curl without = Curl.run("--cacert", files.caFile().toString(), u.url("/charge"));
            assertThat(without.exitCode()).as(without.out()).isEqualTo(56);
            assertThat(u.requests()).hasSize(1);
        }
    }

    @Test
    void pythonPresentsTheClientCertAndKeyToAnMtlsUpstream() throws Exception {
        try (RunningUpstream u = RunningUpstream.start(payments(UpstreamTls.MUTUAL), tls)) {
            String script = "import ssl, sys, urllib.request\n"
                    + "ctx = ssl.create_default_context(cafile=sys.argv[2])\n"
                    + "ctx.load_cert_chain(sys.argv[3], sys.argv[4])\n"
                    + "print(urllib.request.urlopen(sys.argv[1], context=ctx, timeout=10).read().decode())\n";
            Result python = run(List.of("/usr/bin/python3", "-c", script, u.url("/charge"), files.caFile().toString(),
                    files.clientCert().toString(), files.clientKey().toString()), Map.of());
            assertThat(python.exitCode()).as(python.out()).isZero();
            assertThat(python.out().strip()).isEqualTo("charged");
        }
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    record Result(int exitCode, String out) {
    }

    static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in 20 s: " + out);
        }
        return new Result(process.exitValue(), out);
    }
}
