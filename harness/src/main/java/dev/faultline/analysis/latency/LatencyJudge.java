package dev.faultline.analysis.latency;

import dev.faultline.report.Numbers;
import dev.faultline.analysis.LoadStats;
import dev.faultline.analysis.Timeline;
import dev.faultline.expect.Checks;
import dev.faultline.expect.LoadFidelity;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Expectations.LatencyExpectation;
import dev.faultline.scenario.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges {@code expect.latency} from the load's results: latency percentiles measured from each
 * request's intended send time (all judged requests, failures and timeouts included) and the share
 * that succeeded (2xx/3xx), over the {@code during} phases (default: the whole run). Pure.
 */
public final class LatencyJudge {
    private static final String KIND = "latency";
    private static final String[] PERCENTILES = {"p50", "p90", "p99", "max"};

    private LatencyJudge() {
    }

    /** Every latency check of the scenario, in file order. */
    public static List<ExpectationResult> judge(Scenario scenario, List<Event> events) {
        List<ExpectationResult> results = new ArrayList<>();
        if (scenario.expect().latency().isEmpty()) {
            return results;
        }
        Timeline timeline = Timeline.of(events);
        List<LoadResult> load = LoadStats.results(events);
        for (LatencyExpectation e : scenario.expect().latency()) {
            results.addAll(judge(e, LatencyAnalysis.of(e, timeline, load)));
        }
        return results;
    }

    /** The checks of one entry, from its analysis. */
    static List<ExpectationResult> judge(LatencyExpectation e, LatencyAnalysis a) {
        String where = a.where();
        LoadStats stats = a.stats();
        String unjudgeable = a.unjudgeable().orElse(null);

        List<ExpectationResult> results = new ArrayList<>();
        for (String which : PERCENTILES) {
            Optional<Duration> limit = limit(e, which);
            if (limit.isEmpty()) {
                continue;
            }
            String id = e.id() + "." + which;
            double limitMs = limit.get().toNanos() / 1e6;
            if (unjudgeable != null) {
                results.add(Checks.inconclusive(id, KIND, limitMs, "<=", "ms", unjudgeable));
            } else {
                results.add(percentile(id, which, stats, where, limitMs));
            }
        }
        if (e.minSuccessRate().isPresent()) {
            String id = e.id() + ".min-success-rate";
            double limit = e.minSuccessRate().getAsDouble();
            LoadStats punctual = a.punctual();
            long late = stats.requests() - punctual.requests();
            String problem = unjudgeable != null ? unjudgeable
                    : LoadFidelity.problem(late, stats.requests(), stats.lag()).orElse(null);
            if (problem != null) {
                results.add(Checks.inconclusive(id, KIND, limit, ">=", "", problem));
            } else {
                results.add(Checks.atLeast(id, KIND, punctual.successRate(), limit, "",
                        punctual.succeeded() + " of " + Numbers.count(punctual.requests(), "request") + " succeeded (2xx/3xx) during "
                                + where + " (" + outcomes(punctual.outcomes()) + ")"
                                + (late > 0 ? "; " + late + " sent more than 100 ms late were left out" : "")));
            }
        }
        return results;
    }

    // From the intended send time the driver's lag can only add latency: a pass stands; a failure that
    // would pass from the actual send time may be the driver's doing, so it is inconclusive.
    private static ExpectationResult percentile(String id, String which, LoadStats stats, String where, double limitMs) {
        ExpectationResult result = Checks.atMost(id, KIND, stats.latency().nanos(which) / 1e6, limitMs, "ms",
                latencySentence(which, stats, where));
        double fromSendMs = stats.latencyFromSend().nanos(which) / 1e6;
        if (result.passed() || fromSendMs > limitMs) {
            return result;
        }
        return Checks.inconclusive(id, KIND, limitMs, "<=", "ms", which + " " + Numbers.millis(stats.latency().nanos(which))
                + " from the intended send time is over the limit, but only " + Numbers.number(fromSendMs)
                + " ms from the actual send: the load driver's own lag (p99 " + Numbers.millis(stats.lag().p99Nanos())
                + ", max " + Numbers.millis(stats.lag().maxNanos()) + ") may account for the difference");
    }

    private static Optional<Duration> limit(LatencyExpectation e, String which) {
        return switch (which) {
            case "p50" -> e.p50();
            case "p90" -> e.p90();
            case "p99" -> e.p99();
            default -> e.max();
        };
    }

    private static String latencySentence(String which, LoadStats s, String where) {
        String text = which + " " + Numbers.millis(s.latency().nanos(which)) + " over " + Numbers.count(s.requests(), "request")
                + " during " + where + ", from the intended send time (p50 " + Numbers.millis(s.latency().p50Nanos())
                + ", p99 " + Numbers.millis(s.latency().p99Nanos()) + ", max " + Numbers.millis(s.latency().maxNanos()) + ")";
        if (s.succeeded() < s.requests()) {
            text += "; " + (s.requests() - s.succeeded()) + " failed (" + outcomes(s.outcomes()) + ")"
                    + (s.successLatency().count() > 0 ? ", successes alone p99 " + Numbers.millis(s.successLatency().p99Nanos()) : "");
        }
        return text;
    }

    /** {@code 200: 190, 503: 8, timeout: 2}. */
    static String outcomes(Map<String, Long> outcomes) {
        return outcomes.entrySet().stream().map(o -> o.getKey() + ": " + o.getValue()).collect(Collectors.joining(", "));
    }
}
