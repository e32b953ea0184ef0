package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.ProbeResult;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx, a real HTTPS server nobody here wrote, as the target, serving HTTP/2 and HTTP/1.1 with a
 * self-signed certificate that openssl makes for the test: with {@code target.insecure: true} the
 * harness's load and probes reach it over TLS (and HTTP/2, which nginx offers) and the latency check
 * is judged; without it the certificate cannot be verified, so nothing was tested and the run is an
 * error (exit 3) saying why, never held.
 */
class HttpsTargetAcceptanceTest {
    private static final String SCENARIO = """
            name: https nginx
            seed: 7
            target:
              run: |
                cat > nginx.conf <<EOF
                worker_processes 1;
                pid nginx.pid;
                error_log stderr warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path body; proxy_temp_path proxy; fastcgi_temp_path fastcgi;
                  uwsgi_temp_path uwsgi; scgi_temp_path scgi;
                  server {
                    listen 127.0.0.1:${target.port} ssl http2;
                    ssl_certificate $PWD/cert.pem;
                    ssl_certificate_key $PWD/key.pem;
                    location = /work { return 200 "ok"; }
                    location = /health { return 200 "ok"; }
                  }
                }
                EOF
                exec /usr/sbin/nginx -p "$PWD" -c nginx.conf -e stderr -g 'daemon off;'
              port: auto
              url: https://127.0.0.1:${target.port}
              ready: {port: true, timeout: 20s}
            %s
            load:
              rate: 20/s
              requests: [{path: /work}]
              timeout: 2s
            probes:
              liveness: {path: /health, every: 250ms, timeout: 1s}
            phases:
              - {name: steady, duration: 3s}
            expect:
              latency:
                during: steady
                p99: 1500ms
                min-success-rate: 0.95
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void selfSignedCertificate() throws Exception {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile()).start();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(Files.readString(dir.resolve("openssl.out"))).isZero();
    }

    private JsonNode run(String insecureLine, int expectedExit) throws Exception {
        Files.writeString(dir.resolve("https.yaml"), SCENARIO.formatted(insecureLine));
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "https.yaml", "--report-dir", "out");

        assertThat(code).as(cli.out() + cli.err()).isEqualTo(expectedExit);
        return Faultline.report(dir.resolve("out"));
    }

    @Test
    void withInsecureTheLoadAndProbesReachASelfSignedTargetOverHttp2AndTheLatencyIsJudged() throws Exception {
        JsonNode report = run("  insecure: true", ExitCodes.HELD);

        assertThat(report.get("verdict").asText()).isEqualTo("held");
        List<Event> journal = Faultline.journal(dir.resolve("out"));
        List<LoadResult> load = journal.stream().filter(LoadResult.class::isInstance).map(LoadResult.class::cast).toList();
        assertThat(load).hasSizeGreaterThan(40);
        assertThat(load).filteredOn(LoadResult::succeeded).hasSizeGreaterThan(40)
                .allSatisfy(r -> assertThat(r.protocol()).isEqualTo("h2"));
        assertThat(journal).filteredOn(ProbeResult.class::isInstance).map(ProbeResult.class::cast)
                .isNotEmpty().allSatisfy(p -> assertThat(p.ok()).as(p.toString()).isTrue());
        assertThat(report.toString()).contains("load during steady: ").contains("; over h2");
    }

    @Test
    void withoutInsecureAnUntrustedCertificateIsAnErrorNeverAPass() throws Exception {
        JsonNode report = run("", ExitCodes.ERROR);

        assertThat(report.get("verdict").asText()).isEqualTo("error");
        assertThat(report.get("message").asText())
                .startsWith("the harness could not verify the target's TLS certificate (")
                .contains("SSLHandshakeException")
                .contains("needs target.insecure: true");
    }
}
