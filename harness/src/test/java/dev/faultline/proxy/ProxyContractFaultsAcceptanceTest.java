package dev.faultline.proxy;

import dev.faultline.journal.Journal;
import dev.faultline.journal.ResponseDrift;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.load.RealServer;
import dev.faultline.run.ProxyUrls;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import dev.faultline.upstream.FakeUpstream;
import dev.faultline.upstream.UpstreamOptions;
import dev.faultline.upstream.spec.UpstreamSpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract faults on a proxy upstream's real traffic, with nginx as the dependency and curl as
 * the client: {@code drift} on nginx's JSON files (sized and chunked) with the mutation on the wire,
 * the new length declared and the journal's drift event; a plain-text, a gzip-encoded and an
 * oversized body left alone byte for byte and journalled as skipped with the reason;
 * {@code body: {bandwidth}} pacing a 256 KiB file; {@code deprecate}'s fields on the real answer,
 * and {@code gone} answering 410 with nginx's access log showing it was never asked; an HTTP/2
 * stream reset that never reaches nginx, and a graceful GOAWAY that lets it answer.
 */
class ProxyContractFaultsAcceptanceTest {
    private static final int PACED = 256 * 1024;
    private static final String ORDER = "{\"id\":42,\"total\":12.5,\"status\":\"paid\"}\n";
    private static Path dir;
    private static RealServer nginx;
    private static Journal journal;
    private static FakeUpstream upstream;
    private static FakeUpstream h2;
    private static Scenario scenario;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("faultline-proxy-contract-");
        nginx = RealServer.nginxServer(dir, """
                access_log logs/access.log;
                types { application/json json; text/plain txt; application/octet-stream bin; }
                location /chunked/ { alias www/; sub_filter 'NEVER-IN-THE-FILE' 'x'; sub_filter_types *; }
                location /gz/ { alias www/; gzip on; gzip_proxied any; gzip_types application/json; gzip_min_length 1; }
                """);
        Path www = dir.resolve("www");
        Files.writeString(www.resolve("order.json"), ORDER);
        Files.writeString(www.resolve("old.json"), ORDER);
        Files.writeString(www.resolve("h2-reset.json"), ORDER);
        Files.writeString(www.resolve("h2-graceful.json"), ORDER);
        Files.writeString(www.resolve("notes.txt"), "{\"total\": 1} but plain text\n");
        StringBuilder large = new StringBuilder(9 * 1024 * 1024 + 16).append('[');
        while (large.length() < 9 * 1024 * 1024) {
            large.append("1234567,");
        }
        Files.writeString(www.resolve("large.json"), large.append("0]").toString());
        byte[] paced = new byte[PACED];
        new Random(15).nextBytes(paced);
        Files.write(www.resolve("paced.bin"), paced);
        Files.writeString(dir.resolve("contract.yaml"), """
                name: proxy contract faults
                upstreams:
                  deps:
                    proxy: ${env.DEPENDENCY_URL}
                  h2deps:
                    proxy: ${env.DEPENDENCY_URL}
                    http2: true
                phases:
                  - name: calm
                    duration: 1s
                  - name: drift
                    duration: 1s
                    faults:
                      deps:
                        - drift:
                            - rename-field: {path: '$.total', to: amount}
                            - add-field: {path: '$', name: extra, value: 7}
                  - name: throttle
                    duration: 1s
                    faults:
                      deps:
                        - body: {bandwidth: 256KB/s}
                  - name: deprecate
                    duration: 1s
                    faults:
                      deps:
                        - match: {path: /old.json}
                          deprecate: {gone: true, sunset: 2025-01-01}
                        - deprecate: {sunset: 2030-01-01, since: 2024-06-01, link: /v2/orders}
                  - name: streams
                    duration: 1s
                    faults:
                      h2deps:
                        - match: {path: /h2-reset.json}
                          http2: {rst-stream: CANCEL}
                        - match: {path: /h2-graceful.json}
                          http2: {goaway: {error: NO_ERROR}}
                """);
        LoadOutcome outcome = new ScenarioLoader().load(dir.resolve("contract.yaml"));
        assertThat(outcome).isInstanceOf(LoadOutcome.Loaded.class);
        scenario = ((LoadOutcome.Loaded) outcome).scenario();
        Map<String, UpstreamSpec> specs = ProxyUrls.resolve(scenario, Map.of("DEPENDENCY_URL", nginx.url())::get);
        journal = new Journal(10_000);
        UpstreamOptions options = UpstreamOptions.loopback(1, journal, RunClock.startingNow(), 15);
        upstream = FakeUpstream.start(specs.get("deps"), options);
        h2 = FakeUpstream.start(specs.get("h2deps"), options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
        if (h2 != null) {
            h2.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void phase(String name) {
        upstream.enterPhase(name, scenario.phase(name).orElseThrow().faultsFor("deps"));
    }

    private static String url(String path) {
        return upstream.url(0) + path;
    }

    private static <T> T latest(Class<T> type, Predicate<T> which) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> journal.snapshot().stream().filter(type::isInstance).map(type::cast)
                        .filter(which).reduce((a, b) -> b).orElse(null), r -> r != null);
    }

