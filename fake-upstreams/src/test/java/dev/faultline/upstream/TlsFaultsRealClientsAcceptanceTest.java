package dev.faultline.upstream;

import dev.faultline.journal.TlsHandshake;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.TlsFaultKind;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.spec.UpstreamTls;
import dev.faultline.upstream.tls.RunTls;
import dev.faultline.upstream.tls.TlsFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each {@code tls:} fault, and an mTLS upstream met without a client certificate, as four real clients
 * besides curl meet them: urllib3 1.x (the system Python's), urllib3 2 (a venv, at
 * {@code FAULTLINE_URLLIB3_2_PYTHON}, default {@code /opt/faultline-ci/py-urllib3-2/bin/python}), Node's
 * built-in {@code fetch}, and the JDK's {@code java.net.http.HttpClient} in this JVM. Each client must
 * fail every fault, each with an error of its own (class and code, not the wording around them), and
 * none may reach the route. One upstream per fault; the clients call them all at once, so the whole
 * class costs about the hang's 1 s timeout plus the clients' start-up.
 */
class TlsFaultsRealClientsAcceptanceTest {
    private static final String URLLIB3_2_PYTHON = env("FAULTLINE_URLLIB3_2_PYTHON", "/opt/faultline-ci/py-urllib3-2/bin/python");
    private static final String CLIENTS = "src/test/resources/tls-clients/";
    private static final String MTLS = "mtls-without-client-certificate";
    /**
     * The alert the mTLS upstream (JSSE, in this JVM) sends a client without a certificate: bad_certificate on
     * JDK 17, TLS 1.3's certificate_required on JDK 25 (measured on those two).
     */
    private static final boolean CERTIFICATE_REQUIRED_ALERT = Runtime.version().feature() >= 25;

    @TempDir
    static Path dir;
    private static final Map<String, RunningUpstream> UPSTREAMS = new LinkedHashMap<>();
    private static Map<String, String> urllib3v1;
    private static Map<String, String> urllib3v2;
    private static Map<String, String> fetch;
    private static Map<String, String> jdk;

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @BeforeAll
    static void everyClientMeetsEveryFault() throws Exception {
        RunTls tls = RunTls.create();
        TlsFiles files = tls.writeTo(dir.resolve("tls"));
        faulted(tls, "hang", FaultAction.TlsFault.of(TlsFaultKind.HANG));
        faulted(tls, "reset", FaultAction.TlsFault.of(TlsFaultKind.RESET));
        faulted(tls, "expired-certificate", FaultAction.TlsFault.of(TlsFaultKind.EXPIRED_CERTIFICATE));
        faulted(tls, "wrong-host", FaultAction.TlsFault.of(TlsFaultKind.WRONG_HOST));
        faulted(tls, "unknown-ca", FaultAction.TlsFault.of(TlsFaultKind.UNKNOWN_CA));
        faulted(tls, "version", new FaultAction.TlsFault(TlsFaultKind.VERSION, "TLSv1.1"));
        UPSTREAMS.put(MTLS, RunningUpstream.start(new UpstreamSpec("payments", 0,
                List.of(route(path("/charge"), 200, "charged")), Optional.of(UpstreamTls.MUTUAL)), tls));

        List<String> targets = new ArrayList<>();
        UPSTREAMS.forEach((name, u) -> targets.add(name + "=" + u.url("/charge")));
        String ca = files.caFile().toString();
        Process py1 = start("urllib3-1", concat(List.of("/usr/bin/python3", CLIENTS + "urllib3_tls_faults.py", ca), targets), Map.of());
        Process py2 = Files.isExecutable(Path.of(URLLIB3_2_PYTHON))
                ? start("urllib3-2", concat(List.of(URLLIB3_2_PYTHON, CLIENTS + "urllib3_tls_faults.py", ca), targets), Map.of())
                : null;
        Process node = start("fetch", concat(List.of("node", CLIENTS + "fetch_tls_faults.js"), targets),
                Map.of("NODE_EXTRA_CA_CERTS", ca));
        jdk = jdkClient(files);
        urllib3v1 = lines("urllib3-1", py1);
        urllib3v2 = py2 == null ? null : lines("urllib3-2", py2);
        fetch = lines("fetch", node);
    }

