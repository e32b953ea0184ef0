package dev.faultline.expect;

import dev.faultline.analysis.RetryAnalyzer;
import dev.faultline.analysis.RetryMeasurement;
import dev.faultline.analysis.RetryScope;
import dev.faultline.journal.Event;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Expectations.RetryExpectation;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges {@code expect.retries} from the journal: amplification, attempts per call and the retry
 * ratio, each with a one-line explanation carrying the numbers behind it. Pure.
 */
public final class RetryJudge {
    private static final String KIND = "retries";

    private RetryJudge() {
    }

    /** Every retry check of the scenario, in file order. */
    public static List<ExpectationResult> judge(Scenario scenario, List<Event> events) {
        List<ExpectationResult> results = new ArrayList<>();
        for (RetryExpectation expectation : scenario.expect().retries()) {
            results.addAll(judge(scenario, expectation, events));
        }
        return results;
    }

    static List<ExpectationResult> judge(Scenario scenario, RetryExpectation e, List<Event> events) {
        List<String> during = e.during().isEmpty() ? faultPhases(scenario, e.upstream()) : e.during();
        Optional<String> baseline = scenario.phases().stream()
                .filter(p -> p.faultsFor(e.upstream()).isEmpty() && !during.contains(p.name()))
                .map(PhaseSpec::name)
                .findFirst();
        RetryMeasurement m = RetryAnalyzer.measure(events, new RetryScope(e.upstream(), during, e.callsBy(), baseline));
        String window = windowName(e.upstream(), during);

        String unjudgeable = null;
        if (during.isEmpty()) {
            unjudgeable = "no phase injects faults on " + e.upstream() + ", so there is no fault window to judge (name one with during:)";
        } else if (m.windows().isEmpty()) {
            unjudgeable = "the phases " + during + " were never played";
        } else if (m.faultedInWindow() == 0) {
            unjudgeable = "no fault fired at " + window + " (" + m.attemptsInWindow() + " attempts, none faulted): nothing to judge";
        }

        List<ExpectationResult> results = new ArrayList<>();
        e.maxAmplification().ifPresent(limit -> results.add(amplification(e, m, limit, window)));
        e.maxAttemptsPerCall().ifPresent(limit -> results.add(attemptsPerCall(e, m, limit, window)));
        e.maxRetryRatio().ifPresent(limit -> results.add(retryRatio(e, m, limit, window)));
        if (unjudgeable != null) {
            String reason = unjudgeable;
            results.replaceAll(r -> Checks.inconclusive(r.id(), KIND, r.limit(), r.comparison(), r.unit(), reason));
        }
        return results;
    }

    private static ExpectationResult amplification(RetryExpectation e, RetryMeasurement m, double limit, String window) {
        String id = e.id() + ".max-amplification";
        String unit = "attempts/call";
        Optional<RetryMeasurement.CallStats> calls = m.calls().filter(c -> c.calls() > 0);
        if (calls.isPresent()) {
            RetryMeasurement.CallStats c = calls.get();
            return Checks.atMost(id, KIND, c.amplification(), limit, unit, callsSentence(c, window));
        }
        if (m.rate().isPresent() && !Double.isNaN(m.rate().get().amplification())) {
            RetryMeasurement.RateStats r = m.rate().get();
            return Checks.atMost(id, KIND, r.amplification(), limit, "× baseline rate",
                    noIdsPrefix(m) + "attempt rate " + Checks.number(r.windowPerSecond()) + "/s at " + window + " vs "
                            + Checks.number(r.baselinePerSecond()) + "/s during " + r.baselinePhase() + ": ×"
                            + Checks.number(r.amplification()));
        }
        return Checks.inconclusive(id, KIND, limit, "<=", unit, noCalls(m, window)
                + (m.rate().isEmpty() ? "; no fault-free phase to compare rates with" : "; the baseline phase saw no attempts"));
    }

    private static ExpectationResult attemptsPerCall(RetryExpectation e, RetryMeasurement m, int limit, String window) {
        String id = e.id() + ".max-attempts-per-call";
        String unit = "attempts";
        Optional<RetryMeasurement.CallStats> calls = m.calls().filter(c -> c.calls() > 0);
        if (calls.isEmpty()) {
            return Checks.inconclusive(id, KIND, (double) limit, "<=", unit, noCalls(m, window));
        }
        RetryMeasurement.CallStats c = calls.get();
        return Checks.atMost(id, KIND, c.maxAttemptsPerCall(), limit, unit,
                "the worst call (" + c.worstCallKey() + ") made " + Checks.count(c.maxAttemptsPerCall(), "attempt") + "; "
                        + Checks.count(c.calls(), "call") + " started at " + window);
    }

    private static ExpectationResult retryRatio(RetryExpectation e, RetryMeasurement m, double limit, String window) {
        String id = e.id() + ".max-retry-ratio";
        String unit = "retries/call";
        Optional<RetryMeasurement.CallStats> calls = m.calls().filter(c -> c.calls() > 0);
        if (calls.isPresent()) {
            RetryMeasurement.CallStats c = calls.get();
            return Checks.atMost(id, KIND, c.retryRatio(), limit, unit,
                    Checks.count(c.retries(), "retry", "retries") + " for " + Checks.count(c.calls(), "first attempt") + " at " + window + " (retries are "
                            + Checks.number(100 * c.retryShare()) + " % of all attempts)");
        }
        if (m.rate().isPresent() && !Double.isNaN(m.rate().get().amplification())) {
            RetryMeasurement.RateStats r = m.rate().get();
            double ratio = Math.max(0, r.amplification() - 1);
            return Checks.atMost(id, KIND, ratio, limit, unit, noIdsPrefix(m) + "attempt rate ×"
                    + Checks.number(r.amplification()) + " the " + r.baselinePhase() + " rate, so about "
                    + Checks.number(ratio) + " extra attempts per call");
        }
        return Checks.inconclusive(id, KIND, limit, "<=", unit, noCalls(m, window));
    }

    private static String callsSentence(RetryMeasurement.CallStats c, String window) {
        String text = Checks.count(c.attempts(), "attempt") + " for " + Checks.count(c.calls(), "call") + " (grouped by "
                + c.basis() + ") at " + window + ": " + Checks.number(c.amplification()) + " attempts per call";
        if (c.attemptsWithoutId() > 0) {
            text += "; " + c.attemptsWithoutId() + " attempts lacked " + c.basis() + " and count as calls of their own";
        }
        return text;
    }

    private static String noIdsPrefix(RetryMeasurement m) {
        return m.noCallIdsReason().isEmpty() ? "" : m.noCallIdsReason() + "; ";
    }

    private static String noCalls(RetryMeasurement m, String window) {
        if (!m.noCallIdsReason().isEmpty()) {
            return m.noCallIdsReason() + " (forward X-Request-Id, or use calls-by: client for a client that makes one call at a time)";
        }
        return "no call started at " + window;
    }

    private static String windowName(String upstream, List<String> during) {
        return upstream + " during " + String.join(", ", during);
    }

    /** Phases that inject faults on the upstream, in timeline order. */
    static List<String> faultPhases(Scenario scenario, String upstream) {
        return scenario.phases().stream().filter(p -> !p.faultsFor(upstream).isEmpty()).map(PhaseSpec::name).toList();
    }
}