    private static String body(CurlRun run) {
        return run.out().substring(run.out().indexOf("\r\n\r\n") + 4);
    }

    @Test
    void driftMutatesTheDependencysJsonAndDeclaresItsNewLength() throws Exception {
        phase("drift");
        for (String path : new String[] {"/order.json", "/chunked/order.json"}) {
            CurlRun drifted = CurlRun.of("-i", url(path));
            assertThat(drifted.exit()).as(path).isZero();
            String body = body(drifted);
            assertThat(body).as(path).contains("\"amount\":12.5").contains("\"extra\":7").doesNotContain("\"total\"")
                    .contains("\"id\":42");
            // the dependency's length (or chunking) is replaced by the drifted body's own
            assertThat(drifted.out()).as(path).contains("Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n")
                    .doesNotContainIgnoringCase("Transfer-Encoding").contains("Via: 1.1 faultline");

            ResponseDrift event = latest(ResponseDrift.class, e -> e.path().equals(path));
            assertThat(event.applied()).isTrue();
            assertThat(event.contentType()).isEqualTo("application/json");
            assertThat(event.mutations()).containsExactly("rename-field $.total: 1 changed, to \"amount\"",
                    "add-field $: 1 changed, name \"extra\" = 7");
            UpstreamRequest r = latest(UpstreamRequest.class, e -> e.path().equals(path));
            assertThat(r.effect()).isEqualTo("drift");
            assertThat(r.dependency().status()).isEqualTo(200);
            assertThat(r.bytesSent()).isEqualTo(body.length());
        }
    }

    @Test
    void bodiesDriftCannotReadGoThroughUnchangedAndTheJournalSaysWhy() throws Exception {
        phase("drift");
        CurlRun text = CurlRun.of(url("/notes.txt"));
        assertThat(text.out()).isEqualTo(Files.readString(dir.resolve("www/notes.txt")));
        assertThat(latest(ResponseDrift.class, e -> e.path().equals("/notes.txt")).skipped()).isEqualTo("not JSON: text/plain");

        CurlRun gzipped = CurlRun.of("-i", "--compressed", url("/gz/order.json"));
        assertThat(gzipped.out()).containsIgnoringCase("Content-Encoding: gzip");
        assertThat(body(gzipped)).isEqualTo(ORDER);
        assertThat(latest(ResponseDrift.class, e -> e.path().equals("/gz/order.json")).skipped())
                .isEqualTo("Content-Encoding gzip: an encoded body is sent unchanged");

        Path got = dir.resolve("got-large.json");
        CurlRun large = CurlRun.of("-o", got.toString(), url("/large.json"));
        assertThat(large.exit()).isZero();
        assertThat(Files.mismatch(got, dir.resolve("www/large.json"))).isEqualTo(-1L);
        assertThat(latest(ResponseDrift.class, e -> e.path().equals("/large.json")).skipped())
                .startsWith("the body is larger than the 8388608 bytes a drift holds");
        assertThat(latest(UpstreamRequest.class, e -> e.path().equals("/large.json")).bytesSent())
                .isEqualTo(Files.size(got));
    }

    @Test
    void bandwidthPacesTheDependencysRealBody() throws Exception {
        phase("calm");
        CurlRun calm = CurlRun.of("-o", dir.resolve("got-calm.bin").toString(), url("/paced.bin"));
        assertThat(calm.exit()).isZero();

        phase("throttle");
        Path got = dir.resolve("got-paced.bin");
        CurlRun paced = CurlRun.of("-D", "-", "-o", got.toString(), "-w", "first=%{time_starttransfer} total=%{time_total}\n",
                url("/paced.bin"));
        assertThat(paced.exit()).isZero();
        assertThat(Files.mismatch(got, dir.resolve("www/paced.bin"))).isEqualTo(-1L);
        assertThat(paced.out()).contains("Content-Length: " + PACED);
        double first = Double.parseDouble(paced.out().replaceAll("(?s).*first=([0-9.]+).*", "$1"));
        double total = Double.parseDouble(paced.out().replaceAll("(?s).*total=([0-9.]+).*", "$1"));
        System.out.printf("bandwidth 256KB/s on a %d-byte nginx file: head after %.3f s, body in %.3f s"
                + " (%.0f KiB/s); the same file unthrottled: %d ms%n", PACED, first, total, PACED / 1024.0 / total, calm.millis());
        // 256 KiB at 256 KiB/s: due at 1.0 s after the head, never sooner; a slow shared machine may add, not subtract
        assertThat(total).isGreaterThanOrEqualTo(0.95).isLessThan(5.0);
        assertThat(first).as("the head goes out at once").isLessThan(total / 2);
        UpstreamRequest r = latest(UpstreamRequest.class, e -> e.path().equals("/paced.bin") && "bandwidth".equals(e.effect()));
        assertThat(r.bytesSent()).isEqualTo(PACED);
        assertThat(r.dependency().status()).isEqualTo(200);
    }

