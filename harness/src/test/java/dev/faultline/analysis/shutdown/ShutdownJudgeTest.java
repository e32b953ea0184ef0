package dev.faultline.analysis.shutdown;

import dev.faultline.journal.CallOutcome;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Expectations.ShutdownExpectation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.faultline.analysis.shutdown.ShutdownJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;

class ShutdownJudgeTest {
    private static final ShutdownExpectation ALL = new ShutdownExpectation("shutdown", Optional.of(Duration.ofSeconds(5)),
            OptionalInt.of(0), List.of(0), Optional.of(true));

    /**
     * Requests every 100 ms from 10 s taking 1 s each until 11 s, readiness every 250 ms; the nine requests
     * sent at 11.1 .. 11.9 s are left to the caller, so a signal at 12 s finds them in flight.
     */
    private static ShutdownJournal beforeTheSignal() {
        return journal().replica(0).phase("steady", 0).phase("drain", 10_000).end(15_000)
                .steady(10_000, 11_001, 100, 1_000)
                .readiness(10_000, 12_000, 250, 200);
    }

    /** As {@link #beforeTheSignal()}, with the nine requests in flight at 12 s each answered 200 after 1 s. */
    private static ShutdownJournal underLoad() {
        return beforeTheSignal().steady(11_100, 12_000, 100, 1_000);
    }

    private static ShutdownJournal graceful() {
        ShutdownJournal j = underLoad().signal(12_000, "TERM", "action")
                .readiness(12_250, 13_500, 250, 503)
                .exit(13_350, 0, false);
        for (long t = 12_000; t < 12_300; t += 100) {
            j.failed(t, t + 1, CallOutcome.REFUSED);
        }
        return j;
    }

    private static ShutdownJournal abrupt() {
        ShutdownJournal j = beforeTheSignal().signal(12_000, "TERM", "action").exit(12_020, 143, false);
        for (long t = 11_100; t < 12_000; t += 100) {
            j.failed(t, 12_021, CallOutcome.CLOSED);
            j.upstreamAbandoned("inventory", t + 2, t + 1_002);
        }
        return j;
    }

    private static List<ExpectationResult> judge(ShutdownExpectation e, ShutdownJournal j) {
        return ShutdownJudge.judge(e, ShutdownAnalysis.of(j.events()));
    }

