package dev.faultline.analysis.health;

import dev.faultline.journal.CallOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.faultline.analysis.health.HealthJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;

class HealthAnalysisTest {
    private static final List<String> OUTAGE = List.of("outage");

    /** steady 0-3 s, outage 3-7 s (faults fire), recovery 7-10 s; load at 20/s failing only in the outage. */
    private static HealthJournal outage() {
        return journal()
                .phase("steady", 0).phase("outage", 3_000).phase("recovery", 7_000).end(10_000)
                .load(0, 3_000, 50, 200).load(3_000, 7_000, 50, 503).load(7_000, 10_000, 50, 200)
                .faultAt(3_010).faultAt(5_000);
    }

    @Test
    void readinessThatFollowsTheDependencyIsDetectedAndRecoveredWithinOneProbePeriod() {
        HealthJournal j = outage()
                .readiness(0, 3_250, 250, 200).readiness(3_250, 7_250, 250, 503).readiness(7_250, 10_000, 250, 200);

        HealthMeasurement m = HealthAnalysis.of(j.events(), OUTAGE);

        assertThat(m.incidents()).hasSize(1);
        HealthMeasurement.Incident i = m.incidents().get(0);
        assertThat(i.faultsFired()).isEqualTo(2);
        // The first failing answer was sent at 3.25 s and arrived 5 ms later.
        assertThat(i.detectionNanos().getAsLong()).isEqualTo(255_000_000L);
        assertThat(i.recoveryExpected()).isTrue();
        assertThat(i.recoveryNanos().getAsLong()).isEqualTo(255_000_000L);
    }

    @Test
    void readinessThatNeverFailsHasNoDetectionAndNoRecovery() {
        HealthMeasurement m = HealthAnalysis.of(outage().readiness(0, 10_000, 250, 200).events(), OUTAGE);

        HealthMeasurement.Incident i = m.incidents().get(0);
        assertThat(i.readinessResults()).isEqualTo(16);
        assertThat(i.readinessFailed()).isZero();
        assertThat(i.detectionNanos()).isEmpty();
        assertThat(i.recoveryNanos()).isEmpty();
    }

    @Test
    void readinessThatPassedAgainBeforeTheFaultEndedRecoversAtOnce() {
        HealthJournal j = outage().readiness(0, 3_500, 500, 200).readiness(3_500, 5_000, 500, 503).readiness(5_000, 10_000, 500, 200);

        HealthMeasurement.Incident i = HealthAnalysis.of(j.events(), OUTAGE).incidents().get(0);

        assertThat(i.recoveryNanos().getAsLong()).isZero();
    }

    @Test
    void readinessStillFailingWhenTheRunEndsNeverRecovered() {
        HealthJournal j = outage().readiness(0, 3_500, 500, 200).readiness(3_500, 10_000, 500, 503);

        HealthMeasurement.Incident i = HealthAnalysis.of(j.events(), OUTAGE).incidents().get(0);

        assertThat(i.recoveryNanos()).isEmpty();
        assertThat(i.watchedAfterNanos()).isEqualTo(3_000_000_000L);
    }

    @Test
    void aFaultPhaseFollowedByAnotherFaultPhaseExpectsNoRecovery() {
        HealthJournal j = journal().phase("outage", 0).phase("slow", 2_000).end(4_000).faultAt(100).readiness(0, 4_000, 500, 503);

        HealthMeasurement m = HealthAnalysis.of(j.events(), List.of("outage", "slow"));

        assertThat(m.incidents()).extracting(HealthMeasurement.Incident::recoveryExpected).containsExactly(false, false);
    }

    @Test
    void alwaysReadyIsFalselyReadyForEverySecondTheLoadFailed() {
        HealthMeasurement m = HealthAnalysis.of(outage().readiness(0, 10_000, 250, 200).events(), OUTAGE);

        HealthMeasurement.Truth t = m.truth().get(0);
        // Judged from the first answer (5 ms in) to the end: 10 slices, 4 of them not serving.
        assertThat(t.slices()).isEqualTo(10);
        assertThat(t.servingSlices()).isEqualTo(6);
        assertThat(t.falseReadyNanos()).isEqualTo(4_000_000_000L);
        assertThat(t.falseReadySlices()).isEqualTo(4);
        assertThat(t.firstFalseReadyNanos()).isEqualTo(3_000_000_000L);
        assertThat(t.firstFalseReadyPhase()).isEqualTo("outage");
        assertThat(t.falseUnreadyNanos()).isZero();
    }

