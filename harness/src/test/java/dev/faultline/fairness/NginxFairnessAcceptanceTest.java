package dev.faultline.fairness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCodes;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx's {@code limit_req}, a real limiter nobody here wrote, as the target, in front of a fake
 * backend, with a heavy tenant (50 requests/s) next to a light one (5/s), each with its own API key.
 * A zone keyed by the API key gives each tenant 10/s: the light tenant is served in full, which is
 * max-min fair. One zone for everyone gives all of them 10/s together, and the heavy tenant's
 * requests take nearly every slot: the light tenant starves, and the verdict says so with the numbers.
 *
 * <p>The global zone is driven with Poisson arrivals: nginx admits the first request at least 100 ms
 * after the last admission, and with constant arrivals at 50/s and 5/s the light tenant's requests
 * sit at a fixed offset from the heavy tenant's, so whether they win a slot would depend on
 * sub-millisecond timing (measured: anything from 0 to 3 light admissions a second from run to run).
 * With Poisson arrivals the first arrival after a slot opens is the light tenant's with probability
 * 5/55, about 0.9 admissions a second. The keyed zone keeps constant arrivals: Poisson gaps under
 * 100 ms would have nginx refuse some of the light tenant's requests even under its own limit.
 */
@Isolated
class NginxFairnessAcceptanceTest {
    // nginx in the foreground with everything it writes (pid, temp files) in the scenario's folder.
    // limit_req runs before the content phase, so /api must produce its answer there (proxy_pass): a
    // "return" would answer in the rewrite phase and never meet the limit.
    private static final String SCENARIO = """
            name: nginx limit_req %1$s
            seed: 3
            upstreams:
              backend:
                routes:
                  - match: {path: /data}
                    respond: {status: 200, body: ok}
            target:
              run: |
                cat > nginx.conf <<'EOF'
                worker_processes 1;
                pid nginx.pid;
                error_log stderr error;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path body; proxy_temp_path proxy; fastcgi_temp_path fastcgi;
                  uwsgi_temp_path uwsgi; scgi_temp_path scgi;
                  limit_req_zone $http_x_api_key zone=per_key:1m rate=10r/s;
                  limit_req_zone $server_port zone=global:1m rate=10r/s;
                  limit_req_status 429;
                  upstream backend { server 127.0.0.1:${upstreams.backend.port}; keepalive 8; }
                  server {
                    listen 127.0.0.1:${target.port};
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    location = /ready { default_type text/plain; return 200 "ready\\n"; }
                    location = /api {
                      limit_req zone=%2$s;
                      add_header RateLimit-Policy '"default";q=10;w=1' always;
                      proxy_pass http://backend/data;
                    }
                    error_page 429 @limited;
                    location @limited {
                      default_type text/plain;
                      add_header Retry-After 1 always;
                      add_header RateLimit-Policy '"default";q=10;w=1' always;
                      add_header RateLimit '"default";r=0;t=1' always;
                      return 429 "rate limited\\n";
                    }
                  }
                }
                EOF
                exec /usr/sbin/nginx -p "$PWD" -c nginx.conf -e stderr -g 'daemon off;'
              port: auto
              url: http://127.0.0.1:${target.port}
              ready: {http: /ready, timeout: 20s}
            load:
              tenants:
                - {name: heavy, rate: 50/s, headers: {X-Api-Key: heavy}}
                - {name: light, rate: 5/s, headers: {X-Api-Key: light}}
              requests: [{path: /api}]
              timeout: 2s
              arrivals: %4$s
            phases:
              - {name: limited, duration: %5$s}
            expect:
              fairness:
                tenants: true
                min-jain-index: 0.9
                honor-retry-after: true
                valid-ratelimit-headers: true
                max-limit-error: %6$s
                limit: 10/s
                by: %3$s
            """;

    @TempDir
    Path dir;

    private JsonNode run(String name, String zone, String limitBy, String arrivals, String duration, String maxLimitError,
                         int expectedExit) throws Exception {
        Files.writeString(dir.resolve("nginx.yaml"), SCENARIO.formatted(name, zone, limitBy, arrivals, duration, maxLimitError));

        Faultline.Result result = Faultline.run(dir, "run", "nginx.yaml", "--report-dir", "out");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(expectedExit);
        return Faultline.report(dir.resolve("out"));
    }

    @Test
    void aZoneKeyedByTheApiKeyServesTheLightTenantInFullNextToAHeavyOne() throws Exception {
        // nginx without burst admits 9.2-9.6/s of constant arrivals at rate=10r/s (docs/fairness.md).
        JsonNode report = run("keyed by API key", "per_key", "tenant", "constant", "6s", "0.15", ExitCodes.HELD);

        JsonNode jain = Faultline.check(report, "fairness.min-jain-index");
        assertThat(jain.get("measured").asDouble()).as(jain.toString()).isGreaterThan(0.95);
        // The light tenant's 5/s is under its own 10/s: served in full, which is its max-min fair share.
        assertThat(jain.get("explanation").asText()).matches("2 tenants \\(heavy, light\\) during the run: demand (4\\d|50)\\.\\d, 5\\.0 /s;"
                + " admitted \\d+\\.\\d, [45]\\.\\d /s; 429s \\d+ %, [\\d.]+ %; fair \\d+\\.\\d, [45]\\.\\d /s; Jain (1\\.00|0\\.9\\d); .*");
        JsonNode error = Faultline.check(report, "fairness.max-limit-error");
        assertThat(error.get("explanation").asText()).as(error.toString()).startsWith("heavy during the run was admitted ");
        assertThat(Faultline.check(report, "fairness.honor-retry-after").get("explanation").asText())
                .endsWith(" 429s during the run carried a Retry-After (1)");
        assertThat(Faultline.check(report, "fairness.valid-ratelimit-headers").get("status").asText()).isEqualTo("passed");
    }

    @Test
    void aSingleGlobalZoneStarvesTheLightTenantAndTheVerdictSaysSoWithTheNumbers() throws Exception {
        // Poisson arrivals leave a slot open until the next arrival (mean 18 ms): about 8.5/s admitted (8.6 measured).
        JsonNode report = run("with one global zone", "global", "global", "poisson", "10s", "0.25", ExitCodes.FAILED);

        JsonNode jain = Faultline.check(report, "fairness.min-jain-index");
        assertThat(jain.get("status").asText()).isEqualTo("failed");
        // Light's expected share is about 0.9/s of a fair 4.2/s (Jain about 0.6); 0.8 is over 4 standard deviations away.
        assertThat(jain.get("measured").asDouble()).as(jain.toString()).isLessThan(0.8);
        // Seeded Poisson arrivals: the demands are what the draws of seed 3 asked for (about 51 and 6 /s).
        assertThat(jain.get("explanation").asText()).matches("2 tenants \\(heavy, light\\) during the run: demand [45]\\d\\.\\d, [4-7]\\.\\d /s;"
                + " admitted \\d+\\.\\d, \\d\\.\\d+ /s; 429s \\d+ %, \\d+ %; fair \\d\\.\\d, \\d\\.\\d /s; Jain 0\\.\\d\\d;"
                + " the least served, light, got \\d+(\\.\\d)? % of its fair share");
        // The limit itself is accurate and honest; it is only unfair.
        assertThat(Faultline.check(report, "fairness.max-limit-error").get("status").asText()).isEqualTo("passed");
        assertThat(Faultline.check(report, "fairness.honor-retry-after").get("status").asText()).isEqualTo("passed");
        assertThat(Faultline.check(report, "fairness.valid-ratelimit-headers").get("status").asText()).isEqualTo("passed");
    }
}
