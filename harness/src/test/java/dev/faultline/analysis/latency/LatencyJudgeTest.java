package dev.faultline.analysis.latency;

import dev.faultline.analysis.LoadStats;
import dev.faultline.analysis.Timeline;
import dev.faultline.analysis.health.HealthJournal;
import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Expectations.LatencyExpectation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static dev.faultline.analysis.health.HealthJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;

class LatencyJudgeTest {

    private static LatencyExpectation p99(String during, long millis, double minSuccess) {
        return new LatencyExpectation("latency", during == null ? List.of() : List.of(during), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofMillis(millis)), Optional.empty(), OptionalDouble.of(minSuccess));
    }

    private static List<ExpectationResult> judge(LatencyExpectation e, HealthJournal j) {
        List<Event> events = j.events();
        return LatencyJudge.judge(e, LatencyAnalysis.of(e, Timeline.of(events), LoadStats.results(events)));
    }

    /** 100 requests in steady: 99 at 10 ms, one at {@code slowMillis}; the outage is all 503 at 1 ms. */
    private static HealthJournal steadyThenOutage(long slowMillis) {
        HealthJournal j = journal().phase("steady", 0).phase("outage", 1_000).end(2_000);
        for (int i = 0; i < 99; i++) {
            j.loadRequest(i * 10L, 0.1, 10, 200, CallOutcome.RESPONSE);
        }
        j.loadRequest(990, 0.1, slowMillis, 200, CallOutcome.RESPONSE);
        for (int i = 0; i < 100; i++) {
            j.loadRequest(1_000 + i * 10L, 0.1, 1, 503, CallOutcome.RESPONSE);
        }
        return j;
    }

    @Test
    void percentilesAndSuccessAreJudgedOverTheNamedPhasesOnly() {
        List<ExpectationResult> results = judge(p99("steady", 50, 0.99), steadyThenOutage(400));

        assertThat(results).extracting(ExpectationResult::id).containsExactly("latency.p99", "latency.min-success-rate");
        assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.PASSED));
        assertThat(results.get(0).explanation()).startsWith("p99 10 ms over 100 requests during steady, from the intended send time");
        assertThat(results.get(1).explanation()).isEqualTo("100 of 100 requests succeeded (2xx/3xx) during steady (200: 100)");
    }

    @Test
    void withoutDuringTheWholeRunIsJudgedFailuresIncluded() {
        List<ExpectationResult> results = judge(p99(null, 50, 0.99), steadyThenOutage(400));

        assertThat(results.get(0).status()).isEqualTo(CheckStatus.PASSED);
        ExpectationResult success = results.get(1);
        assertThat(success.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(success.measured()).isEqualTo(0.5);
        assertThat(success.explanation()).isEqualTo("100 of 200 requests succeeded (2xx/3xx) during the run (200: 100, 503: 100)");
    }

    @Test
    void aSlowTargetFailsThePercentileMeasuredFromTheIntendedSendTime() {
        HealthJournal j = journal().phase("steady", 0).end(1_000);
        for (int i = 0; i < 100; i++) {
            j.loadRequest(i * 10L, 0.1, i < 5 ? 800 : 10, 200, CallOutcome.RESPONSE);
        }

        ExpectationResult p99 = judge(p99("steady", 300, 0.9), j).get(0);

        assertThat(p99.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(p99.measured()).isBetween(799.0, 801.0);
    }

    @Test
    void aFailureTheDriversOwnLagCouldExplainIsInconclusive() {
        HealthJournal j = journal().phase("steady", 0).end(1_000);
        for (int i = 0; i < 100; i++) {
            // Five requests went out 500 ms late; the target answered each in 10 ms.
            j.loadRequest(i * 10L, i < 5 ? 500 : 0.1, i < 5 ? 510 : 10, 200, CallOutcome.RESPONSE);
        }

        ExpectationResult p99 = judge(p99("steady", 300, 0.9), j).get(0);

        assertThat(p99.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(p99.explanation()).startsWith("p99 510 ms from the intended send time is over the limit, but only 10 ms"
                + " from the actual send: the load driver's own lag");
    }

    @Test
    void phasesThatWereNeverPlayedCannotBeJudged() {
        HealthJournal j = journal().phase("steady", 0).end(1_000).load(0, 1_000, 10, 200);

        List<ExpectationResult> results = judge(p99("outage", 300, 0.9), j);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
            assertThat(r.explanation()).isEqualTo("the phases [outage] were never played");
        });
    }

    @Test
    void requestsSentMoreThan100MsLateAreLeftOutOfTheSuccessRateUntilThereAreTooMany() {
        HealthJournal few = journal().phase("steady", 0).end(1_000);
        HealthJournal many = journal().phase("steady", 0).end(1_000);
        for (int i = 0; i < 100; i++) {
            few.loadRequest(i * 10L, i < 3 ? 150 : 0.1, i < 3 ? 151 : 1, i < 3 ? 503 : 200, CallOutcome.RESPONSE);
            many.loadRequest(i * 10L, i < 15 ? 150 : 0.1, i < 15 ? 151 : 1, 200, CallOutcome.RESPONSE);
        }

        ExpectationResult judged = judge(p99("steady", 300, 0.99), few).get(1);
        ExpectationResult unjudged = judge(p99("steady", 300, 0.99), many).get(1);

        assertThat(judged.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(judged.explanation()).isEqualTo("97 of 97 requests succeeded (2xx/3xx) during steady (200: 97); 3 sent more"
                + " than 100 ms late were left out");
        assertThat(unjudged.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(unjudged.explanation()).startsWith("the load driver fell behind its schedule: 15 of 100 requests (15 %)");
    }
}
