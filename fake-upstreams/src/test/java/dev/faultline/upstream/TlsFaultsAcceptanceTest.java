package dev.faultline.upstream;

import dev.faultline.journal.TlsHandshake;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.TlsFaultKind;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.spec.UpstreamTls;
import dev.faultline.upstream.tls.RunTls;
import dev.faultline.upstream.tls.TlsFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each {@code tls:} fault as real clients meet it: curl's exit codes (28 hang, 35 reset and old
 * version, 60 for each spoilt certificate), Python's and Node's own errors, and the journal's
 * {@code tls-handshake} event saying what the client saw.
 */
class TlsFaultsAcceptanceTest {
    @TempDir
    static Path dir;
    static RunTls tls;
    static TlsFiles files;

    @BeforeAll
    static void authority() throws Exception {
        tls = RunTls.create();
        files = tls.writeTo(dir.resolve("tls"));
    }

    private static RunningUpstream started(FaultAction.TlsFault fault) {
        UpstreamSpec spec = new UpstreamSpec("payments", 0, List.of(route(path("/charge"), 200, "charged")),
                Optional.of(UpstreamTls.SERVER_ONLY));
        RunningUpstream u = RunningUpstream.start(spec, tls);
        u.phase("broken", rule("broken/payments[0]").action(fault).build());
        return u;
    }

    private static Curl curl(RunningUpstream u, String... extra) throws Exception {
        String[] args = new String[extra.length + 3];
        System.arraycopy(extra, 0, args, 0, extra.length);
        args[extra.length] = "--cacert";
        args[extra.length + 1] = files.caFile().toString();
        args[extra.length + 2] = u.url("/charge");
        return Curl.run(args);
    }

    private static TlsHandshake handshake(RunningUpstream u) {
        await().until(() -> u.journal.inAppendOrder().stream().anyMatch(TlsHandshake.class::isInstance));
        return u.journal.inAppendOrder().stream().filter(TlsHandshake.class::isInstance).map(TlsHandshake.class::cast)
                .findFirst().orElseThrow();
    }

    @Test
    void hangKeepsCurlWaitingUntilItsOwnTimeoutExit28() throws Exception {
        try (RunningUpstream u = started(FaultAction.TlsFault.of(TlsFaultKind.HANG))) {
            Curl curl = curl(u, "--max-time", "1");
            assertThat(curl.exitCode()).as(curl.out()).isEqualTo(28);
            TlsHandshake event = handshake(u);
            assertThat(event.outcome()).isEqualTo("hung");
            assertThat(event.fault()).isEqualTo("hang");
            assertThat(event.rule()).isEqualTo("broken/payments[0]");
            // curl gave up after its 1 s; wide margins for a loaded machine.
            assertThat(event.durationNanos() / 1e9).isBetween(0.8, 5.0);
            assertThat(u.requests()).isEmpty();
        }
    }

    @Test
    void resetAfterTheClientHelloFailsCurlsHandshakeExit35() throws Exception {
        try (RunningUpstream u = started(FaultAction.TlsFault.of(TlsFaultKind.RESET))) {
            Curl curl = curl(u);
            assertThat(curl.exitCode()).as(curl.out()).isEqualTo(35);
            assertThat(curl.out()).contains("Connection reset by peer");
            assertThat(handshake(u).outcome()).isEqualTo("reset");
        }
    }

    @Test
    void eachSpoiltCertificateIsRefusedByCurlWithExit60AndItsOwnReason() throws Exception {
        Map<TlsFaultKind, String> reasons = Map.of(
                TlsFaultKind.EXPIRED_CERTIFICATE, "certificate has expired",
                TlsFaultKind.WRONG_HOST, "no alternative certificate subject name matches",
                TlsFaultKind.UNKNOWN_CA, "unable to get local issuer certificate");
        for (Map.Entry<TlsFaultKind, String> fault : reasons.entrySet()) {
            try (RunningUpstream u = started(FaultAction.TlsFault.of(fault.getKey()))) {
                Curl curl = curl(u);
                assertThat(curl.exitCode()).as(fault.getKey() + ": " + curl.out()).isEqualTo(60);
                assertThat(curl.out()).as(fault.getKey().word()).contains(fault.getValue());
                TlsHandshake event = handshake(u);
                assertThat(event.outcome()).as(fault.getKey().word() + " " + event).isEqualTo("failed");
                assertThat(event.fault()).isEqualTo(fault.getKey().word());
                assertThat(u.requests()).isEmpty();
            }
        }
    }

