package dev.faultline.analysis.drift;

import dev.faultline.analysis.WallClock;
import dev.faultline.expect.Checks;
import dev.faultline.expect.LoadFidelity;
import dev.faultline.journal.Event;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Numbers;
import dev.faultline.scenario.DriftExpectation;
import dev.faultline.scenario.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges {@code expect.drift}: how far the load's success rate at the target fell in the drift
 * phases against the baseline phase (the worst drift phase counts, so a scenario that plays one
 * mutation per phase names the one that broke the client), and how many requests reached a
 * deprecated endpoint after its sunset. Pure.
 */
public final class DriftJudge {
    private static final String KIND = "drift";

    private DriftJudge() {
    }

    /** Every drift check of the scenario, in file order. */
    public static List<ExpectationResult> judge(Scenario scenario, List<Event> events, Optional<WallClock> wallClock) {
        List<ExpectationResult> results = new ArrayList<>();
        for (DriftExpectation e : scenario.expect().drift()) {
            results.addAll(judge(e, DriftAnalysis.of(e, scenario, events, wallClock)));
        }
        return results;
    }

    /** The checks of one entry, from its analysis. */
    static List<ExpectationResult> judge(DriftExpectation e, DriftAnalysis a) {
        List<ExpectationResult> results = new ArrayList<>();
        if (e.maxSuccessDrop().isPresent()) {
            results.add(successDrop(e.id() + ".max-success-drop", e.maxSuccessDrop().getAsDouble(), a));
        }
        if (e.maxCallsAfterSunset().isPresent()) {
            results.add(callsAfterSunset(e.id() + ".max-calls-after-sunset", e.maxCallsAfterSunset().getAsInt(), a));
        }
        return results;
    }

    private static ExpectationResult successDrop(String id, double limit, DriftAnalysis a) {
        if (a.unjudgeable().isPresent()) {
            return Checks.inconclusive(id, KIND, limit, "<=", "", a.unjudgeable().get());
        }
        PhaseSuccess base = a.base();
        PhaseSuccess worst = a.phases().stream()
                .max(Comparator.comparingDouble(p -> base.rate() - p.rate())).orElseThrow();
        for (PhaseSuccess p : List.of(base, worst)) {
            if (p.late() > LoadFidelity.MAX_LATE_SHARE * p.requests()) {
                return Checks.inconclusive(id, KIND, limit, "<=", "", "the load driver sent " + p.late() + " of "
                        + Numbers.count(p.requests(), "request") + " in " + p.phase() + " more than 100 ms late, too many"
                        + " to compare success rates by (the machine is overloaded)");
            }
        }
        double drop = base.rate() - worst.rate();
        StringBuilder text = new StringBuilder("success ").append(share(base)).append(" in ").append(base.phase())
                .append(" (baseline), ").append(share(worst)).append(" in ").append(worst.phase())
                .append(a.phases().size() > 1 ? " (the worst drift phase)" : "");
        if (worst.succeeded() < worst.requests()) {
            if (!worst.blame().isEmpty()) {
                text.append("; what broke the client: ").append(counts(worst.blame()))
                        .append(" (failed requests, each linked to its upstream request by X-Request-Id)");
            } else {
                text.append("; the upstream's answers there: ").append(counts(worst.faults()))
                        .append(" (the target does not forward the load's X-Request-Id, so failures are linked to the phase, not"
                                + " to single upstream requests)");
            }
        } else {
            text.append("; the upstream's answers there: ").append(counts(worst.faults()));
        }
        if (a.phases().size() > 1) {
            text.append("; per drift phase: ").append(a.phases().stream()
                    .map(p -> p.phase() + " " + share(p)).collect(Collectors.joining(", ")));
        }
        PhaseAttribution at = a.attribution();
        if (at.leftOut() > 0) {
            text.append("; ").append(Numbers.count(at.leftOut(), "request")).append(" in flight across a phase start and"
                    + " not linked to an upstream request left out");
        }
        if (at.movedOut() > 0) {
            text.append("; ").append(Numbers.count(at.movedOut(), "request")).append(" counted in the phase whose faults"
                    + " they met, not the one they were sent in");
        }
        return Checks.atMost(id, KIND, drop, limit, "", text.toString());
    }

    private static ExpectationResult callsAfterSunset(String id, int limit, DriftAnalysis a) {
        if (a.sunsetProblem().isPresent()) {
            return Checks.inconclusive(id, KIND, (double) limit, "<=", "requests", a.sunsetProblem().get());
        }
        SunsetCalls s = a.sunset().orElseThrow();
        String text = s.afterSunset() == 0
                ? "none of the " + Numbers.count(s.matched(), "request") + " to deprecated endpoints arrived after the sunset"
                : s.afterSunset() + " of " + Numbers.count(s.matched(), "request") + " to deprecated endpoints arrived after"
                + " their sunset: " + counts(s.endpoints()) + "; the first at " + Numbers.number(s.firstLateAt()) + " s";
        return Checks.atMost(id, KIND, s.afterSunset(), limit, "requests", text);
    }

    private static String share(PhaseSuccess p) {
        return Numbers.percent(p.rate()) + " (" + p.succeeded() + " of " + p.requests() + ")";
    }

    /** {@code add-field on GET /orders (38), deprecate on GET /v1 (2)}, most first. */
    static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(c -> c.getKey() + " (" + c.getValue() + ")").collect(Collectors.joining(", "));
    }
}
