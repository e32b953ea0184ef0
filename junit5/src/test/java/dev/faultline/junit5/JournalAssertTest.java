package dev.faultline.junit5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.faultline.junit5.FaultlineAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalAssertTest {

    @RegisterExtension
    static FaultlineExtension fl = FaultlineExtension.with(
            Upstream.named("payments").route("GET", "/pay", 200, "paid"),
            Upstream.named("ledger"));

    @Test
    void aRetryStormFailsAttemptsPerCallNamingTheWorstCallAndItsStatuses() throws Exception {
        fl.inject("payments", Fault.respond(503));
        for (int call = 0; call < 3; call++) {
            Clients.impatient(fl.url("payments") + "/pay", 6);
        }

        assertThat(fl.journal("payments")).hasRequests(18).hasCalls(3).hasResponses(503, 18);
        assertThatThrownBy(() -> assertThat(fl.journal("payments")).hasAttemptsPerCallAtMost(3))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("payments: expected at most 3 attempts per call but 3 of 3 calls made more")
                .hasMessageContaining("made 6 attempts: 503 503 503 503 503 503");
    }

    @Test
    void aClientThatRetriesOnceAfterRetryAfterPasses() throws Exception {
        fl.inject("payments", Fault.respond(503).header("Retry-After", "0").first(2)); // the first call: 503, retry 503; then 200s
        for (int call = 0; call < 3; call++) {
            Clients.polite(fl.url("payments") + "/pay");
        }

        assertThat(fl.journal("payments")).hasCalls(3).hasRequests(4).hasAttemptsPerCallAtMost(2).hasRequestsAtMost(4);
        assertThat(fl.journal("ledger")).hasRequests(0); // per upstream: the other one saw nothing
    }

    @Test
    void retryingA404IsCaughtByHasNoRetriesOn() throws Exception {
        fl.inject("payments", Fault.respond(404));
        Clients.retriesEverything(fl.url("payments") + "/pay", 3);

        assertThatThrownBy(() -> assertThat(fl.journal("payments")).hasNoRetriesOn(400, 404))
                .hasMessageContaining("was retried after 404: 404 404 404");
        assertThatThrownBy(() -> assertThat(fl.journal("payments")).hasNoRetries())
                .hasMessageContaining("expected at most 1 attempts per call");
    }

    @Test
    void aClientThatDoesNotRetryA404Passes() throws Exception {
        fl.inject("payments", Fault.respond(404));
        Clients.impatient(fl.url("payments") + "/pay", 3); // retries 5xx only

        assertThat(fl.journal("payments")).hasNoRetriesOn(404).hasNoRetries().hasCalls(1);
    }

    @Test
    void callAssertionsWithoutCallIdsSayWhatToSend() throws Exception {
        Clients.getWith(fl.url("payments") + "/pay", "Accept", "*/*");

        assertThat(fl.journal("payments")).hasRequests(1);
        assertThatThrownBy(() -> assertThat(fl.journal("payments")).hasCalls(1))
                .hasMessageContaining("carry no X-Request-Id")
                .hasMessageContaining("send the same X-Request-Id on every attempt");
    }

    @Test
    void anUnknownUpstreamIsNamed() {
        assertThatThrownBy(() -> fl.journal("payment")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upstreams: payments, ledger");
    }
}
