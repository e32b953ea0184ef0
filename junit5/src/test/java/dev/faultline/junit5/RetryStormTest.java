package dev.faultline.junit5;

import dev.faultline.report.CheckStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryStormTest {

    @RegisterExtension
    static FaultlineExtension fl = FaultlineExtension.with(Upstream.named("payments").route("GET", "/pay", 200, "paid"));

    @Test
    void aClientRetryingAt503AtOnceIsCaughtAsAStormWithTheCommandLinesExplanation() throws Exception {
        fl.inject("payments", Fault.respond(503));
        for (int call = 0; call < 5; call++) {
            assertThat(Clients.impatient(fl.url("payments") + "/pay", 10)).isEqualTo(503);
        }

        FaultlineVerdict verdict = fl.expect().retries("payments").maxAmplification(2).verdict();

        assertThat(verdict.check("retries.max-amplification").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(verdict.check("retries.max-amplification").measured()).isEqualTo(10.0);
        String explanation = verdict.check("retries.max-amplification").explanation();
        assertThat(explanation).isNotBlank();
        assertThatThrownBy(verdict::assertHeld)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("retries.max-amplification failed")
                .hasMessageContaining(explanation);
    }

    @Test
    void aClientRetryingOnceAfterRetryAfterHolds() throws Exception {
        fl.inject("payments", Fault.respond(503).header("Retry-After", "1").first(3));
        for (int call = 0; call < 3; call++) {
            Clients.polite(fl.url("payments") + "/pay");
        }

        FaultlineVerdict verdict = fl.expect().retries("payments").maxAmplification(2).maxAttemptsPerCall(2).honorRetryAfter()
                .verdict();

        assertThat(verdict.held()).as(verdict.toString()).isTrue();
        assertThat(verdict.check("retries.max-amplification").measured()).isLessThanOrEqualTo(2.0);
    }

    @Test
    void eachTestStartsWithAnEmptyJournalAndNoFaults() throws Exception {
        assertThat(fl.journal()).hasSize(1); // the phase event of the fault-free start
        assertThat(Clients.get(fl.url("payments") + "/pay")).isEqualTo(200);
    }

    @Test
    void aFaultWithAProbabilityHitsSomeRequestsOnly() throws Exception {
        fl.inject("payments", Fault.respond(503).probability(0.5));
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            if (Clients.get(fl.url("payments") + "/pay") == 503) {
                failed++;
            }
        }
        // binomial(40, 0.5): outside 8..32 with probability below 1e-4; the seed fixes the draws anyway
        assertThat(failed).isBetween(8, 32);
    }

    @Test
    void eachTestsWindowsStartAgainAtInject1() throws Exception {
        fl.inject("payments", Fault.respond(503));
        Clients.impatient(fl.url("payments") + "/pay", 3);
        fl.reset();
        fl.inject("payments", Fault.respond(503));
        Clients.impatient(fl.url("payments") + "/pay", 3);

        String explanation = fl.expect().retries("payments").maxAmplification(2).verdict().check("retries.max-amplification").explanation();
        assertThat(explanation).contains("during inject-1:").doesNotContain("inject-2");
    }

    @Test
    void anExchangeThatArrivedBeforeAResetIsNotTheNextPartsEvenWhenItEndsAfterIt() throws Exception {
        fl.inject("payments", Fault.hang());
        java.net.URI uri = java.net.URI.create(fl.url("payments"));
        try (java.net.Socket hung = new java.net.Socket(uri.getHost(), uri.getPort())) {
            hung.getOutputStream().write(("GET /pay HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            hung.getOutputStream().flush();
            Thread.sleep(300); // the request reaches the upstream, which hangs it (nothing is journalled until it ends)
            fl.reset();
        } // the hung exchange ends, and is recorded, only now that its client leaves

        assertThat(Clients.get(fl.url("payments") + "/pay")).isEqualTo(200);
        assertThat(fl.journal("payments").requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void judgingWithoutAnyFaultIsInconclusiveNotHeld() throws Exception {
        Clients.get(fl.url("payments") + "/pay");

        FaultlineVerdict verdict = fl.expect().retries("payments").maxAmplification(2).verdict();

        assertThat(verdict.check("retries.max-amplification").status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThatThrownBy(verdict::assertHeld).hasMessageContaining("inconclusive");
    }
}
