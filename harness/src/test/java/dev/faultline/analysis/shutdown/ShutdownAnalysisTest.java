package dev.faultline.analysis.shutdown;

import dev.faultline.analysis.shutdown.ShutdownMeasurement.Episode;
import dev.faultline.journal.CallOutcome;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.faultline.analysis.shutdown.ShutdownJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;

class ShutdownAnalysisTest {
    /**
     * steady 0-10 s, drain 10-15 s; requests every 100 ms from 10 s, each taking 1 s; readiness every
     * 250 ms. The signal comes at 12 s, so the nine requests sent at 11.1 .. 11.9 s are in flight.
     */
    private static ShutdownJournal underLoad() {
        return journal().replica(0).phase("steady", 0).phase("drain", 10_000).end(15_000)
                .steady(10_000, 12_000, 100, 1_000)
                .readiness(10_000, 12_000, 250, 200);
    }

    private static Episode only(ShutdownMeasurement m) {
        assertThat(m.episodes()).hasSize(1);
        return m.episodes().get(0);
    }

    @Test
    void aGracefulShutdownFinishesWhatWasInFlightAndRefusesTheRest() {
        ShutdownJournal j = underLoad().signal(12_000, "TERM", "action")
                .readiness(12_250, 13_500, 250, 503)
                .exit(13_350, 0, false);
        for (long t = 12_000; t < 13_350; t += 100) {
            j.failed(t, t + 1, CallOutcome.REFUSED);
        }

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.signal()).isEqualTo("TERM");
        assertThat(e.reason()).isEqualTo("action");
        assertThat(e.signalNanos()).isEqualTo(12_000_000_000L);
        assertThat(e.inFlight().total()).isEqualTo(9);
        assertThat(e.inFlight().succeeded()).isEqualTo(9);
        assertThat(e.inFlight().failed()).isZero();
        assertThat(e.lastInFlightEndNanos()).isEqualTo(900_000_000L);
        assertThat(e.afterSignal().total()).isEqualTo(14);
        assertThat(e.afterSignal().refused()).isEqualTo(14);
        assertThat(e.afterSignal().refusals()).isEqualTo(Map.of("connection refused", 14L));
        assertThat(e.readiness().failingAtSignal()).isFalse();
        assertThat(e.readiness().firstFailureNanos()).hasValue(255_000_000L);
        assertThat(e.readiness().firstFailure()).hasValue("503");
        assertThat(e.readiness().answersBeforeExit()).as("until 100 ms before the exit").isEqualTo(4);
        assertThat(e.readiness().failedBeforeExit()).isEqualTo(4);
        assertThat(e.readiness().failedAtExit()).isEqualTo(1);
        assertThat(e.exit()).hasValueSatisfying(x -> {
            assertThat(x.afterNanos()).isEqualTo(1_350_000_000L);
            assertThat(x.exitCode()).isZero();
            assertThat(x.bySignal()).isEmpty();
        });
        assertThat(e.killSent()).isFalse();
        assertThat(e.abandonedCalls()).isZero();
    }

    @Test
    void anAbruptExitFailsEveryRequestInFlightAndAbandonsItsUpstreamCalls() {
        ShutdownJournal j = journal().replica(0).phase("drain", 0).end(5_000)
                .readiness(0, 2_000, 250, 200)
                .signal(2_000, "TERM", "action")
                .exit(2_020, 143, false);
        for (long t = 1_100; t < 2_000; t += 100) {
            j.failed(t, 2_021, CallOutcome.CLOSED);
            j.upstreamAbandoned("inventory", t + 2, t + 1_002);
        }
        j.request(1_500, 2_021, 0, CallOutcome.RESET);
        j.upstreamCompleted("inventory", 500, 1_500);

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.inFlight().total()).isEqualTo(10);
        assertThat(e.inFlight().succeeded()).isZero();
        assertThat(e.inFlight().failures()).isEqualTo(Map.of("closed", 9L, "reset", 1L));
        assertThat(e.abandoned()).isEqualTo(Map.of("inventory", 9L));
        assertThat(e.readiness().answersBeforeExit()).isZero();
        assertThat(e.readiness().firstFailureNanos()).isEmpty();
        assertThat(e.exit().orElseThrow().bySignal()).hasValue(15);
    }

    @Test
    void requestsSentAfterTheSignalAreCountedUntilTheExitOnly() {
        ShutdownJournal j = underLoad().signal(12_000, "TERM", "action")
                .ok(12_050, 12_300)
                .request(12_100, 12_105, 503, CallOutcome.RESPONSE)
                .failed(12_200, 12_201, CallOutcome.RESET)
                .exit(12_500, 0, false)
                .failed(12_600, 12_601, CallOutcome.REFUSED);

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.afterSignal().total()).isEqualTo(3);
        assertThat(e.afterSignal().succeeded()).isEqualTo(1);
        assertThat(e.afterSignal().refusals()).isEqualTo(Map.of("503", 1L));
        assertThat(e.afterSignal().failures()).isEqualTo(Map.of("reset", 1L));
    }

    @Test
    void withoutAnActionTheFinalStopIsMeasured() {
        ShutdownJournal j = underLoad().signal(15_010, "TERM", "stop").exit(15_400, 0, false);

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.reason()).isEqualTo("stop");
        assertThat(e.exit().orElseThrow().afterNanos()).isEqualTo(390_000_000L);
    }

    @Test
    void theFirstActionSignalCountsEvenWhenTheFinalStopFollows() {
        ShutdownJournal j = underLoad().signal(11_000, "USR1", "action").signal(12_000, "TERM", "action")
                .signal(15_010, "TERM", "stop").exit(15_020, 143, false);

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.signal()).isEqualTo("USR1");
        assertThat(e.signalNanos()).isEqualTo(11_000_000_000L);
    }

    @Test
    void aTargetThatNeededKillIsSaidToHaveNeededIt() {
        ShutdownJournal j = underLoad().signal(12_000, "TERM", "action").signal(22_000, "KILL", "kill").exit(22_010, 137, true);

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.killSent()).isTrue();
        assertThat(e.exit().orElseThrow().killed()).isTrue();
        assertThat(e.exit().orElseThrow().afterNanos()).isEqualTo(10_010_000_000L);
    }

    @Test
    void anAbortEndsTheObservationAndItsCancelledRequestsAreNotFailures() {
        ShutdownJournal j = journal().replica(0).phase("drain", 0).aborted(3_000)
                .signal(1_000, "TERM", "action")
                .ok(500, 1_200)
                .request(900, 3_001, 0, CallOutcome.CANCELLED)
                .signal(3_001, "TERM", "abort").signal(6_001, "KILL", "kill").exit(6_010, 137, true)
                .failed(3_500, 3_501, CallOutcome.REFUSED);

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.exit()).isEmpty();
        assertThat(e.abortedAfterNanos()).hasValue(2_001_000_000L);
        assertThat(e.killSent()).as("the abort's KILL is not the target's doing").isFalse();
        assertThat(e.inFlight().total()).isEqualTo(2);
        assertThat(e.inFlight().cancelled()).isEqualTo(1);
        assertThat(e.inFlight().failed()).isZero();
        assertThat(e.afterSignal().total()).as("nothing after the abort").isZero();
    }

    @Test
    void anAbortDuringTheFinalStopEndsTheObservationAndItsKillIsNotTheGraceRunningOut() {
        ShutdownJournal j = underLoad().signal(15_010, "TERM", "stop").signal(19_000, "KILL", "abort").exit(19_010, 137, true);

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.reason()).isEqualTo("stop");
        assertThat(e.exit()).isEmpty();
        assertThat(e.abortedAfterNanos()).hasValue(3_990_000_000L);
        assertThat(e.killSent()).isFalse();
    }

    @Test
    void onlyTheReplicaAnActionSignalledIsMeasured() {
        ShutdownJournal j = journal().replica(0).ok(900, 1_500).replica(1).ok(950, 1_200)
                .phase("drain", 0).end(3_000)
                .signal(1_000, "TERM", "action").exit(1_300, 0, false)
                .replica(0).signal(3_010, "TERM", "stop").exit(3_020, 143, false);

        ShutdownMeasurement m = ShutdownAnalysis.of(j.events());

        Episode e = only(m);
        assertThat(e.replica()).isEqualTo(1);
        assertThat(e.inFlight().total()).isEqualTo(1);
        assertThat(m.replicas()).isEqualTo(2);
    }

    @Test
    void aRunAbortedBeforeAnySignalMeasuresNoShutdown() {
        ShutdownJournal j = underLoad().aborted(12_000).signal(12_001, "TERM", "abort").exit(12_100, 143, false);

        ShutdownMeasurement m = ShutdownAnalysis.of(j.events());

        assertThat(m.episodes()).isEmpty();
        assertThat(m.unmeasured()).hasValue("the run was aborted before any target was signalled; the abort's own stop is not judged");
    }

    @Test
    void aTargetThatExitedByItselfWasNeverSignalled() {
        ShutdownJournal j = underLoad().exitByItself(3_200, 1);

        ShutdownMeasurement m = ShutdownAnalysis.of(j.events());

        assertThat(m.unmeasured()).hasValue("no target was signalled: replica 0 exited by itself with code 1 at 3.20 s, before any signal");
    }

    @Test
    void aSignalThatReachesOnlyWhatAnExitedTargetLeftBehindIsMarkedSo() {
        ShutdownJournal j = underLoad().exitByItself(11_000, 0).signal(12_000, "TERM", "action");

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.exitedBeforeNanos()).hasValue(1_000_000_000L);
        assertThat(e.exit()).isEmpty();
    }

    @Test
    void aProbeCutAsTheProcessEndsIsTheExitItselfNotAWarning() {
        ShutdownJournal j = journal().replica(0).phase("drain", 0).end(5_000)
                .readiness(0, 2_000, 250, 200).signal(2_000, "TERM", "action")
                .readinessAnswer(2_010, 0, CallOutcome.RESET).exit(2_020, 143, false);

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.readiness().failedBeforeExit()).isZero();
        assertThat(e.readiness().failedAtExit()).isEqualTo(1);
        assertThat(e.readiness().firstFailure()).hasValue("reset");
    }

    @Test
    void readinessAlreadyFailingAtTheSignalIsSaidSo() {
        ShutdownJournal j = journal().replica(0).phase("drain", 0).end(5_000)
                .readiness(0, 2_000, 250, 503).signal(2_000, "TERM", "action")
                .readinessAnswer(2_100, 0, CallOutcome.REFUSED).exit(2_300, 0, false);

        Episode e = only(ShutdownAnalysis.of(j.events()));

        assertThat(e.readiness().failingAtSignal()).isTrue();
        assertThat(e.readiness().firstFailure()).hasValue("refused");
        assertThat(e.readiness().failedBeforeExit()).isEqualTo(1);
    }
}
