package dev.faultline.judge;

import dev.faultline.analysis.WallClock;
import dev.faultline.analysis.balance.BalanceJudge;
import dev.faultline.analysis.drift.DriftJudge;
import dev.faultline.analysis.fairness.FairnessJudge;
import dev.faultline.analysis.health.HealthJudge;
import dev.faultline.analysis.latency.LatencyJudge;
import dev.faultline.analysis.retry.RetryJudge;
import dev.faultline.analysis.shutdown.ShutdownJudge;
import dev.faultline.journal.Event;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Verdict;
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
        results.addAll(HealthJudge.judge(scenario, events));
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
