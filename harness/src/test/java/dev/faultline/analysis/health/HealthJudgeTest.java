package dev.faultline.analysis.health;

import dev.faultline.journal.CallOutcome;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Expectations.HealthExpectation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.faultline.analysis.health.HealthJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;

class HealthJudgeTest {
    private static final List<String> OUTAGE = List.of("outage");
    private static final HealthExpectation ALL = new HealthExpectation("health", Optional.of(Duration.ofSeconds(1)),
            Optional.of(Duration.ofSeconds(1)), Optional.of(true), Optional.of(Duration.ofSeconds(1)),
            Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofMillis(500)));

    /** steady 0-3 s, outage 3-7 s (faults fire), recovery 7-10 s; the load fails only in the outage. */
    private static HealthJournal outage() {
        return journal().phase("steady", 0).phase("outage", 3_000).phase("recovery", 7_000).end(10_000)
                .load(0, 3_000, 50, 200).load(3_000, 7_000, 50, 503).load(7_000, 10_000, 50, 200)
                .faultAt(3_010);
    }

    private static List<ExpectationResult> judge(HealthJournal j) {
        HealthMeasurement m = HealthAnalysis.of(j.events(), OUTAGE);
        return HealthJudge.judge(ALL, m, OUTAGE, true);
    }

    private static ExpectationResult check(List<ExpectationResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id + " in " + results));
    }

    @Test
    void anHonestServicePassesEveryCheckWithItsNumbers() {
        HealthJournal j = outage().readiness(0, 3_250, 250, 200).readiness(3_250, 7_250, 250, 503).readiness(7_250, 10_000, 250, 200)
                .liveness(0, 10_000, 250, 200);

        List<ExpectationResult> results = judge(j);

        assertThat(results).extracting(ExpectationResult::id).containsExactly("health.readiness.fails-within",
                "health.readiness.recovers-within", "health.liveness.stays-up", "health.max-false-healthy",
                "health.max-false-unhealthy", "health.max-probe-latency");
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.id() + ": " + r.explanation()).isEqualTo(CheckStatus.PASSED));
        ExpectationResult detection = check(results, "health.readiness.fails-within");
        assertThat(detection.measured()).isEqualTo(0.255);
        assertThat(detection.explanation()).isEqualTo("readiness first failed 0.255 s after outage began (15 of 16 answers failed during it)");
        assertThat(check(results, "health.readiness.recovers-within").explanation())
                .isEqualTo("readiness passed again 0.255 s after outage ended");
        assertThat(check(results, "health.max-false-healthy").explanation())
                .startsWith("readiness passed for 0.255 s while under 95 % of the load succeeded (1 slice, the first at 3 s in outage)");
    }

    @Test
    void readinessThatAlwaysPassesNeverDetectsTheFaultAndIsFalselyReadyThroughIt() {
        List<ExpectationResult> results = judge(outage().readiness(0, 10_000, 250, 200).liveness(0, 10_000, 250, 200));

        ExpectationResult detection = check(results, "health.readiness.fails-within");
        assertThat(detection.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(detection.measuredText()).isEqualTo("never");
        assertThat(detection.explanation()).isEqualTo("readiness never failed during outage (16 answers, all passing) although 1 fault fired at the upstreams");
        ExpectationResult recovery = check(results, "health.readiness.recovers-within");
        assertThat(recovery.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(recovery.explanation()).isEqualTo("readiness never failed during outage, so there was no recovery to time");
        ExpectationResult falseHealthy = check(results, "health.max-false-healthy");
        assertThat(falseHealthy.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(falseHealthy.measured()).isEqualTo(4.0);
        assertThat(falseHealthy.explanation()).isEqualTo("readiness passed for 4 s while under 95 % of the load succeeded"
                + " (4 slices, the first at 3 s in outage); 10 slices of 1 s judged, 4 not serving");
    }

    @Test
    void readinessThatStaysDownAfterTheFaultNeverRecovers() {
        List<ExpectationResult> results = judge(outage().readiness(0, 3_250, 250, 200).readiness(3_250, 10_000, 250, 503));

        ExpectationResult recovery = check(results, "health.readiness.recovers-within");
        assertThat(recovery.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(recovery.explanation()).isEqualTo("readiness still failed 3 s after outage ended, when the run ended");
        assertThat(check(results, "health.max-false-unhealthy").status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void withoutAFaultThatFiredReadinessHasNothingToDetect() {
        HealthJournal j = journal().phase("steady", 0).phase("outage", 3_000).phase("recovery", 7_000).end(10_000)
                .load(0, 10_000, 50, 200).readiness(0, 10_000, 250, 200);

        List<ExpectationResult> results = judge(j);

        ExpectationResult detection = check(results, "health.readiness.fails-within");
        assertThat(detection.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(detection.explanation()).isEqualTo("no fault fired during outage: the target never called the failing"
                + " upstream, so its readiness had nothing to detect");
    }

    @Test
    void livenessThatFailsWithTheDependencyFailsStaysUp() {
        HealthJournal j = outage().readiness(0, 10_000, 250, 200).liveness(0, 3_000, 500, 200).liveness(3_000, 5_000, 500, 503)
                .liveness(5_000, 10_000, 500, 200);

        ExpectationResult staysUp = check(judge(j), "health.liveness.stays-up");

        assertThat(staysUp.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(staysUp.measured()).isEqualTo(4.0);
        assertThat(staysUp.explanation()).isEqualTo("liveness failed 4 of 20 answers (503 ×4), 4 of them during fault phases;"
                + " the first at 3.01 s in outage: a restart here would not fix a failing dependency");
    }

    @Test
    void aHealthCheckThatHangsWithItsDependencyFailsMaxProbeLatency() {
        HealthJournal j = outage().readiness(0, 3_000, 250, 200).liveness(0, 3_000, 250, 200)
                .probe("readiness", 3_000, 1_000, 0, CallOutcome.TIMEOUT, null)
                .probe("liveness", 3_000, 1_000, 0, CallOutcome.TIMEOUT, null)
                .readiness(4_000, 10_000, 250, 200).liveness(4_000, 10_000, 250, 200);

        List<ExpectationResult> results = judge(j);

        ExpectationResult latency = check(results, "health.max-probe-latency");
        assertThat(latency.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(latency.measured()).isBetween(999.0, 1001.0);
        assertThat(latency.explanation()).startsWith("during outage: liveness max 1000")
                .contains("(1 timed out: at least their timeout)")
                .endsWith(": a health check that waits on a slow dependency");
        assertThat(check(results, "health.liveness.stays-up").explanation()).contains("(timeout ×1)");
    }

    @Test
    void checksAgainstTheLoadAreInconclusiveWhenTheDriverFellBehind() {
        HealthJournal j = journal().phase("steady", 0).phase("outage", 3_000).phase("recovery", 7_000).end(10_000)
                .faultAt(3_010).readiness(0, 10_000, 250, 200);
        for (long t = 0; t < 10_000; t += 50) {
            j.loadRequest(t, 150, 160, t >= 3_000 && t < 7_000 ? 503 : 200, CallOutcome.RESPONSE);
        }

        ExpectationResult falseHealthy = check(judge(j), "health.max-false-healthy");

        assertThat(falseHealthy.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(falseHealthy.explanation()).startsWith("the load driver fell behind its schedule: 200 of 200 requests"
                + " (100 %) went out more than 100 ms late (send lag p99 150");
    }

    @Test
    void aFewLateRequestsAreLeftOutOfTheTruthAndTheCheckIsStillJudged() {
        HealthJournal j = outage().readiness(0, 3_250, 250, 200).readiness(3_250, 7_250, 250, 503).readiness(7_250, 10_000, 250, 200)
                // Sent 400 ms late, this success belongs to the outage's first slice and would make it look better.
                .loadRequest(3_000, 400, 410, 200, CallOutcome.RESPONSE);

        HealthMeasurement m = HealthAnalysis.of(j.events(), OUTAGE);

        assertThat(m.truth().get(0).lateRequests()).isEqualTo(1);
        assertThat(check(HealthJudge.judge(ALL, m, OUTAGE, true), "health.max-false-healthy").status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void aHealthBodyThatContradictsItsCodeFailsTheImpliedCheck() {
        HealthJournal j = outage().readiness(0, 10_000, 250, 200)
                .probe("readiness", 3_500, 5, 200, CallOutcome.RESPONSE, "fail")
                .probe("readiness", 3_600, 5, 503, CallOutcome.RESPONSE, "fail");

        ExpectationResult status = check(judge(j), "health.status-matches-code");

        assertThat(status.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(status.explanation()).isEqualTo("readiness answered 200 with status \"fail\" 1 of 2 times, first at 3.51 s:"
                + " the body contradicts the code (pass/warn need 2xx-3xx, fail needs 4xx-5xx)");
    }

    @Test
    void theImpliedStatusCheckIsLeftOutWhenNoBodyDeclaresAStatusAndAfterTheFirstEntry() {
        HealthJournal plain = outage().readiness(0, 10_000, 250, 200);
        HealthJournal declared = outage().readiness(0, 10_000, 250, 200).probe("readiness", 100, 5, 200, CallOutcome.RESPONSE, "pass");
        HealthMeasurement m = HealthAnalysis.of(declared.events(), OUTAGE);

        assertThat(judge(plain)).extracting(ExpectationResult::id).doesNotContain("health.status-matches-code");
        assertThat(HealthJudge.judge(ALL, m, OUTAGE, false)).extracting(ExpectationResult::id)
                .doesNotContain("health.status-matches-code");
        assertThat(HealthJudge.judge(ALL, m, OUTAGE, true)).extracting(ExpectationResult::id)
                .contains("health.status-matches-code");
    }

    @Test
    void withoutFaultPhasesDetectionIsInconclusive() {
        HealthJournal j = journal().phase("steady", 0).end(3_000).load(0, 3_000, 50, 200).readiness(0, 3_000, 250, 200);

        List<ExpectationResult> results = HealthJudge.judge(ALL, HealthAnalysis.of(j.events(), List.of()), List.of(), true);

        assertThat(check(results, "health.readiness.fails-within").explanation())
                .isEqualTo("no phase injects faults, so there is nothing for readiness to detect");
        assertThat(check(results, "health.max-false-unhealthy").status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void withTwoFaultPhasesTheSlowestDetectionIsJudgedAndTheOtherIsNamed() {
        List<String> faults = List.of("outage", "slow");
        HealthJournal j = journal().phase("steady", 0).phase("outage", 2_000).phase("recovery", 4_000).phase("slow", 6_000)
                .phase("recovered", 8_000).end(10_000).faultAt(2_010).faultAt(6_010)
                .load(0, 2_000, 50, 200).load(2_000, 4_000, 50, 503).load(4_000, 6_000, 50, 200).load(6_000, 8_000, 50, 503)
                .load(8_000, 10_000, 50, 200)
                .readiness(0, 2_250, 250, 200).readiness(2_250, 4_250, 250, 503).readiness(4_250, 6_500, 250, 200)
                .readiness(6_500, 8_250, 250, 503).readiness(8_250, 10_000, 250, 200);

        List<ExpectationResult> results = HealthJudge.judge(ALL, HealthAnalysis.of(j.events(), faults), faults, true);

        ExpectationResult detection = check(results, "health.readiness.fails-within");
        assertThat(detection.measured()).isEqualTo(0.505);
        assertThat(detection.explanation()).isEqualTo("readiness first failed 0.505 s after slow began (6 of 8 answers failed"
                + " during it); other fault phases: outage 0.255 s");
        assertThat(check(results, "health.readiness.recovers-within").explanation())
                .isEqualTo("readiness passed again 0.255 s after outage ended; other fault phases: slow 0.255 s");
    }
}
