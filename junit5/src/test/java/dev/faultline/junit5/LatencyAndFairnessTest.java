package dev.faultline.junit5;

import dev.faultline.report.CheckStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyAndFairnessTest {

    @RegisterExtension
    static FaultlineExtension fl = FaultlineExtension.with(Upstream.named("api"));

    @Test
    void aSlowUpstreamFailsTheLatencyOfTheTimedCallsWithTheCommandLinesWords() throws Exception {
        fl.inject("api", Fault.delay(Duration.ofMillis(400)));
        for (int i = 0; i < 3; i++) {
            fl.call(() -> Clients.get(fl.url("api")));
        }

        FaultlineVerdict tight = fl.expect().latency().p99(Duration.ofMillis(200)).verdict();
        // 400 ms injected, 200 ms allowed: fails however loaded the machine is
        assertThat(tight.check("latency.p99").status()).as(tight.toString()).isEqualTo(CheckStatus.FAILED);
        assertThat(tight.check("latency.p99").measured()).isGreaterThanOrEqualTo(400.0);
        assertThatThrownBy(tight::assertHeld).hasMessageContaining("latency.p99 failed");

        fl.expect().latency().p99(Duration.ofSeconds(30)).minSuccessRate(1.0).assertHeld();
    }

    @Test
    void aCallThatThrowsCountsAsAFailedCall() throws Exception {
        fl.inject("api", Fault.respond(503));
        fl.call(() -> Clients.get(fl.url("api")));
        assertThatThrownBy(() -> fl.call(() -> {
            throw new IOException("gave up");
        })).isInstanceOf(IOException.class).hasMessage("gave up");

        FaultlineVerdict verdict = fl.expect().latency().minSuccessRate(0.9).verdict();
        assertThat(verdict.check("latency.min-success-rate").status()).as(verdict.toString()).isEqualTo(CheckStatus.FAILED);
        assertThat(verdict.check("latency.min-success-rate").measured()).isEqualTo(0.5);
    }

    @Test
    void withoutTimedCallsLatencyIsInconclusive() throws Exception {
        Clients.get(fl.url("api"));
        FaultlineVerdict verdict = fl.expect().latency().p99(Duration.ofSeconds(1)).verdict();
        assertThat(verdict.check("latency.p99").status()).isEqualTo(CheckStatus.INCONCLUSIVE);
    }

    @Test
    void aClientHammeringARateLimitIgnoresItsRetryAfter() throws Exception {
        fl.inject("api", Fault.rateLimit(2, Duration.ofSeconds(10)));
        for (int i = 0; i < 8; i++) {
            Clients.get(fl.url("api"));
        }

        FaultlineVerdict verdict = fl.expect().fairness("api").honorRetryAfter().verdict();
        assertThat(verdict.check("fairness.honor-retry-after").status()).as(verdict.toString()).isEqualTo(CheckStatus.FAILED);
        assertThatThrownBy(verdict::assertHeld).hasMessageContaining("fairness.honor-retry-after failed");
    }

    @Test
    void aClientWaitingOutRetryAfterHonoursIt() throws Exception {
        fl.inject("api", Fault.rateLimit(2, Duration.ofSeconds(1)));
        int ok = 0;
        while (ok < 4) {
            var response = Clients.getWith(fl.url("api"), "Accept", "*/*");
            if (response.statusCode() == 429) {
                long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
                Thread.sleep(seconds * 1000 + 100); // the client's own wait, as asked
            } else {
                ok++;
            }
        }

        FaultlineVerdict verdict = fl.expect().fairness("api").honorRetryAfter().verdict();
        assertThat(verdict.check("fairness.honor-retry-after").status()).as(verdict.toString()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void aClientThatBacksOffFarLongerThanAskedLeavesTheAllowanceUnused() throws Exception {
        fl.inject("api", Fault.rateLimit(5, Duration.ofSeconds(1)));
        int refused = 0;
        while (refused < 3) {
            if (Clients.get(fl.url("api")) == 429) {
                refused++;
                if (refused < 3) {
                    Thread.sleep(2000); // told 1 s, waits 2 s: half the allowance unused
                }
            }
        }

        FaultlineVerdict verdict = fl.expect().fairness("api").minGoodput(0.9).honorRetryAfter().verdict();
        // about 10 admitted over the 4 s between the first and last 429, of the 20 the limit allows: 0.5,
        // at most 0.75 with a fixed window's edges; never near 0.9
        assertThat(verdict.check("fairness.min-goodput").status()).as(verdict.toString()).isEqualTo(CheckStatus.FAILED);
        assertThat(verdict.check("fairness.min-goodput").measured()).isLessThan(0.8);
        assertThat(verdict.check("fairness.honor-retry-after").status()).isEqualTo(CheckStatus.PASSED);
    }
}
