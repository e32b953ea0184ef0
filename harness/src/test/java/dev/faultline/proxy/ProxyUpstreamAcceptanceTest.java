package dev.faultline.proxy;

import dev.faultline.journal.Journal;
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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proxy upstream in front of a real nginx, driven by the real curl: bodies byte for byte both ways
 * (a 6 MB static file, a chunked response, 6 MB uploads with and without chunking, with
 * {@code Expect: 100-continue}), HEAD, 204 and 304 without bodies, keep-alive on both sides, the
 * hop-by-hop rules, {@code Via}, {@code X-Forwarded-*}, {@code Host}, a WebSocket upgrade (refused:
 * the dependency sees a plain GET), and every fault on the real traffic, each journalled with the
 * dependency's status beside what curl saw. One nginx and one upstream for all, phases switched per
 * test, so the class runs in a few seconds.
 */
class ProxyUpstreamAcceptanceTest {
    private static final int BIG = 6 * 1024 * 1024;
    private static Path dir;
    private static RealServer nginx;
    private static Journal journal;
    private static FakeUpstream upstream;
    private static FakeUpstream preserving;
    private static Scenario scenario;
    private static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("faultline-proxy-");
        nginx = RealServer.nginxServer(dir, """
                location = /echo { return 200 "host=$http_host via=$http_via xff=$http_x_forwarded_for xfp=$http_x_forwarded_proto xfh=$http_x_forwarded_host private=$http_x_private te=$http_te upgrade=$http_upgrade pauth=$http_proxy_authorization kept=$http_keep_alive requests=$connection_requests\\n"; }
                location /chunked/ { alias www/; sub_filter 'NEVER-IN-THE-FILE' 'x'; sub_filter_types *; }
                location /dav/ { dav_methods PUT; create_full_put_path on; client_max_body_size 100m; }
                location = /nocontent { return 204; }
                location = /unavailable { add_header Retry-After 3 always; return 503 "down\\n"; }
                location = /hop { add_header X-Dep-Private secret; add_header Connection X-Dep-Private; add_header Proxy-Authenticate Basic; add_header Trailer X-Sum; return 200 "hop\\n"; }
                """);
        big = new byte[BIG];
        new Random(15).nextBytes(big);
        Path www = dir.resolve("www");
        Files.write(www.resolve("big.bin"), big);
        Files.writeString(www.resolve("small.txt"), "hello\n");
        Files.createDirectories(www.resolve("dav")).toFile().setWritable(true, false);
        Files.writeString(dir.resolve("proxy.yaml"), """
                name: proxy acceptance
                upstreams:
                  deps:
                    proxy: ${env.DEPENDENCY_URL}
                    routes:
                      - match: {path: /routed}
                        respond: {status: 200, body: "from the route\\n"}
                  keeps-host:
                    proxy: ${env.DEPENDENCY_URL}
                    preserve-host: true
                phases:
                  - name: calm
                    duration: 1s
                  - name: truncate
                    duration: 1s
                    faults:
                      deps:
                        - body: {truncate-after: 1000}
                  - name: cut-after-head
                    duration: 1s
                    faults:
                      deps:
                        - body: {truncate-after: 0}
                  - name: dribble
                    duration: 1s
                    faults:
                      deps:
                        - body: {dribble: {bytes: 2, every: 100ms}}
                  - name: slow
                    duration: 1s
                    faults:
                      deps:
                        - delay: 400ms
                  - name: drop
                    duration: 1s
                    faults:
                      deps:
                        - match: {path: /small.txt}
                          connection: drop
                        - match: {path: /echo}
                          connection: reset
                  - name: answer
                    duration: 1s
                    faults:
                      deps:
                        - match: {path: /small.txt}
                          respond: {status: 503, body: "injected\\n"}
                  - name: limit
                    duration: 1s
                    faults:
                      deps:
                        - rate-limit: {limit: 1, every: 60s}
                  - name: noise
                    duration: 1s
                    faults:
                      deps:
                        - body: garbage
                  - name: mid-response
                    duration: 1s
                    faults:
                      deps:
                        - match: {path: /small.txt}
                          connection: {reset: after-headers}
                        - match: {path: /echo}
                          connection: {hang: after-headers}
                        - match: {path: /routed}
                          connection: {drop: after-headers}
                """);
        LoadOutcome outcome = new ScenarioLoader().load(dir.resolve("proxy.yaml"));
        assertThat(outcome).isInstanceOf(LoadOutcome.Loaded.class);
        scenario = ((LoadOutcome.Loaded) outcome).scenario();
        Map<String, UpstreamSpec> specs = ProxyUrls.resolve(scenario, Map.of("DEPENDENCY_URL", nginx.url())::get);
        journal = new Journal(100_000);
        UpstreamOptions options = UpstreamOptions.loopback(1, journal, RunClock.startingNow(), 15);
        upstream = FakeUpstream.start(specs.get("deps"), options);
        preserving = FakeUpstream.start(specs.get("keeps-host"), options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
        if (preserving != null) {
            preserving.close();
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

    /** The journalled exchange of the latest request matching, once it has ended. */
    private static UpstreamRequest journalled(Predicate<UpstreamRequest> which) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> journal.snapshot().stream()
                        .filter(e -> e instanceof UpstreamRequest).map(e -> (UpstreamRequest) e)
                        .filter(which).reduce((a, b) -> b).orElse(null), r -> r != null);
    }

