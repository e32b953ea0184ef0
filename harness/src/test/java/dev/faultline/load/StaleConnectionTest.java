package dev.faultline.load;

import dev.faultline.journal.CallOutcome;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class StaleConnectionTest {
    /** The events OkHttp reports for an attempt: a pooled or new connection, how far the request and response got. */
    private static ConnectionUse use(boolean reused, boolean written, boolean headArrived) {
        ConnectionUse use = new ConnectionUse();
        if (!reused) {
            use.connectStart(null, InetSocketAddress.createUnresolved("127.0.0.1", 1), null);
        }
        use.connectionAcquired(null, null);
        if (written) {
            use.requestHeadersStart(null);
        }
        if (headArrived) {
            use.responseHeadersEnd(null, null);
        }
        return use;
    }

    @Test
    void anIdempotentRequestThatMeetsAClosedOrResetReusedConnectionBeforeAnyResponseIsResent() {
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "get"}) {
            assertThat(StaleConnection.resend(method, use(true, true, false), CallOutcome.CLOSED)).as(method).isTrue();
            assertThat(StaleConnection.resend(method, use(true, true, false), CallOutcome.RESET)).as(method).isTrue();
        }
    }

    @Test
    void aFreshConnectionsFailureIsTheTargetsAndIsNotResent() {
        assertThat(StaleConnection.resend("GET", use(false, true, false), CallOutcome.CLOSED)).isFalse();
        assertThat(StaleConnection.resend("GET", use(false, false, false), CallOutcome.RESET)).isFalse();
    }

    @Test
    void aFailureAfterTheResponseHeadArrivedIsNotResent() {
        assertThat(StaleConnection.resend("GET", use(true, true, true), CallOutcome.CLOSED)).isFalse();
    }

    @Test
    void timeoutsRefusalsAndOtherFailuresAreNeverResent() {
        for (CallOutcome outcome : new CallOutcome[] {CallOutcome.TIMEOUT, CallOutcome.REFUSED, CallOutcome.OTHER, CallOutcome.CANCELLED}) {
            assertThat(StaleConnection.resend("GET", use(true, true, false), outcome)).as(outcome.name()).isFalse();
        }
    }

    @Test
    void aNonIdempotentRequestIsResentOnlyWhenNothingOfItWasWritten() {
        assertThat(StaleConnection.resend("POST", use(true, true, false), CallOutcome.CLOSED)).isFalse();
        assertThat(StaleConnection.resend("PATCH", use(true, true, false), CallOutcome.RESET)).isFalse();
        assertThat(StaleConnection.resend("POST", use(true, false, false), CallOutcome.CLOSED)).isTrue();
    }
}
