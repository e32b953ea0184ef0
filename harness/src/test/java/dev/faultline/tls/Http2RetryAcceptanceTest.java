package dev.faultline.tls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.analysis.CallGrouper;
import dev.faultline.analysis.CallGrouping;
import dev.faultline.analysis.LogicalCall;
import dev.faultline.cli.ExitCodes;
import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.scenario.CallsBy;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry analysis counts attempts per call when a real HTTP/2 client multiplexes its calls and
 * their retries as streams of one connection: curl {@code --http2 --parallel --retry 2} with three
 * URLs, and undici's RetryAgent ({@code allowH2}, one connection, {@code maxRetries: 2}) with four
 * calls at once, both against an outage of 503s. Each client makes 3 attempts per call; grouped by
 * client as if one call at a time, the same attempts would be one call of 9 (or 12).
 *
 * <p>The undici calls all fail: undici 6.29 over h2 crashes ({@code assert(!this.completed)} in
 * {@code Request.onHeaders}) when several multiplexed calls through RetryAgent succeed together, also
 * against Node's own http2 server. undici is found at {@code FAULTLINE_NODE_MODULES} (default
 * {@code /opt/faultline-ci/node/node_modules}).
 */
class Http2RetryAcceptanceTest {
    private static final String UNDICI_CLIENT = Faultline.REPO.resolve("scenarios/clients/undici_h2_parallel.js").toString();
    private static final String NODE_MODULES = env("FAULTLINE_NODE_MODULES", "/opt/faultline-ci/node/node_modules");

    @TempDir
    Path dir;

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Test
    void curlAndUndiciMultiplexingTheirRetriesOverH2AreCountedPerCall() throws Exception {
        Path scenario = dir.resolve("h2-retries.yaml");
        Files.writeString(scenario, """
                name: multiplexed retries over h2
                seed: 3
                upstreams:
                  curl-api:
                    tls: true
                    http2: true
                    routes: [{respond: {status: 200, body: ok}}]
                  node-api:
                    tls: true
                    http2: true
                    routes: [{respond: {status: 200, body: ok}}]
                target:
                  run: >-
                    echo ready && sleep 1 &&
                    (curl -s --http2 --parallel --retry 2 --retry-delay 1 --cacert ${ca.file}
                    -o /dev/null -o /dev/null -o /dev/null -w "curl %%{http_version} %%{http_code}\\n"
                    ${upstreams.curl-api.url}/a ${upstreams.curl-api.url}/b ${upstreams.curl-api.url}/c
                    & node %s; wait)
                  ready: {log: ready}
                  env:
                    NODE_PATH: %s
                    NODE_EXTRA_CA_CERTS: ${ca.file}
                    NODE_NO_WARNINGS: "1"
                    TARGET_URL: ${upstreams.node-api.url}
                    PATHS: /a,/b,/c,/d
                # The clients' last attempts come 3 s after "ready" (curl: 1 s + 1 s + 1 s; undici: 1 s, node's
                # start, 0.5 s + 1 s): 5 s leaves a loaded machine 2 s.
                phases:
                  - name: outage
                    duration: 5s
                    faults:
                      curl-api: [{respond: {status: 503}}]
                      node-api: [{respond: {status: 503}}]
                expect:
                  retries:
                    - {upstream: curl-api, during: outage, by: client, max-attempts-per-call: 3}
                    - {upstream: node-api, during: outage, by: client, max-attempts-per-call: 3}
                """.formatted(UNDICI_CLIENT, NODE_MODULES));
        Path out = dir.resolve("out");
        Faultline.Result result = Faultline.run(dir, "run", scenario.toString(), "--report-dir", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
        JsonNode report = Faultline.report(out);
        assertThat(Faultline.check(report, "retries[0].max-attempts-per-call").get("measured").asDouble()).isEqualTo(3.0);
        assertThat(Faultline.check(report, "retries[1].max-attempts-per-call").get("measured").asDouble()).isEqualTo(3.0);
        List<Event> journal = Faultline.journal(out);
        assertThat(Files.readString(out.resolve("target-0.stdout.log"))).as("what the clients printed")
                .contains("curl 2 503").contains("undici: 0 of 4 calls succeeded");

        for (String upstream : List.of("curl-api", "node-api")) {
            List<UpstreamRequest> attempts = journal.stream().filter(UpstreamRequest.class::isInstance)
                    .map(UpstreamRequest.class::cast).filter(r -> r.upstream().equals(upstream)).toList();
            int calls = upstream.equals("curl-api") ? 3 : 4;
            assertThat(attempts).as(upstream).hasSize(3 * calls).extracting(UpstreamRequest::status).containsOnly(503);
            // The client really multiplexed: one connection, a stream per attempt.
            assertThat(attempts.stream().map(UpstreamRequest::connectionId).distinct().count()).as(upstream).isEqualTo(1);
            assertThat(attempts.stream().map(UpstreamRequest::stream).distinct().count()).as(upstream).isEqualTo(3L * calls);

            List<LogicalCall> grouped = ((CallGrouping.Calls) CallGrouper.group(attempts, new CallsBy.Client())).calls();
            assertThat(grouped).as(upstream).hasSize(calls).allSatisfy(call -> {
                assertThat(call.attempts()).hasSize(3);
                assertThat(call.attempts()).extracting(UpstreamRequest::path).containsOnly(call.first().path());
            });
            // The one-call-at-a-time rule, which the journal's streams replace here, would see one long call.
            List<UpstreamRequest> withoutStreams = attempts.stream().map(Http2RetryAcceptanceTest::overHttp11).toList();
            assertThat(((CallGrouping.Calls) CallGrouper.group(withoutStreams, new CallsBy.Client())).calls())
                    .as(upstream).hasSize(1);
        }
    }

    private static UpstreamRequest overHttp11(UpstreamRequest r) {
        return new UpstreamRequest(r.atNanos(), r.endNanos(), r.upstream(), r.client(), r.connectionId(), r.method(), r.path(),
                r.requestId(), r.traceparent(), r.idempotencyKey(), r.rule(), r.effect(), r.status(), r.bytesSent(),
                r.delayPlannedNanos(), r.delayAchievedNanos(), r.retryAfter(), r.rateLimit(), r.outcome(), r.instance());
    }
}