    @Test
    void aClientThatDoesNotVerifyAcceptsAnExpiredCertificateAndTheJournalSaysSo() throws Exception {
        try (RunningUpstream u = started(FaultAction.TlsFault.of(TlsFaultKind.EXPIRED_CERTIFICATE))) {
            Curl curl = Curl.run("--insecure", u.url("/charge"));
            assertThat(curl.exitCode()).isZero();
            assertThat(curl.out()).isEqualTo("charged");
            TlsHandshake event = handshake(u);
            assertThat(event.outcome()).isEqualTo("completed");
            assertThat(event.detail()).contains("accepted the expired-certificate certificate");
        }
    }

    @Test
    void anUpstreamSpeakingOnlyTls11FailsCurlsHandshakeExit35() throws Exception {
        try (RunningUpstream u = started(new FaultAction.TlsFault(TlsFaultKind.VERSION, "TLSv1.1"))) {
            Curl curl = curl(u);
            assertThat(curl.exitCode()).as(curl.out()).isEqualTo(35);
            assertThat(curl.out()).contains("tlsv1 alert protocol version");
            assertThat(handshake(u).detail()).contains("only TLSv1.1");
        }
    }

    @Test
    void pythonAndNodeEachFailWithTheirOwnErrorOnAnUnknownCa() throws Exception {
        try (RunningUpstream u = started(FaultAction.TlsFault.of(TlsFaultKind.UNKNOWN_CA))) {
            String py = "import ssl, sys, urllib.request\n"
                    + "try:\n"
                    + "    urllib.request.urlopen(sys.argv[1], context=ssl.create_default_context(cafile=sys.argv[2]), timeout=10)\n"
                    + "except Exception as e:\n"
                    + "    print(type(getattr(e, 'reason', e)).__name__, getattr(e, 'reason', e))\n";
            TlsUpstreamAcceptanceTest.Result python = TlsUpstreamAcceptanceTest.run(
                    List.of("/usr/bin/python3", "-c", py, u.url("/charge"), files.caFile().toString()), Map.of());
            assertThat(python.out()).startsWith("SSLCertVerificationError").contains("unable to get local issuer certificate");
            String js = "fetch(process.argv[1]).then(() => console.log('ok')).catch(e => console.log(e.cause.code))";
            TlsUpstreamAcceptanceTest.Result node = TlsUpstreamAcceptanceTest.run(List.of("node", "-e", js, u.url("/charge")),
                    Map.of("NODE_EXTRA_CA_CERTS", files.caFile().toString()));
            assertThat(node.out().strip()).isEqualTo("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
        }
    }

    @Test
    void mtlsWithoutAClientCertificateIsRefusedInTheHandshakeCurlExit56AndJournalled() throws Exception {
        UpstreamSpec spec = new UpstreamSpec("payments", 0, List.of(route(path("/charge"), 200, "charged")),
                Optional.of(UpstreamTls.MUTUAL));
        try (RunningUpstream u = RunningUpstream.start(spec, tls)) {
            Curl curl = Curl.run("--cacert", files.caFile().toString(), u.url("/charge"));
            assertThat(curl.exitCode()).as(curl.out()).isEqualTo(56);
            TlsHandshake event = handshake(u);
            assertThat(event.outcome()).isEqualTo("failed");
            assertThat(event.detail()).startsWith("mTLS handshake failed");
            assertThat(event.fault()).isNull();
        }
    }
}
