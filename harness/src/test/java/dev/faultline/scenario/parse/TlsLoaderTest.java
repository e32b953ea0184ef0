package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.TlsFaultKind;
import dev.faultline.upstream.spec.UpstreamTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code upstreams.NAME.tls} and the {@code ${ca.*}} references it makes available to the target. */
class TlsLoaderTest {
    @TempDir
    Path dir;

    private ScenarioFiles files() {
        return new ScenarioFiles(dir);
    }

    private static String scenario(String upstream, String target) {
        return "name: t\nupstreams:\n  payments:\n" + upstream + target + ScenarioFiles.ONE_PHASE;
    }

    private Optional<UpstreamTls> tls(String line) {
        return files().loaded(scenario(line, "")).upstreams().get("payments").tls();
    }

    @Test
    void tlsTrueIsServerOnlyAMappingAsksForClientCertificatesAndFalseOrAbsentIsCleartext() {
        assertThat(tls("    tls: true\n")).contains(UpstreamTls.SERVER_ONLY);
        assertThat(tls("    tls: {client-auth: required}\n")).contains(UpstreamTls.MUTUAL);
        assertThat(tls("    tls: {client-auth: none}\n")).contains(UpstreamTls.SERVER_ONLY);
        assertThat(tls("    tls: false\n")).isEmpty();
        assertThat(tls("    port: 0\n")).isEmpty();
    }

    @Test
    void aWrongTlsValueNamesItsPlaceAndWhatIsExpected() {
        assertThat(files().errors(scenario("    tls: yes please\n", ""))).containsExactly(
                "4:10: upstreams.payments.tls: expected true, false, or {client-auth: required} but found \"yes please\"");
        assertThat(files().errors(scenario("    tls: {client-auth: optional}\n", ""))).containsExactly(
                "4:24: upstreams.payments.tls.client-auth: \"optional\" is not a client-auth policy (expected one of:"
                        + " required, none)");
    }

    @Test
    void caReferencesAreKnownWhenAnUpstreamSpeaksTls() {
        String target = "target:\n  run: [curl, --cacert, '${ca.file}', --cert, '${ca.client-cert}', --key, '${ca.client-key}',"
                + " '${upstreams.payments.url}']\n  env: {JAVA_TRUST: '${ca.truststore}', PW: '${ca.truststore-password}',"
                + " KS: '${ca.client-keystore}'}\n";
        assertThat(files().loaded(scenario("    tls: {client-auth: required}\n", target)).target()).isPresent();
    }

    @Test
    void caReferencesWithoutATlsUpstreamOrMisspeltAreErrorsThatSayHowToFix() {
        String target = "target:\n  run: [curl, --cacert, '${ca.file}', '${ca.pem}']\n";
        assertThat(files().errors(scenario("    port: 0\n", target))).containsExactly(
                "6:25: target.run[2]: ${ca.file} names the run's certificate authority, which exists only when an upstream"
                        + " speaks TLS (add tls: true to the upstream the target calls)",
                "6:39: target.run[3]: ${ca.pem} is not a known reference (expected one of ca.file, ca.truststore,"
                        + " ca.truststore-password, ca.client-cert, ca.client-key, ca.client-keystore)");
    }

    private static String faults(String upstream, String rule) {
        return "name: t\nupstreams:\n  payments:\n" + upstream
                + "phases:\n  - name: broken\n    duration: 1s\n    faults:\n      payments:\n" + rule;
    }

    private FaultAction action(String rule) {
        return files().loaded(faults("    tls: true\n", rule)).phases().get(0).faults().get("payments").get(0).action();
    }

    @Test
    void tlsFaultsLoadAsOneActionEach() {
        assertThat(action("        - tls: hang\n")).isEqualTo(FaultAction.TlsFault.of(TlsFaultKind.HANG));
        assertThat(action("        - tls: reset\n")).isEqualTo(FaultAction.TlsFault.of(TlsFaultKind.RESET));
        assertThat(action("        - tls: expired-certificate\n")).isEqualTo(FaultAction.TlsFault.of(TlsFaultKind.EXPIRED_CERTIFICATE));
        assertThat(action("        - tls: wrong-host\n")).isEqualTo(FaultAction.TlsFault.of(TlsFaultKind.WRONG_HOST));
        assertThat(action("        - tls: unknown-ca\n")).isEqualTo(FaultAction.TlsFault.of(TlsFaultKind.UNKNOWN_CA));
        assertThat(action("        - tls: {version: TLSv1.1}\n"))
                .isEqualTo(new FaultAction.TlsFault(TlsFaultKind.VERSION, "TLSv1.1"));
        assertThat(action("        - tls: hang\n").effect()).isEqualTo("tls-hang");
    }

    @Test
    void tlsFaultErrorsSayWhatIsExpected() {
        assertThat(files().errors(faults("    tls: true\n", "        - tls: slow\n"))).containsExactly(
                "10:16: phases[0].faults.payments[0].tls: expected a TLS fault (hang, reset, expired-certificate,"
                        + " wrong-host, unknown-ca or {version: TLSv1.1}) but found \"slow\"");
        assertThat(files().errors(faults("    tls: true\n", "        - tls: {version: SSLv3}\n"))).containsExactly(
                "10:26: phases[0].faults.payments[0].tls.version: \"SSLv3\" is not an old TLS version (expected one of:"
                        + " TLSv1, TLSv1.1)");
        assertThat(files().errors(faults("    tls: true\n", "        - tls: reset\n          match: {path: /x}\n")))
                .containsExactly("11:11: phases[0].faults.payments[0].match: tls takes no match (it spoils every new"
                        + " connection's handshake, before any request exists; remove match)");
        assertThat(files().errors(faults("    port: 0\n", "        - tls: reset\n"))).containsExactly(
                "10:11: phases[0].faults.payments[0].tls: upstream payments speaks cleartext HTTP, so it has no TLS"
                        + " handshake to spoil (add tls: true to upstream payments)");
    }

    @Test
    void http2IsABooleanOfTheUpstream() {
        assertThat(files().loaded(scenario("    http2: true\n    tls: true\n", "")).upstreams().get("payments").http2()).isTrue();
        assertThat(files().loaded(scenario("    port: 0\n", "")).upstreams().get("payments").http2()).isFalse();
        assertThat(files().errors(scenario("    http2: h2c\n", ""))).containsExactly(
                "4:12: upstreams.payments.http2: expected true or false but found \"h2c\"");
    }
}