    @AfterAll
    static void stop() {
        UPSTREAMS.values().forEach(RunningUpstream::close);
    }

    @Test
    void urllib3OneFailsEveryFaultWithItsOwnError() {
        assertThat(urllib3v1.get("client")).startsWith("urllib3 1.");
        assertEachFaultHasItsOwnError("urllib3 1", urllib3v1, urllib3Errors(
                List.of("urllib3.exceptions.SSLError", "CertificateError", "doesn't match 'wrong-host.invalid'")));
    }

    @Test
    void urllib3TwoFailsEveryFaultWithItsOwnError() {
        assumeTrue(urllib3v2 != null, "urllib3 2 needs a venv at " + URLLIB3_2_PYTHON + " (FAULTLINE_URLLIB3_2_PYTHON); .ci/run makes it");
        assertThat(urllib3v2.get("client")).startsWith("urllib3 2.");
        // urllib3 2 leaves the host name to OpenSSL, so a wrong host fails verification like a bad chain.
        assertEachFaultHasItsOwnError("urllib3 2", urllib3v2, urllib3Errors(
                List.of("urllib3.exceptions.SSLError", "ssl.SSLCertVerificationError", "IP address mismatch")));
    }

    private static Map<String, List<String>> urllib3Errors(List<String> wrongHost) {
        return Map.of(
                // The handshake runs under the read timeout in both versions.
                "hang", List.of("urllib3.exceptions.ReadTimeoutError", "handshake operation timed out"),
                "reset", List.of("urllib3.exceptions.ProtocolError", "ConnectionResetError"),
                "expired-certificate", List.of("urllib3.exceptions.SSLError", "ssl.SSLCertVerificationError", "certificate has expired"),
                "wrong-host", wrongHost,
                "unknown-ca", List.of("urllib3.exceptions.SSLError", "ssl.SSLCertVerificationError", "unable to get local issuer certificate"),
                "version", List.of("urllib3.exceptions.SSLError", "TLSV1_ALERT_PROTOCOL_VERSION"),
                MTLS, List.of("urllib3.exceptions.SSLError",
                        CERTIFICATE_REQUIRED_ALERT ? "TLSV13_ALERT_CERTIFICATE_REQUIRED" : "SSLV3_ALERT_BAD_CERTIFICATE"));
    }

    @Test
    void nodeFetchFailsEveryFaultWithItsOwnCode() {
        assertThat(fetch.get("client")).startsWith("node v");
        assertEachFaultHasItsOwnError("node fetch", fetch, Map.of(
                "hang", List.of("TimeoutError: The operation was aborted due to timeout"),
                "reset", List.of("TypeError: fetch failed <- ECONNRESET"),
                "expired-certificate", List.of("TypeError: fetch failed <- CERT_HAS_EXPIRED"),
                "wrong-host", List.of("TypeError: fetch failed <- ERR_TLS_CERT_ALTNAME_INVALID"),
                "unknown-ca", List.of("TypeError: fetch failed <- UNABLE_TO_VERIFY_LEAF_SIGNATURE"),
                "version", List.of("TypeError: fetch failed <- ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION"),
                MTLS, List.of("TypeError: fetch failed <- UND_ERR_SOCKET")));
    }

    @Test
    void theJdkHttpClientFailsEveryFaultWithItsOwnException() {
        assertEachFaultHasItsOwnError("JDK HttpClient", jdk, Map.of(
                // JDK 17's connect timeout covers the handshake.
                "hang", List.of("java.net.http.HttpConnectTimeoutException"),
                "reset", List.of("javax.net.ssl.SSLHandshakeException", "java.net.SocketException: Connection reset"),
                "expired-certificate", List.of("javax.net.ssl.SSLHandshakeException", "java.security.cert.CertificateExpiredException"),
                "wrong-host", List.of("javax.net.ssl.SSLHandshakeException", "java.security.cert.CertificateException: No subject alternative names"),
                "unknown-ca", List.of("javax.net.ssl.SSLHandshakeException", "SunCertPathBuilderException"),
                "version", List.of("javax.net.ssl.SSLHandshakeException", "Received fatal alert: protocol_version"),
                MTLS, List.of("javax.net.ssl.SSLHandshakeException",
                        "Received fatal alert: " + (CERTIFICATE_REQUIRED_ALERT ? "certificate_required" : "bad_certificate"))));
    }

