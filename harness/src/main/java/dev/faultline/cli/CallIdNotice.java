package dev.faultline.cli;

import dev.faultline.analysis.CallGrouper;
import dev.faultline.analysis.CallGrouping;
import dev.faultline.analysis.retry.AmplificationAnalyzer;
import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.CallsBy;
import dev.faultline.scenario.Expectations.RetryExpectation;
import dev.faultline.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Says when a retry check was judged by attempt rates rather than per call. With {@code by: auto}
 * and attempts that carry no X-Request-Id, traceparent or Idempotency-Key, max-amplification and
 * max-retry-ratio compare the fault window's attempt rate with a fault-free phase's. Such a verdict
 * passes or fails like any other and its explanation is printed only when it fails, so without this
 * notice a passing run would not tell the user that their target did not forward the id. Pure.
 */
final class CallIdNotice {
    private static final List<String> RATE_BASED = List.of("max-amplification", "max-retry-ratio");

    private CallIdNotice() {
    }

    /** One warning per {@code expect.retries} entry whose judged checks fell back to attempt rates. */
    static List<String> warnings(Scenario scenario, List<Event> events, List<ExpectationResult> results) {
        Map<String, ExpectationResult> byId = results.stream()
                .collect(Collectors.toMap(ExpectationResult::id, Function.identity(), (a, b) -> a));
        List<String> warnings = new ArrayList<>();
        for (RetryExpectation e : scenario.expect().retries()) {
            if (!(e.callsBy() instanceof CallsBy.Auto)) {
                continue;
            }
            List<String> judged = RATE_BASED.stream()
                    .filter(check -> {
                        ExpectationResult r = byId.get(e.id() + "." + check);
                        return r != null && r.status() != CheckStatus.INCONCLUSIVE;
                    })
                    .map(check -> e.id() + "." + check).toList();
            if (judged.isEmpty()) {
                continue;
            }
            List<UpstreamRequest> attempts = AmplificationAnalyzer.attemptsAt(events, e.upstream());
            if (CallGrouper.group(attempts, e.callsBy(), e.noRetryOn()) instanceof CallGrouping.NoCallIds) {
                warnings.add("warning: " + String.join(" and ", judged) + ": judged by attempt rates, not per call: fewer than half"
                        + " of the " + attempts.size() + " attempts at " + e.upstream() + " carried X-Request-Id, traceparent"
                        + " or Idempotency-Key (the target did not forward X-Request-Id; forward it from the incoming"
                        + " request, or set by: client in expect.retries for a client that makes one call at a time)");
            }
        }
        return warnings;
    }
}
