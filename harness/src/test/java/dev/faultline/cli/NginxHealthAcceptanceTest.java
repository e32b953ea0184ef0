package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx, a real server nobody here wrote, as the target: its {@code /work} and one {@code /health}
 * proxy to the fake upstream, another {@code /health} answers 200 by itself. The first tells the
 * truth while the upstream fails, the second does not, and the verdicts say so.
 */
@Isolated
class NginxHealthAcceptanceTest {
    // nginx in the foreground with everything it writes (pid, temp files) in the scenario's folder.
    private static final String SCENARIO = """
            name: nginx %1$s
            seed: 3
            upstreams:
              inventory:
                routes:
                  - match: {path: /data}
                    respond: {status: 200, body: '{"items":3}'}
                  - match: {path: /health}
                    respond: {status: 200, headers: {Content-Type: application/health+json}, body: '{"status":"pass"}'}
            target:
              run: |
                cat > nginx.conf <<'EOF'
                worker_processes 1;
                pid nginx.pid;
                error_log stderr warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path body; proxy_temp_path proxy; fastcgi_temp_path fastcgi;
                  uwsgi_temp_path uwsgi; scgi_temp_path scgi;
                  upstream inventory { server 127.0.0.1:${upstreams.inventory.port}; keepalive 8; }
                  server {
                    listen 127.0.0.1:${target.port};
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    location = /work { proxy_pass http://inventory/data; proxy_read_timeout 1s; }
                    location = /health/proxied { proxy_pass http://inventory/health; proxy_read_timeout 300ms; }
                    location = /health/static { default_type application/health+json; return 200 '{"status":"pass"}'; }
                  }
                }
                EOF
                exec /usr/sbin/nginx -p "$PWD" -c nginx.conf -e stderr -g 'daemon off;'
              port: auto
              url: http://127.0.0.1:${target.port}
              ready: {http: /health/static, timeout: 20s}
            load:
              rate: 20/s
              requests: [{path: /work}]
              timeout: 2s
            probes:
              liveness:  {path: /health/static, every: 250ms, timeout: 1s}
              readiness: {path: %2$s, every: 250ms, timeout: 1s}
            phases:
              - {name: steady, duration: 2s}
              - name: outage
                duration: 4s
                faults:
                  inventory:
                    - respond: {status: 503}
              - {name: recovery, duration: 3s}
            expect:
              health:
                readiness: {fails-within: 2s, recovers-within: 2s}
                liveness: {stays-up: true}
                max-false-healthy: 2s
                max-false-unhealthy: 2s
            """;

    @TempDir
    Path dir;

    private JsonNode run(String name, String readinessPath, int expectedExit) throws Exception {
        Files.writeString(dir.resolve("nginx.yaml"), SCENARIO.formatted(name, readinessPath));
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "nginx.yaml", "--report-dir", "out");

        assertThat(code).as(cli.out() + cli.err()).isEqualTo(expectedExit);
        return Faultline.report(dir.resolve("out"));
    }

    @Test
    void aHealthEndpointThatProxiesToTheDependencyTellsTheTruth() throws Exception {
        JsonNode report = run("with a proxied health check", "/health/proxied", ExitCodes.HELD);

        assertThat(report.get("verdict").asText()).isEqualTo("held");
        assertThat(Faultline.check(report, "health.readiness.fails-within").get("measured").asDouble()).isLessThan(1.0);
        assertThat(Faultline.check(report, "health.readiness.recovers-within").get("measured").asDouble()).isLessThan(1.0);
        assertThat(Faultline.check(report, "health.max-false-healthy").get("measured").asDouble()).isLessThan(1.0);
        assertThat(Faultline.check(report, "health.max-false-unhealthy").get("measured").asDouble()).isLessThan(1.0);
        assertThat(Faultline.check(report, "health.liveness.stays-up").get("measured").asDouble()).isZero();
    }

    @Test
    void aHealthEndpointThatAnswers200ByItselfIsCaughtLying() throws Exception {
        JsonNode report = run("with a static health check", "/health/static", ExitCodes.FAILED);

        JsonNode detection = Faultline.check(report, "health.readiness.fails-within");
        assertThat(detection.get("status").asText()).isEqualTo("failed");
        assertThat(detection.get("measuredText").asText()).isEqualTo("never");
        assertThat(detection.get("explanation").asText()).startsWith("readiness never failed during outage");
        JsonNode falseHealthy = Faultline.check(report, "health.max-false-healthy");
        assertThat(falseHealthy.get("status").asText()).isEqualTo("failed");
        assertThat(falseHealthy.get("measured").asDouble()).isBetween(3.5, 4.5);
        assertThat(falseHealthy.get("explanation").asText()).startsWith("readiness passed for ");
        assertThat(Faultline.check(report, "health.readiness.recovers-within").get("status").asText()).isEqualTo("inconclusive");
    }
}