    @Test
    void largeStaticAndChunkedBodiesArriveByteForByte() throws Exception {
        phase("calm");
        Path got = dir.resolve("got-big.bin");
        CurlRun plain = CurlRun.of("-D", "-", "-o", got.toString(), url("/big.bin"));
        assertThat(plain.exit()).isZero();
        assertThat(plain.out()).contains("Content-Length: " + BIG).contains("Via: 1.1 faultline");
        assertThat(Files.mismatch(got, dir.resolve("www/big.bin"))).isEqualTo(-1L);

        Path chunked = dir.resolve("got-chunked.bin");
        CurlRun streamed = CurlRun.of("-D", "-", "-o", chunked.toString(), url("/chunked/big.bin"));
        assertThat(streamed.exit()).isZero();
        assertThat(streamed.out()).containsIgnoringCase("Transfer-Encoding: chunked").doesNotContain("Content-Length");
        assertThat(Files.mismatch(chunked, dir.resolve("www/big.bin"))).isEqualTo(-1L);

        UpstreamRequest r = journalled(e -> e.path().equals("/chunked/big.bin"));
        assertThat(r.effect()).isEqualTo("proxy");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bytesSent()).isEqualTo(BIG);
        assertThat(r.dependency().status()).isEqualTo(200);
        assertThat(r.dependency().nanos()).isPositive();
        assertThat(r.dependency().failure()).isNull();
    }

    @Test
    void uploadsStreamToTheDependencyWithExpectContinueChunkedOrNot() throws Exception {
        phase("calm");
        Path file = dir.resolve("www/big.bin");
        CurlRun sized = CurlRun.of("-v", "-H", "Expect: 100-continue", "-T", file.toString(), url("/dav/sized.bin"));
        assertThat(sized.exit()).isZero();
        assertThat(sized.err()).contains("HTTP/1.1 100").contains("HTTP/1.1 201");
        assertThat(Files.mismatch(dir.resolve("www/dav/sized.bin"), file)).isEqualTo(-1L);

        CurlRun chunked = CurlRun.of("-v", "-H", "Transfer-Encoding: chunked", "-H", "Expect: 100-continue",
                "-T", file.toString(), url("/dav/chunked.bin"));
        assertThat(chunked.exit()).isZero();
        assertThat(chunked.err()).contains("HTTP/1.1 100").contains("HTTP/1.1 201");
        assertThat(Files.mismatch(dir.resolve("www/dav/chunked.bin"), file)).isEqualTo(-1L);
    }

    @Test
    void headNoContentAndNotModifiedCarryNoBody() throws Exception {
        phase("calm");
        CurlRun head = CurlRun.of("-I", url("/big.bin"));
        assertThat(head.exit()).isZero();
        assertThat(head.out()).startsWith("HTTP/1.1 200").contains("Content-Length: " + BIG);
        String etag = head.out().lines().filter(l -> l.startsWith("ETag:")).findFirst().orElseThrow().substring(6).trim();

        CurlRun notModified = CurlRun.of("-i", "-H", "If-None-Match: " + etag, url("/big.bin"));
        assertThat(notModified.exit()).isZero();
        assertThat(notModified.out()).startsWith("HTTP/1.1 304").endsWith("\r\n\r\n");

        CurlRun noContent = CurlRun.of("-i", url("/nocontent"));
        assertThat(noContent.exit()).isZero();
        assertThat(noContent.out()).startsWith("HTTP/1.1 204").endsWith("\r\n\r\n").doesNotContain("Content-Length");
        assertThat(journalled(e -> e.path().equals("/nocontent")).dependency().status()).isEqualTo(204);
    }

    @Test
    void connectionsAreKeptAliveOnBothSides() throws Exception {
        phase("calm");
        CurlRun twice = CurlRun.of("-v", url("/echo"), url("/echo"));
        assertThat(twice.exit()).isZero();
        assertThat(twice.err()).contains("Re-using existing connection");
        // nginx counts the requests on its connection: the proxy's pooled connection carried both
        List<String> answers = twice.out().lines().toList();
        assertThat(answers).hasSize(2);
        int first = requestsOnConnection(answers.get(0));
        assertThat(requestsOnConnection(answers.get(1))).isGreaterThan(first);
    }

    private static int requestsOnConnection(String echo) {
        return Integer.parseInt(echo.substring(echo.indexOf("requests=") + "requests=".length()).trim());
    }

    @Test
    void hopByHopFieldsStayBehindAndForwardingFieldsAreAdded() throws Exception {
        phase("calm");
        CurlRun echo = CurlRun.of("-H", "Connection: X-Private", "-H", "X-Private: mine", "-H", "TE: trailers",
                "-H", "Keep-Alive: timeout=9", "-H", "Proxy-Authorization: Basic Zm9vOmJhcg==",
                "-H", "X-Forwarded-For: 10.0.0.7", url("/echo"));
        assertThat(echo.exit()).isZero();
        String host = "127.0.0.1:" + upstream.ports().get(0);
        assertThat(echo.out()).contains("host=" + nginx.url().substring("http://".length()) + " ")
                .contains("via=1.1 faultline ").contains("xff=10.0.0.7, 127.0.0.1 ").contains("xfp=http ")
                .contains("xfh=" + host + " ").contains("private= ").contains("te= ").contains("upgrade= ")
                .contains("pauth= ").contains("kept= ");

        CurlRun kept = CurlRun.of(preserving.url(0) + "/echo");
        assertThat(kept.out()).contains("host=127.0.0.1:" + preserving.ports().get(0) + " ");

        CurlRun hop = CurlRun.of("-i", url("/hop"));
        assertThat(hop.out()).contains("hop").doesNotContainIgnoringCase("X-Dep-Private")
                .doesNotContainIgnoringCase("Proxy-Authenticate").doesNotContainIgnoringCase("Trailer:");
    }

    @Test
    void aWebSocketUpgradeIsRefusedTheDependencySeesAPlainGet() throws Exception {
        phase("calm");
        CurlRun upgrade = CurlRun.of("-i", "-H", "Connection: Upgrade", "-H", "Upgrade: websocket",
                "-H", "Sec-WebSocket-Version: 13", "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", url("/echo"));
        assertThat(upgrade.exit()).isZero();
        // Not "101" alone: the echoed Host can carry a port such as 43101.
        assertThat(upgrade.out()).startsWith("HTTP/1.1 200").doesNotContain("101 Switching").contains("upgrade= ")
                .doesNotContainIgnoringCase("Upgrade: websocket");
    }

    @Test
    void routesStillAnswerAndTheDependencysFailuresAreJournalledAsItsOwn() throws Exception {
        phase("calm");
        CurlRun routed = CurlRun.of(url("/routed"));
        assertThat(routed.out()).isEqualTo("from the route\n");
        assertThat(journalled(e -> e.path().equals("/routed")).proxied()).isFalse();

        CurlRun unavailable = CurlRun.of("-i", url("/unavailable"));
        assertThat(unavailable.out()).startsWith("HTTP/1.1 503").contains("Retry-After: 3");
        UpstreamRequest r = journalled(e -> e.path().equals("/unavailable"));
        assertThat(r.rule()).isNull();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.retryAfter()).isEqualTo("3");
        assertThat(r.dependency().status()).isEqualTo(503);
        assertThat(r.faultedOrDependencyFailed()).isTrue();
    }

    @Test
    void anUnreachableDependencyGivesTheProxysOwn502() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        UpstreamSpec spec = ProxyUrls.resolve(scenario, Map.of("DEPENDENCY_URL", "http://127.0.0.1:" + closed)::get).get("deps");
        Journal own = new Journal(100);
        try (FakeUpstream nowhere = FakeUpstream.start(spec, UpstreamOptions.loopback(1, own, RunClock.startingNow(), 1))) {
            CurlRun answer = CurlRun.of("-i", nowhere.url(0) + "/small.txt");
            assertThat(answer.out()).startsWith("HTTP/1.1 502").contains("could not get an answer from its dependency");
        }
        UpstreamRequest r = (UpstreamRequest) own.snapshot().stream().filter(e -> e instanceof UpstreamRequest).findFirst().orElseThrow();
        assertThat(r.effect()).isEqualTo("proxy-error");
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.dependency().status()).isZero();
        assertThat(r.dependency().failure()).containsIgnoringCase("refused");
        assertThat(r.faultedOrDependencyFailed()).isTrue();
    }

    @Test
    void bodyFaultsShapeTheRealBody() throws Exception {
        phase("truncate");
        Path got = dir.resolve("got-truncated.bin");
        CurlRun truncated = CurlRun.of("-o", got.toString(), url("/big.bin"));
        assertThat(truncated.exit()).isEqualTo(18);
        assertThat(Files.size(got)).isEqualTo(1000);
        assertThat(Files.mismatch(got, dir.resolve("www/big.bin"))).isEqualTo(1000L);
        CurlRun shortBody = CurlRun.of(url("/small.txt"));
        assertThat(shortBody.exit()).as("a body shorter than truncate-after still ends early").isEqualTo(18);
        CurlRun chunked = CurlRun.of("-o", got.toString(), url("/chunked/big.bin"));
        assertThat(chunked.exit()).isEqualTo(18);
        assertThat(Files.size(got)).isEqualTo(1000);
        UpstreamRequest r = journalled(e -> e.path().equals("/chunked/big.bin") && "truncate".equals(e.effect()));
        assertThat(r.outcome()).isEqualTo(UpstreamRequest.Outcome.FAULTED);
        assertThat(r.bytesSent()).isEqualTo(1000);
        assertThat(r.dependency().status()).isEqualTo(200);

        phase("cut-after-head");
        CurlRun cut = CurlRun.of("-D", "-", "-o", got.toString(), url("/big.bin"));
        assertThat(cut.exit()).isEqualTo(18);
        assertThat(cut.out()).startsWith("HTTP/1.1 200").contains("Content-Length: " + BIG);

        phase("dribble");
        CurlRun dribbled = CurlRun.of(url("/small.txt"));
        assertThat(dribbled.out()).isEqualTo("hello\n");
        assertThat(dribbled.millis()).as("6 bytes, 2 every 100 ms").isGreaterThanOrEqualTo(280);
        assertThat(journalled(e -> "dribble".equals(e.effect())).outcome()).isEqualTo(UpstreamRequest.Outcome.COMPLETED);
    }

    @Test
    void connectionFaultsMidResponseComeAfterTheRealHead() throws Exception {
        phase("mid-response");
        CurlRun reset = CurlRun.of("-i", url("/small.txt"));
        assertThat(reset.exit()).as("connection reset after the head").isEqualTo(56);
        assertThat(reset.out()).startsWith("HTTP/1.1 200").contains("Server: nginx").contains("Content-Length: 6")
                .doesNotContain("hello");
        UpstreamRequest r = journalled(e -> "reset-after-headers".equals(e.effect()));
        assertThat(r.outcome()).isEqualTo(UpstreamRequest.Outcome.FAULTED);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.dependency().status()).isEqualTo(200);

        CurlRun hang = CurlRun.of("-i", "-m", "1", url("/echo"));
        assertThat(hang.exit()).as("timed out waiting for the body").isEqualTo(28);
        assertThat(hang.out()).startsWith("HTTP/1.1 200").contains("Server: nginx").doesNotContain("host=");
        UpstreamRequest hung = journalled(e -> "hang-after-headers".equals(e.effect()));
        assertThat(hung.outcome()).isEqualTo(UpstreamRequest.Outcome.CLIENT_GONE);
        assertThat(hung.status()).isEqualTo(200);

        CurlRun dropped = CurlRun.of("-i", url("/routed"));
        assertThat(dropped.exit()).as("the route's head, then FIN: a partial body").isEqualTo(18);
        assertThat(dropped.out()).startsWith("HTTP/1.1 200").contains("Content-Length: 15").doesNotContain("from the route");
        UpstreamRequest routed = journalled(e -> "drop-after-headers".equals(e.effect()));
        assertThat(routed.proxied()).isFalse();
        assertThat(routed.outcome()).isEqualTo(UpstreamRequest.Outcome.FAULTED);
    }

    @Test
    void aDependencyWhoseBodyBreaksOffIsJournalledAsItsFailure() throws Exception {
        // A dependency that promises 1,000 bytes, sends 10 and closes: nginx will not, so a socket does.
        try (ServerSocket broken = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (var socket = broken.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        // the request head
                    }
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the test fails on what curl saw
                }
            });
            server.start();
            UpstreamSpec spec = ProxyUrls.resolve(scenario,
                    Map.of("DEPENDENCY_URL", "http://127.0.0.1:" + broken.getLocalPort())::get).get("deps");
            Journal own = new Journal(100);
            try (FakeUpstream front = FakeUpstream.start(spec, UpstreamOptions.loopback(1, own, RunClock.startingNow(), 1))) {
                CurlRun cut = CurlRun.of(front.url(0) + "/anything");
                assertThat(cut.exit()).as("a partial body").isEqualTo(18);
                assertThat(cut.out()).isEqualTo("0123456789");
                server.join(5_000);
            }
            UpstreamRequest r = (UpstreamRequest) own.snapshot().stream().filter(e -> e instanceof UpstreamRequest)
                    .findFirst().orElseThrow();
            assertThat(r.outcome()).isEqualTo(UpstreamRequest.Outcome.FAULTED);
            assertThat(r.bytesSent()).isEqualTo(10);
            assertThat(r.dependency().status()).isEqualTo(200);
            assertThat(r.dependency().failure()).startsWith("the dependency's body broke off after 10 bytes");
            assertThat(r.faultedOrDependencyFailed()).isTrue();
        }
    }

    @Test
    void aClientThatGivesUpOnASlowDependencyIsJournalledAsGoneNotAsA502() throws Exception {
        try (ServerSocket slow = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (var socket = slow.accept()) {
                    Thread.sleep(1_000);
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (IOException | InterruptedException ignored) {
                    // the test fails on the journal
                }
            });
            server.start();
            UpstreamSpec spec = ProxyUrls.resolve(scenario,
                    Map.of("DEPENDENCY_URL", "http://127.0.0.1:" + slow.getLocalPort())::get).get("deps");
            Journal own = new Journal(100);
            try (FakeUpstream front = FakeUpstream.start(spec, UpstreamOptions.loopback(1, own, RunClock.startingNow(), 1))) {
                assertThat(CurlRun.of("-m", "0.3", front.url(0) + "/slow").exit()).isEqualTo(28);
                server.join(5_000);
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !own.snapshot().isEmpty());
            }
            UpstreamRequest r = (UpstreamRequest) own.snapshot().stream().filter(e -> e instanceof UpstreamRequest)
                    .findFirst().orElseThrow();
            assertThat(r.outcome()).isEqualTo(UpstreamRequest.Outcome.CLIENT_GONE);
            assertThat(r.effect()).isEqualTo("proxy");
        }
    }

    @Test
    void aClientLeavingMidBodyIsJournalledAsGone() throws Exception {
        phase("dribble");
        CurlRun impatient = CurlRun.of("-m", "1", "-o", "/dev/null", url("/big.bin"));
        assertThat(impatient.exit()).isEqualTo(28);
        UpstreamRequest r = journalled(e -> "dribble".equals(e.effect()) && e.path().equals("/big.bin"));
        assertThat(r.outcome()).isEqualTo(UpstreamRequest.Outcome.CLIENT_GONE);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bytesSent()).isBetween(2L, 40L);
        assertThat(r.dependency().status()).isEqualTo(200);
    }

    @Test
    void garbageComesUnderTheDependencysOwnHead() throws Exception {
        phase("noise");
        CurlRun noise = CurlRun.of("-i", url("/small.txt"));
        assertThat(noise.exit()).as("curl: malformed chunked encoding").isEqualTo(56);
        assertThat(noise.out()).startsWith("HTTP/1.1 200").contains("Server: nginx").contains("Transfer-Encoding: chunked");
        UpstreamRequest r = journalled(e -> "garbage".equals(e.effect()));
        assertThat(r.outcome()).isEqualTo(UpstreamRequest.Outcome.FAULTED);
        assertThat(r.dependency().status()).isEqualTo(200);
    }

    @Test
    void nginxAsTheTargetInFrontOfTheProxyGetsTheBodiesWhole() throws Exception {
        phase("calm");
        Path front = Files.createTempDirectory("faultline-proxy-front-");
        try (RealServer target = RealServer.nginxServer(front, """
                location / { proxy_pass %s; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
                """.formatted(upstream.url(0)))) {
            Path got = dir.resolve("got-through-nginx.bin");
            assertThat(CurlRun.of("-o", got.toString(), target.url() + "/chunked/big.bin").exit()).isZero();
            assertThat(Files.mismatch(got, dir.resolve("www/big.bin"))).isEqualTo(-1L);
            CurlRun echo = CurlRun.of(target.url() + "/echo");
            assertThat(echo.out()).contains("via=1.1 faultline ");
        } finally {
            try (var files = Files.walk(front)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void connectionRespondDelayAndRateLimitFaultsApplyToProxiedRequests() throws Exception {
        phase("slow");
        CurlRun slow = CurlRun.of(url("/small.txt"));
        assertThat(slow.out()).isEqualTo("hello\n");
        assertThat(slow.millis()).isGreaterThanOrEqualTo(390);
        UpstreamRequest delayed = journalled(e -> "delay".equals(e.effect()));
        assertThat(delayed.delayAchievedNanos()).isGreaterThanOrEqualTo(400_000_000L);
        assertThat(delayed.dependency().status()).isEqualTo(200);

        phase("drop");
        assertThat(CurlRun.of(url("/small.txt")).exit()).isEqualTo(52);
        assertThat(CurlRun.of(url("/echo")).exit()).isEqualTo(56);
        assertThat(journalled(e -> "drop".equals(e.effect())).proxied()).as("a dropped request never reached the dependency").isFalse();

        phase("answer");
        assertThat(CurlRun.of("-i", url("/small.txt")).out()).startsWith("HTTP/1.1 503").endsWith("injected\n");
        assertThat(CurlRun.of(url("/echo")).out()).startsWith("host=");

        phase("limit");
        assertThat(CurlRun.of("-o", "/dev/null", "-w", "%{http_code}", url("/small.txt")).out()).isEqualTo("200");
        assertThat(CurlRun.of("-o", "/dev/null", "-w", "%{http_code}", url("/small.txt")).out()).isEqualTo("429");
    }
}