    @Test
    void falseReadyAndUnreadyTimeIsTheTimeReadinessLaggedBehindTheTruth() {
        // Readiness turns at 3.6 s (answer sent 3.595 s + 5 ms) and back at 7.8 s.
        HealthJournal j = outage().readiness(0, 3_595, 5, 200).probe("readiness", 3_595, 5, 503, CallOutcome.RESPONSE, null)
                .probe("readiness", 7_795, 5, 200, CallOutcome.RESPONSE, null);

        HealthMeasurement.Truth t = HealthAnalysis.of(j.events(), OUTAGE).truth().get(0);

        assertThat(t.falseReadyNanos()).isEqualTo(600_000_000L);
        assertThat(t.falseUnreadyNanos()).isEqualTo(800_000_000L);
        assertThat(t.firstFalseUnreadyPhase()).isEqualTo("recovery");
    }

    @Test
    void aSliceServesWhenAtLeastNinetyFivePercentOfItsRequestsSucceeded() {
        HealthJournal j = journal().phase("only", 0).end(2_000).readiness(0, 2_000, 100, 503);
        for (int i = 0; i < 20; i++) {
            j.loadRequest(i * 50L, 0, 5, i == 0 ? 503 : 200, CallOutcome.RESPONSE);          // 19 of 20: serving
            j.loadRequest(1_000 + i * 50L, 0, 5, i < 2 ? 503 : 200, CallOutcome.RESPONSE);   // 18 of 20: not serving
        }

        HealthMeasurement.Truth t = HealthAnalysis.of(j.events(), List.of()).truth().get(0);

        assertThat(t.servingSlices()).isEqualTo(1);
        assertThat(t.falseUnreadySlices()).isEqualTo(1);
    }

    @Test
    void requestsCancelledAtTheEndAreNotCountedAsFailures() {
        HealthJournal j = journal().phase("only", 0).end(1_000).readiness(0, 1_000, 100, 200).load(0, 1_000, 50, 200)
                .loadRequest(990, 0, 1_000, 0, CallOutcome.CANCELLED);

        HealthMeasurement.Truth t = HealthAnalysis.of(j.events(), List.of()).truth().get(0);

        assertThat(t.servingSlices()).isEqualTo(1);
    }

    @Test
    void livenessFailuresAreCountedUntilTheFirstSignalAction() {
        HealthJournal j = outage().liveness(0, 3_000, 500, 200).liveness(3_000, 5_000, 500, 503).liveness(5_000, 8_000, 500, 200)
                .signal(8_000).liveness(8_000, 10_000, 500, 503);

        HealthMeasurement.LivenessWatch w = HealthAnalysis.of(j.events(), OUTAGE).liveness();

        assertThat(w.watched()).isEqualTo(16);
        assertThat(w.failed()).isEqualTo(4);
        assertThat(w.failedInFaults()).isEqualTo(4);
        assertThat(w.failures()).containsEntry("503", 4L);
        assertThat(w.firstFailureNanos()).isEqualTo(3_005_000_000L);
        assertThat(w.firstFailurePhase()).isEqualTo("outage");
        assertThat(w.cutAtSignal()).isTrue();
    }

    @Test
    void probeLatencyIsTakenWhileFaultsAreInjectedAndTimeoutsCountAtTheirTimeout() {
        HealthJournal j = outage().probe("readiness", 100, 900, 200, CallOutcome.RESPONSE, null) // slow, but before the fault
                .probe("readiness", 3_100, 20, 200, CallOutcome.RESPONSE, null)
                .probe("readiness", 4_000, 1_000, 0, CallOutcome.TIMEOUT, null);

        HealthMeasurement.ProbeStats readiness = HealthAnalysis.of(j.events(), OUTAGE).probe("readiness").orElseThrow();

        assertThat(readiness.count()).isEqualTo(2);
        assertThat(readiness.timeouts()).isEqualTo(1);
        assertThat(readiness.latency().maxNanos()).isBetween(999_000_000L, 1_001_000_000L);
    }

    @Test
    void aHealthBodyThatContradictsItsCodeIsCounted() {
        HealthJournal j = outage().probe("readiness", 100, 5, 200, CallOutcome.RESPONSE, "pass")
                .probe("readiness", 3_500, 5, 200, CallOutcome.RESPONSE, "fail")
                .probe("readiness", 3_750, 5, 200, CallOutcome.RESPONSE, "fail")
                .probe("readiness", 4_000, 5, 503, CallOutcome.RESPONSE, "warn")
                .probe("liveness", 4_000, 5, 200, CallOutcome.RESPONSE, "warn");

        List<HealthMeasurement.Contradictions> c = HealthAnalysis.of(j.events(), OUTAGE).contradictions();

        assertThat(c).extracting(HealthMeasurement.Contradictions::probe).containsExactly("liveness", "readiness");
        HealthMeasurement.Contradictions readiness = c.get(1);
        assertThat(readiness.declared()).isEqualTo(4);
        assertThat(readiness.contradict()).isEqualTo(3);
        assertThat(readiness.example()).isEqualTo("200 with status \"fail\"");
        assertThat(c.get(0).contradict()).isZero();
    }
}
