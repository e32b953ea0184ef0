package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx, a real server nobody here wrote, proxying to a fake upstream that answers after 1 s, signalled
 * in the middle of the load. SIGQUIT is its graceful shutdown: every request in flight completes.
 * SIGTERM is its fast shutdown: every request in flight is lost, and the check says how many.
 */
class NginxShutdownAcceptanceTest {
    // nginx in the foreground (daemon off) with its master process (so QUIT and TERM mean what nginx's
    // docs say), everything it writes (config, pid, temp files) in the scenario's folder.
    private static final String SCENARIO = """
            name: nginx under SIG%1$s
            seed: 3
            upstreams:
              inventory:
                routes:
                  - match: {path: /data}
                    respond: {status: 200, body: '{"items":3}'}
            target:
              run: |
                cat > nginx.conf <<'EOF'
                daemon off;
                master_process on;
                worker_processes 1;
                pid nginx.pid;
                error_log stderr notice;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path body; proxy_temp_path proxy; fastcgi_temp_path fastcgi;
                  uwsgi_temp_path uwsgi; scgi_temp_path scgi;
                  server {
                    listen 127.0.0.1:${target.port};
                    location = /work { proxy_pass ${upstreams.inventory.url}/data; proxy_read_timeout 5s; }
                    location = /health { return 200 'ok'; }
                  }
                }
                EOF
                exec /usr/sbin/nginx -p "$PWD" -c nginx.conf -e stderr
              port: auto
              url: http://127.0.0.1:${target.port}
              ready: {http: /health, timeout: 20s}
              stop: {signal: TERM, grace: 5s}
            load:
              rate: 20/s
              requests: [{path: /work}]
              timeout: 3s
            probes:
              readiness: {path: /health, every: 100ms, timeout: 1s}
            phases:
              - {name: steady, duration: 1s}
              - name: drain
                duration: 3s
                faults:
                  inventory:
                    - match: {path: /data}
                      delay: 1s
                actions:
                  - {at: 1500ms, signal: %1$s}
            expect:
              shutdown:
                max-failed-in-flight: 0
                max-drain: 3s
                exit-code: 0
                readiness-fails-before-exit: true
            """;
    private static final Pattern IN_FLIGHT = Pattern.compile("with (\\d+) requests in flight: (\\d+) completed");

    @TempDir
    Path dir;

    private JsonNode run(String signal, int expectedExit) throws Exception {
        Files.writeString(dir.resolve("nginx.yaml"), SCENARIO.formatted(signal));
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "nginx.yaml", "--report-dir", "out");

        JsonNode report = Faultline.report(dir.resolve("out"));
        if (code != ExitCodes.INCONCLUSIVE || !report.get("message").asText().contains("delivered injected delays late")) {
            // (A machine that lagged withholds the verdict but still judges every check; those are what count here.)
            assertThat(code).as(cli.out() + cli.err()).isEqualTo(expectedExit);
        }
        return report;
    }

    @Test
    void sigquitIsNginxsGracefulShutdownAndLosesNothingInFlight() throws Exception {
        JsonNode report = run("QUIT", ExitCodes.HELD);

        JsonNode lost = Faultline.check(report, "shutdown.max-failed-in-flight");
        assertThat(lost.get("status").asText()).as(lost.get("explanation").asText()).isEqualTo("passed");
        Matcher m = IN_FLIGHT.matcher(lost.get("explanation").asText());
        assertThat(m.find()).as(lost.get("explanation").asText()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("requests in flight at the signal").isGreaterThanOrEqualTo(10);
        assertThat(m.group(2)).isEqualTo(m.group(1));
        assertThat(lost.get("explanation").asText()).contains("no upstream call abandoned");
        JsonNode drain = Faultline.check(report, "shutdown.max-drain");
        assertThat(drain.get("status").asText()).isEqualTo("passed");
        assertThat(drain.get("measured").asDouble()).as("it waits for the 1 s upstream calls").isBetween(0.5, 3.0);
        assertThat(Faultline.check(report, "shutdown.exit-code").get("measured").asInt()).isZero();
        assertThat(Faultline.check(report, "shutdown.readiness-fails-before-exit").get("status").asText()).isEqualTo("passed");
    }

    @Test
    void sigtermIsNginxsFastShutdownAndFailsWithTheInFlightCount() throws Exception {
        JsonNode report = run("TERM", ExitCodes.FAILED);

        JsonNode lost = Faultline.check(report, "shutdown.max-failed-in-flight");
        String explanation = lost.get("explanation").asText();
        assertThat(lost.get("status").asText()).as(explanation).isEqualTo("failed");
        Matcher m = IN_FLIGHT.matcher(explanation);
        assertThat(m.find()).as(explanation).isTrue();
        int inFlight = Integer.parseInt(m.group(1));
        assertThat(inFlight).isGreaterThanOrEqualTo(10);
        assertThat(lost.get("measured").asInt()).as(explanation).isEqualTo(inFlight - Integer.parseInt(m.group(2)))
                .isGreaterThanOrEqualTo(inFlight - 2);
        assertThat(explanation).containsPattern("upstream calls? abandoned mid-response \\(inventory \\d+\\)");
        assertThat(Faultline.check(report, "shutdown.max-drain").get("measured").asDouble()).as("fast").isLessThan(0.5);
    }
}