    @Test
    void deprecateMarksTheRealAnswerAndGoneNeverAsksTheDependency() throws Exception {
        phase("deprecate");
        CurlRun marked = CurlRun.of("-i", url("/order.json"));
        assertThat(marked.out()).startsWith("HTTP/1.1 200").contains("Deprecation: @1717200000")
                .contains("Sunset: Tue, 01 Jan 2030 00:00:00 GMT").contains("Link: </v2/orders>; rel=\"successor-version\"")
                .contains("Via: 1.1 faultline");
        assertThat(body(marked)).isEqualTo(ORDER);
        assertThat(latest(UpstreamRequest.class, e -> e.path().equals("/order.json") && "deprecate".equals(e.effect()))
                .dependency().status()).isEqualTo(200);

        CurlRun gone = CurlRun.of("-i", url("/old.json"));
        assertThat(gone.out()).startsWith("HTTP/1.1 410").contains("Sunset: Wed, 01 Jan 2025 00:00:00 GMT");
        UpstreamRequest r = latest(UpstreamRequest.class, e -> e.path().equals("/old.json"));
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.proxied()).isFalse();
        Path log = dir.resolve("logs/access.log");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains("GET /order.json"));
        assertThat(Files.readString(log)).doesNotContain("/old.json");
    }

    @Test
    void aDriftedBodyThatBreaksOffIsNeitherSentNorDriftedAndTheJournalSaysSo() throws Exception {
        // A JSON dependency that promises 1,000 bytes, sends 10 and closes: nginx will not, so a socket does.
        try (java.net.ServerSocket broken = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (var socket = broken.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        // the request head
                    }
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n{\"total\":1").getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                } catch (java.io.IOException ignored) {
                    // the test fails on what curl saw
                }
            });
            server.start();
            UpstreamSpec spec = ProxyUrls.resolve(scenario,
                    Map.of("DEPENDENCY_URL", "http://127.0.0.1:" + broken.getLocalPort())::get).get("deps");
            Journal own = new Journal(100);
            try (FakeUpstream front = FakeUpstream.start(spec, UpstreamOptions.loopback(1, own, RunClock.startingNow(), 1))) {
                front.enterPhase("drift", scenario.phase("drift").orElseThrow().faultsFor("deps"));
                CurlRun cut = CurlRun.of(front.url(0) + "/order.json");
                assertThat(cut.exit()).as("no answer: the head waited for the whole body").isNotZero();
                assertThat(cut.out()).isEmpty();
                server.join(5_000);
            }
            ResponseDrift drift = (ResponseDrift) own.snapshot().stream().filter(e -> e instanceof ResponseDrift)
                    .findFirst().orElseThrow();
            assertThat(drift.skipped()).isEqualTo("the dependency's body broke off after 10 bytes");
            UpstreamRequest r = (UpstreamRequest) own.snapshot().stream().filter(e -> e instanceof UpstreamRequest)
                    .findFirst().orElseThrow();
            assertThat(r.outcome()).isEqualTo(UpstreamRequest.Outcome.FAULTED);
            assertThat(r.bytesSent()).isZero();
            assertThat(r.dependency().failure()).startsWith("the dependency's body broke off after 0 bytes");
        }
    }

    @Test
    void anHttp2StreamResetNeverAsksTheDependencyAGracefulGoawayLetsItAnswer() throws Exception {
        h2.enterPhase("streams", scenario.phase("streams").orElseThrow().faultsFor("h2deps"));
        CurlRun reset = CurlRun.of("--http2-prior-knowledge", h2.url(0) + "/h2-reset.json");
        assertThat(reset.exit()).as("curl: HTTP/2 stream reset").isEqualTo(92);
        CurlRun graceful = CurlRun.of("--http2-prior-knowledge", h2.url(0) + "/h2-graceful.json");
        assertThat(graceful.exit()).isZero();
        assertThat(graceful.out()).as("nginx's answer after the GOAWAY").isEqualTo(ORDER);

        UpstreamRequest r = latest(UpstreamRequest.class, e -> e.path().equals("/h2-reset.json"));
        assertThat(r.effect()).isEqualTo("rst-stream:CANCEL");
        assertThat(r.proxied()).isFalse();
        assertThat(latest(UpstreamRequest.class, e -> e.path().equals("/h2-graceful.json")).dependency().status()).isEqualTo(200);
        Path log = dir.resolve("logs/access.log");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains("GET /h2-graceful.json"));
        assertThat(Files.readString(log)).doesNotContain("/h2-reset.json");
    }
}
