package dev.faultline.judge;

import dev.faultline.analysis.JudgedJournal;
import dev.faultline.analysis.WallClock;
import dev.faultline.analysis.balance.BalanceJudge;
import dev.faultline.analysis.drift.DriftJudge;
import dev.faultline.analysis.fairness.FairnessJudge;
import dev.faultline.analysis.health.HealthJudge;
import dev.faultline.analysis.latency.LatencyJudge;
import dev.faultline.analysis.retry.RetryJudge;
import dev.faultline.analysis.shutdown.ShutdownJudge;
import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Verdict;
import dev.faultline.scenario.Expectations;
import dev.faultline.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Judges every expectation of a scenario against a journal, and folds the checks into a verdict. Pure. */
public final class Judge {
    private Judge() {
    }

    /** All checks, grouped by kind in the format's order; HTTP-date Retry-After values are not resolved. */
    public static List<ExpectationResult> all(Scenario scenario, List<Event> events) {
        return all(scenario, events, Optional.empty());
    }

    /**
     * All checks, grouped by kind in the format's order.
     *
     * @param wallClock the run's wall-clock start, which places HTTP-date Retry-After values on the run's clock
     */
    public static List<ExpectationResult> all(Scenario scenario, List<Event> events, Optional<WallClock> wallClock) {
        List<ExpectationResult> results = new ArrayList<>(RetryJudge.judge(scenario, events, wallClock));
        results.addAll(allButRetries(scenario, events, wallClock));
        return results;
    }

    /**
     * All checks, grouped by kind in the format's order, read from the journal in place: the retry
     * checks read each upstream's attempts as columns straight from the journal's compact requests
     * ({@link JudgedJournal}), and the events are listed as records only when another kind of check
     * is expected.
     *
     * @param wallClock the run's wall-clock start, which places HTTP-date Retry-After values on the run's clock
     */
    public static List<ExpectationResult> all(Scenario scenario, Journal journal, Optional<WallClock> wallClock) {
        List<ExpectationResult> results = new ArrayList<>(RetryJudge.judge(scenario, JudgedJournal.of(journal), wallClock));
        Expectations expect = scenario.expect();
        boolean others = !expect.health().isEmpty() || !expect.shutdown().isEmpty() || !expect.fairness().isEmpty()
                || !expect.latency().isEmpty() || !expect.balance().isEmpty() || !expect.drift().isEmpty();
        if (others) {
            results.addAll(allButRetries(scenario, journal.snapshot(), wallClock));
        }
        return results;
    }

    private static List<ExpectationResult> allButRetries(Scenario scenario, List<Event> events, Optional<WallClock> wallClock) {
        List<ExpectationResult> results = new ArrayList<>(HealthJudge.judge(scenario, events));
        results.addAll(ShutdownJudge.judge(scenario, events));
        results.addAll(FairnessJudge.judge(scenario, events, wallClock));
        results.addAll(LatencyJudge.judge(scenario, events));
        results.addAll(BalanceJudge.judge(scenario, events));
        results.addAll(DriftJudge.judge(scenario, events, wallClock));
        return results;
    }

    /** Failed if any check failed, else inconclusive if any could not be judged, else held. */
    public static Verdict verdict(List<ExpectationResult> results) {
        if (results.stream().anyMatch(r -> r.status() == CheckStatus.FAILED)) {
            return Verdict.FAILED;
        }
        if (results.stream().anyMatch(r -> r.status() == CheckStatus.INCONCLUSIVE)) {
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.HELD;
    }
}
