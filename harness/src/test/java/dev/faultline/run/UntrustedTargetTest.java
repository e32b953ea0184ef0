package dev.faultline.run;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.ProbeResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UntrustedTargetTest {
    private static final String PKIX = "SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath"
            + ".SunCertPathBuilderException: unable to find valid certification path to requested target";

    private static LoadResult load(CallOutcome outcome, int status, String error) {
        return new LoadResult(1, 1, 2, 0, null, "GET", "/", "id", status, outcome, error);
    }

    @Test
    void certificateAndHostNameRejectionsAreRecognised() {
        assertThat(UntrustedTarget.certificateRejected(PKIX)).isTrue();
        assertThat(UntrustedTarget.certificateRejected("SSLPeerUnverifiedException: Hostname 127.0.0.1 not verified")).isTrue();
        assertThat(UntrustedTarget.certificateRejected("SSLHandshakeException: No subject alternative names matching IP"
                + " address 127.0.0.1 found")).isTrue();
    }

    @Test
    void otherFailuresAreTheTargetsOwn() {
        assertThat(UntrustedTarget.certificateRejected("SSLHandshakeException: Remote host terminated the handshake")).isFalse();
        assertThat(UntrustedTarget.certificateRejected("SocketTimeoutException: timeout")).isFalse();
        assertThat(UntrustedTarget.certificateRejected("no complete response within 2000 ms")).isFalse();
    }

    @Test
    void oneRejectedRequestMakesTheRunUntestableAndTheReasonCountsThem() {
        List<Event> events = List.of(load(CallOutcome.RESPONSE, 200, null), load(CallOutcome.OTHER, 0, PKIX),
                new ProbeResult(1, 1, 2, 0, "liveness", "/health", 0, CallOutcome.OTHER, null, PKIX));

        assertThat(UntrustedTarget.explain(events)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("the harness could not verify the target's TLS certificate (1 load request(s) and 1 probe(s)"
                        + " failed: " + PKIX + ")")
                .endsWith("needs target.insecure: true, which skips verification for the harness's load and probes only"));
    }

    @Test
    void aRunWithoutRejectionsIsJudgedAsUsual() {
        assertThat(UntrustedTarget.explain(List.of(load(CallOutcome.RESPONSE, 503, null),
                load(CallOutcome.TIMEOUT, 0, "no complete response within 2000 ms")))).isEmpty();
    }
}