    private static ExpectationResult check(List<ExpectationResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + results));
    }

    @Test
    void aGracefulShutdownPassesEveryCheckAndSaysWhatHappenedInOneLine() {
        List<ExpectationResult> results = judge(ALL, graceful());

        assertThat(results).extracting(ExpectationResult::id).containsExactly("shutdown.max-drain", "shutdown.max-failed-in-flight",
                "shutdown.exit-code", "shutdown.readiness-fails-before-exit");
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.id() + ": " + r.explanation()).isEqualTo(CheckStatus.PASSED));
        assertThat(check(results, "shutdown.max-failed-in-flight").explanation()).isEqualTo(
                "SIGTERM at 12.00 s (2.00 s into drain) with 9 requests in flight: 9 completed; 3 requests sent after it before the exit were refused"
                        + " (connection refused 3); readiness failed 0.26 s after the signal (503); exited 0 after 1.35 s without KILL;"
                        + " no upstream call abandoned");
        ExpectationResult drain = check(results, "shutdown.max-drain");
        assertThat(drain.measured()).isEqualTo(1.35);
        assertThat(drain.explanation()).isEqualTo("SIGTERM at 12.00 s (2.00 s into drain): exited 0 after 1.35 s without KILL (9 requests were in flight,"
                + " 9 completed; the last ended 0.90 s after the signal)");
        assertThat(check(results, "shutdown.readiness-fails-before-exit").explanation()).isEqualTo("SIGTERM at 12.00 s (2.00 s into drain): readiness"
                + " failed 0.26 s after the signal (503), 1.10 s before the exit; 4 of 4 answers between the signal and the exit 1.35 s"
                + " later (until 0.10 s before it) failed");
        ExpectationResult code = check(results, "shutdown.exit-code");
        assertThat(code.measuredText()).isEqualTo("0");
        assertThat(code.limitText()).isEqualTo("0");
    }

    @Test
    void anAbruptExitFailsWithTheInFlightCountInTheMessage() {
        List<ExpectationResult> results = judge(ALL, abrupt());

        ExpectationResult lost = check(results, "shutdown.max-failed-in-flight");
        assertThat(lost.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(lost.measured()).isEqualTo(9.0);
        assertThat(lost.explanation()).isEqualTo("SIGTERM at 12.00 s (2.00 s into drain) with 9 requests in flight: 0 completed, 9 failed (closed 9);"
                + " none sent after it before the exit; readiness never failed; exited 143 (ended by SIGTERM itself: no handler for it)"
                + " after 0.02 s without KILL; 9 upstream calls abandoned mid-response (inventory 9)");
        ExpectationResult code = check(results, "shutdown.exit-code");
        assertThat(code.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(code.measured()).isEqualTo(143.0);
        ExpectationResult readiness = check(results, "shutdown.readiness-fails-before-exit");
        assertThat(readiness.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(readiness.explanation()).isEqualTo("SIGTERM at 12.00 s (2.00 s into drain): readiness never failed between the signal and the exit"
                + " 0.02 s later (no answer arrived until 0.10 s before it)");
        assertThat(check(results, "shutdown.max-drain").status()).as("it was quick, at least").isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void readinessThatFailsOnlyOnceTheTargetIsGoneIsNotCountedAsAWarning() {
        ShutdownJournal j = abrupt().readinessAnswer(12_100, 0, CallOutcome.REFUSED).failed(12_010, 12_011, CallOutcome.RESET);

        List<ExpectationResult> results = judge(ALL, j);

        assertThat(check(results, "shutdown.max-failed-in-flight").explanation()).contains("; 1 request sent after it before the exit"
                + " failed (reset 1); readiness did not fail until the exit (first failure 0.11 s after the signal, refused); exited 143");
        assertThat(check(results, "shutdown.readiness-fails-before-exit").status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void aProbeCutAsTheTargetEndsIsSaidToBeTheExitItself() {
        ShutdownJournal j = abrupt().readinessAnswer(12_005, 0, CallOutcome.RESET);

        ExpectationResult readiness = check(judge(ALL, j), "shutdown.readiness-fails-before-exit");

        assertThat(readiness.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(readiness.explanation()).endsWith("(no answer arrived until 0.10 s before it); 1 failed answer came as the process"
                + " ended: the exit itself, not a warning");
    }

    @Test
    void anAcceptedListOfExitCodesPassesAnyOfThem() {
        ShutdownExpectation e = new ShutdownExpectation("shutdown", Optional.empty(), OptionalInt.empty(), List.of(0, 143),
                Optional.empty());

        ExpectationResult code = judge(e, abrupt()).get(0);

        assertThat(code.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(code.limitText()).isEqualTo("[0, 143]");
        assertThat(code.comparison()).isEqualTo("in");
    }

    @Test
    void aTargetThatNeededKillFailsTheDrainAndSaysSo() {
        ShutdownJournal j = underLoad().signal(12_000, "TERM", "action").signal(22_000, "KILL", "kill").exit(22_010, 137, true);

        List<ExpectationResult> results = judge(ALL, j);

        ExpectationResult drain = check(results, "shutdown.max-drain");
        assertThat(drain.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(drain.explanation()).startsWith("SIGTERM at 12.00 s (2.00 s into drain): exited 137 (ended by SIGKILL) after 10.01 s: the grace ran out"
                + " and the harness sent KILL");
        assertThat(check(results, "shutdown.exit-code").measuredText()).isEqualTo("137");
    }

    @Test
    void withNothingInFlightAtTheSignalNothingCouldBeLostSoTheCheckIsInconclusive() {
        ShutdownJournal j = journal().replica(0).phase("drain", 0).end(5_000).steady(0, 2_000, 100, 10)
                .signal(2_000, "TERM", "action").exit(2_100, 0, false);

        ExpectationResult lost = check(judge(ALL, j), "shutdown.max-failed-in-flight");

        assertThat(lost.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(lost.explanation()).startsWith("SIGTERM at 2.00 s (2.00 s into drain): no load request was in flight, so none could be lost");
    }

    @Test
    void withoutLoadInFlightRequestsCannotBeJudged() {
        ShutdownJournal j = journal().replica(0).phase("drain", 0).end(5_000).signal(2_000, "TERM", "action").exit(2_100, 0, false);

        ExpectationResult lost = check(judge(ALL, j), "shutdown.max-failed-in-flight");

        assertThat(lost.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(lost.explanation()).contains("sends no load");
    }

    @Test
    void requestsTheHarnessCancelledMakeAPassInconclusiveButNeverHideAFailure() {
        ShutdownJournal cancelled = underLoad().signal(12_000, "TERM", "action").request(11_950, 12_500, 0, CallOutcome.CANCELLED)
                .exit(13_000, 0, false);
        ShutdownJournal failedToo = underLoad().signal(12_000, "TERM", "action").request(11_950, 12_500, 0, CallOutcome.CANCELLED)
                .failed(11_960, 12_010, CallOutcome.RESET).exit(13_000, 0, false);

        ExpectationResult unsure = check(judge(ALL, cancelled), "shutdown.max-failed-in-flight");
        ExpectationResult failed = check(judge(ALL, failedToo), "shutdown.max-failed-in-flight");

        assertThat(unsure.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(unsure.explanation()).endsWith("(1 request cancelled by the harness could have gone either way)");
        assertThat(failed.status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void aRunAbortedDuringTheDrainFailsTheDrainOnlyOnceItHasOutlastedTheLimit() {
        ShutdownJournal longWait = journal().replica(0).phase("drain", 0).aborted(8_000).signal(1_000, "TERM", "action")
                .signal(8_001, "TERM", "abort").exit(8_100, 143, false);
        ShutdownJournal shortWait = journal().replica(0).phase("drain", 0).aborted(3_000).signal(1_000, "TERM", "action")
                .signal(3_001, "TERM", "abort").exit(3_100, 143, false);

        ExpectationResult failed = check(judge(ALL, longWait), "shutdown.max-drain");
        ExpectationResult unsure = check(judge(ALL, shortWait), "shutdown.max-drain");

        assertThat(failed.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(failed.measuredText()).isEqualTo("> 7.00 s");
        assertThat(failed.explanation()).isEqualTo("SIGTERM at 1.00 s (1.00 s into drain): had not exited when the run was aborted 7.00 s after the signal");
        assertThat(unsure.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(check(judge(ALL, shortWait), "shutdown.exit-code").status()).isEqualTo(CheckStatus.INCONCLUSIVE);
    }

    @Test
    void withNoSignalAtAllEveryCheckIsInconclusiveAndSaysWhy() {
        ShutdownJournal j = underLoad().aborted(11_000).signal(11_001, "TERM", "abort").exit(11_100, 143, false);

        List<ExpectationResult> results = judge(ALL, j);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
            assertThat(r.explanation()).isEqualTo("the run was aborted before any target was signalled; the abort's own stop is not judged");
        });
    }

    @Test
    void readinessFailsBeforeExitFalseRequiresNothingButShowsTheMeasurement() {
        ShutdownExpectation e = new ShutdownExpectation("shutdown", Optional.empty(), OptionalInt.empty(), List.of(),
                Optional.of(false));

        ExpectationResult readiness = judge(e, abrupt()).get(0);

        assertThat(readiness.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(readiness.measuredText()).isEqualTo("0 failed answers");
        assertThat(readiness.explanation()).endsWith("(nothing was required: false)");
    }

    @Test
    void severalReplicasAreNamedAndTheirFailedInFlightRequestsAdded() {
        ShutdownJournal j = journal().replica(0).failed(900, 1_010, CallOutcome.CLOSED).signal(1_000, "TERM", "action")
                .exit(1_010, 143, false)
                .replica(1).ok(950, 1_500).failed(960, 1_020, CallOutcome.CLOSED).signal(1_000, "TERM", "action")
                .exit(1_600, 0, false)
                .phase("drain", 0).end(3_000);

        List<ExpectationResult> results = judge(ALL, j);

        ExpectationResult lost = check(results, "shutdown.max-failed-in-flight");
        assertThat(lost.measured()).isEqualTo(2.0);
        assertThat(lost.explanation()).startsWith("SIGTERM to replica 0 at 1.00 s (1.00 s into drain) with 1 request in flight: 0 completed, 1 failed")
                .contains("; SIGTERM to replica 1 at 1.00 s (1.00 s into drain) with 2 requests in flight: 1 completed, 1 failed (closed 1)");
        ExpectationResult drain = check(results, "shutdown.max-drain");
        assertThat(drain.measured()).isEqualTo(0.6);
        assertThat(drain.explanation()).startsWith("SIGTERM to replica 1 at 1.00 s (1.00 s into drain): exited 0 after 0.60 s").endsWith("; replica 0: 0.01 s");
        assertThat(check(results, "shutdown.exit-code").explanation()).startsWith("SIGTERM to replica 0 at 1.00 s (1.00 s into drain): exited 143");
    }

    @Test
    void theFinalStopIsNamedAsSuch() {
        ShutdownJournal j = underLoad().signal(15_010, "QUIT", "stop").exit(15_400, 0, false);

        ExpectationResult drain = check(judge(ALL, j), "shutdown.max-drain");

        assertThat(drain.explanation()).startsWith("SIGQUIT at 15.01 s (the final stop): exited 0 after 0.39 s without KILL");
    }
}