    @Test
    void noClientReachedTheRouteAndEveryHandshakeWasJournalled() {
        int clients = urllib3v2 == null ? 3 : 4;
        UPSTREAMS.forEach((name, u) -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> u.events(TlsHandshake.class).size() >= clients);
            assertThat(u.requests()).as(name).isEmpty();
            assertThat(u.events(TlsHandshake.class)).as(name).extracting(TlsHandshake::outcome)
                    .allMatch(outcome -> !outcome.equals("completed"));
        });
        assertThat(UPSTREAMS.get("hang").events(TlsHandshake.class)).extracting(TlsHandshake::outcome).containsOnly("hung");
    }

    /**
     * Each fault's line holds all of its fragments, in order, and no other fault's line holds them all:
     * the client tells every fault apart.
     */
    private static void assertEachFaultHasItsOwnError(String client, Map<String, String> lines, Map<String, List<String>> expected) {
        for (String fault : UPSTREAMS.keySet()) {
            String line = lines.get(fault);
            assertThat(line).as(client + " on " + fault + " (all it printed: " + lines + ")").isNotNull()
                    .containsSubsequence(expected.get(fault));
            lines.forEach((other, otherLine) -> {
                if (!other.equals(fault) && !other.equals("client")) {
                    assertThat(containsAll(otherLine, expected.get(fault)))
                            .as(client + ": " + other + " should not look like " + fault + ": " + otherLine).isFalse();
                }
            });
        }
    }

    private static boolean containsAll(String line, List<String> fragments) {
        return fragments.stream().allMatch(line::contains);
    }

    private static void faulted(RunTls tls, String name, FaultAction.TlsFault fault) {
        UpstreamSpec spec = new UpstreamSpec("payments", 0, List.of(route(path("/charge"), 200, "charged")),
                Optional.of(UpstreamTls.SERVER_ONLY));
        RunningUpstream u = RunningUpstream.start(spec, tls);
        u.phase("broken", rule("broken/" + name + "[0]").action(fault).build());
        UPSTREAMS.put(name, u);
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    private static Process start(String name, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The client's lines by fault ({@code client} for its first line, which names it and its version). */
    private static Map<String, String> lines(String name, Process process) throws Exception {
        boolean ended = process.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String out = Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        assertThat(ended).as(name + " did not end in 20 s: " + out).isTrue();
        Map<String, String> byFault = new LinkedHashMap<>();
        String[] all = out.split("\n");
        byFault.put("client", all[0]);
        for (String line : all) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                byFault.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        System.out.println(name + ":\n" + out);
        return byFault;
    }

    /** One call per upstream, all at once; each fails with its exception chain, outermost first. */
    private static Map<String, String> jdkClient(TlsFiles files) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(files.truststore())) {
            trust.load(in, files.truststorePassword().toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        Map<String, CompletableFuture<String>> calls = new LinkedHashMap<>();
        UPSTREAMS.forEach((name, u) -> {
            // A short connect timeout for the hang; a long one elsewhere, so a slow first handshake is not a timeout.
            Duration connect = Duration.ofSeconds(name.equals("hang") ? 1 : 10);
            HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(connect).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(u.url("/charge"))).timeout(Duration.ofSeconds(10)).build();
            calls.put(name, client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, e) -> e == null ? "ok " + response.statusCode() : chain(e)));
        });
        Map<String, String> byFault = new LinkedHashMap<>();
        byFault.put("client", "java " + Runtime.version());
        for (Map.Entry<String, CompletableFuture<String>> call : calls.entrySet()) {
            byFault.put(call.getKey(), call.getValue().get(15, TimeUnit.SECONDS));
        }
        StringBuilder out = new StringBuilder();
        byFault.forEach((k, v) -> out.append(k).append('\t').append(v).append('\n'));
        System.out.println("jdk:\n" + out);
        return byFault;
    }

    private static String chain(Throwable e) {
        List<String> parts = new ArrayList<>();
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        for (; t != null && parts.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            parts.add(t.getClass().getName() + ": " + t.getMessage());
        }
        return String.join(" <- ", parts);
    }
}
