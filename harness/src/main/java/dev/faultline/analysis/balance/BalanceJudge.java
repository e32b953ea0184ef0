package dev.faultline.analysis.balance;

import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.expect.Checks;
import dev.faultline.journal.Event;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Numbers;
import dev.faultline.scenario.Arrivals;
import dev.faultline.scenario.BalanceExpectation;
import dev.faultline.scenario.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Judges {@code expect.balance}: shares against weights among healthy instances, the share that
 * reached slow instances, and per fault episode how soon a failing instance stopped getting requests
 * and how soon it got them again. Pure.
 */
public final class BalanceJudge {
    private static final String KIND = "balance";

    private BalanceJudge() {
    }

    /** Every balance check of the scenario, in file order. */
    public static List<ExpectationResult> judge(Scenario scenario, List<Event> events) {
        List<ExpectationResult> results = new ArrayList<>();
        for (BalanceExpectation e : scenario.expect().balance()) {
            results.addAll(judge(e, BalanceAnalysis.of(e, scenario, events)));
            e.stickyBy().ifPresent(key -> results.add(sticky(e, scenario, events)));
        }
        return results;
    }

    private static ExpectationResult sticky(BalanceExpectation e, Scenario scenario, List<Event> events) {
        String id = e.id() + ".sticky-by";
        Timeline timeline = Timeline.of(events);
        List<PhaseWindow> windows = e.during().isEmpty() ? timeline.phases() : timeline.phases(e.during());
        String where = e.during().isEmpty() ? "the run" : String.join(", ", e.during());
        StickyAnalysis a = StickyAnalysis.of(e.stickyBy().get(), scenario, timeline, e.upstream(),
                BalanceAnalysis.counted(e, events), windows);
        String by = e.stickyBy().get().describe();
        if (a.keys() == 0) {
            return Checks.inconclusive(id, KIND, 0.0, "<=", "keys", "no counted request at " + e.upstream() + " during "
                    + where + " carried a key (" + by + ")");
        }
        String excused = a.excused() > 0 ? "; " + a.excused() + " moves away from a failing instance excused" : "";
        if (!a.moved().isEmpty()) {
            String examples = a.moved().entrySet().stream().limit(3).map(m -> m.getKey() + " → " + m.getValue().stream()
                    .map(i -> "#" + i).collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
            return Checks.atMost(id, KIND, a.moved().size(), 0, "keys", a.moved().size() + " of " + Numbers.count(a.keys(), "key")
                    + " (" + by + ") reached more than one instance during " + where + ": " + examples
                    + (a.moved().size() > 3 ? "; ..." : "") + excused);
        }
        String held = "all " + Numbers.count(a.keys(), "key") + " (" + by + ") stayed on one instance during " + where + excused;
        boolean constant = scenario.load().map(l -> l.arrivals() == Arrivals.CONSTANT).orElse(false);
        if (constant) {
            // Keys at one constant rate arrive in lockstep: round robin too can hand each the same instance every time.
            return Checks.inconclusive(id, KIND, 0.0, "<=", "keys", held + ", but the load's arrivals are constant: keys"
                    + " in lockstep stay on one instance even under round robin (use arrivals: poisson)");
        }
        return Checks.atMost(id, KIND, 0, 0, "keys", held);
    }

    static List<ExpectationResult> judge(BalanceExpectation e, BalanceAnalysis a) {
        List<ExpectationResult> results = new ArrayList<>();
        e.maxShareError().ifPresent(limit -> results.add(shareError(e, a, limit)));
        e.maxShareToSlow().ifPresent(limit -> results.add(shareToSlow(e, a, limit)));
        e.ejectsWithin().ifPresent(limit -> results.add(ejects(e, a, limit)));
        e.readmitsWithin().ifPresent(limit -> results.add(readmits(e, a, limit)));
        return results;
    }

    private static ExpectationResult shareError(BalanceExpectation e, BalanceAnalysis a, double limit) {
        String id = e.id() + ".max-share-error";
        if (a.unjudgeable().isPresent()) {
            return Checks.inconclusive(id, KIND, limit, "<=", "", a.unjudgeable().get());
        }
        long total = a.healthyTotal();
        double worst = 0;
        int worstInstance = 0;
        for (InstanceShare s : a.shares()) {
            double error = Math.abs(s.share(total) - s.expectedShare(total));
            if (error > worst) {
                worst = error;
                worstInstance = s.instance();
            }
        }
        String shares = a.shares().stream().map(s -> "#" + s.instance() + " " + Numbers.percent(s.share(total))
                + " (" + s.requests() + ", expected " + Numbers.percent(s.expectedShare(total)) + ")")
                .collect(Collectors.joining(", "));
        return Checks.atMost(id, KIND, worst, limit, "", "shares of " + Numbers.count(total, "counted request") + " at "
                + e.upstream() + " during " + a.where() + ": " + shares + "; instance #" + worstInstance + " is "
                + Numbers.percent(worst) + " off its weight's share"
                + (a.leftOut() > 0 ? "; " + a.leftOut() + " that reached failing or slow instances left out" : ""));
    }

    private static ExpectationResult shareToSlow(BalanceExpectation e, BalanceAnalysis a, double limit) {
        String id = e.id() + ".max-share-to-slow";
        if (a.slowInstances().isEmpty()) {
            return Checks.inconclusive(id, KIND, limit, "<=", "", "no instance of " + e.upstream() + " has a delay"
                    + " (a rule with instance and delay) during " + a.where() + ", so there is no slow instance to avoid");
        }
        if (a.slowPhaseTotal() == 0) {
            return Checks.inconclusive(id, KIND, limit, "<=", "", "no counted request reached " + e.upstream()
                    + " while an instance was slow");
        }
        double share = (double) a.slowRequests() / a.slowPhaseTotal();
        return Checks.atMost(id, KIND, share, limit, "", a.slowRequests() + " of " + a.slowPhaseTotal()
                + " counted requests (" + Numbers.percent(share) + ") reached the slow instance" + (a.slowInstances().size() > 1 ? "s " : " ")
                + a.slowInstances().stream().map(i -> "#" + i).collect(Collectors.joining(", "))
                + "; a least-connections balancer avoids a slow instance only when rate × delay keeps requests"
                + " open on it");
    }

    private static ExpectationResult ejects(BalanceExpectation e, BalanceAnalysis a, Duration limit) {
        String id = e.id() + ".ejects-within";
        double limitS = seconds(limit.toNanos());
        if (a.episodes().isEmpty()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", "no instance of " + e.upstream() + " was made to fail"
                    + " (down, a connection fault or a 5xx, in a rule with instance)");
        }
        List<String> parts = new ArrayList<>();
        List<String> unobservable = new ArrayList<>();
        double worst = -1;
        for (FaultEpisode ep : a.episodes()) {
            String label = "#" + ep.instance() + " in " + ep.phases();
            if (ep.downOnly()) {
                unobservable.add(label + " (down: refused connections are not requests)");
                continue;
            }
            if (ep.lengthNanos() <= limit.toNanos()) {
                unobservable.add(label + " (its fault lasted " + Numbers.seconds(ep.lengthNanos()) + ", not longer than the limit)");
                continue;
            }
            double eject = seconds(ep.ejectNanos());
            worst = Math.max(worst, eject);
            parts.add(label + ": " + (ep.lastInsideNanos().isPresent() ? "last request " + Numbers.seconds(ep.ejectNanos())
                    + " after its fault began" : "no request after its fault began"));
        }
        if (worst < 0) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", "ejection cannot be observed: " + String.join("; ", unobservable));
        }
        if (!unobservable.isEmpty()) {
            parts.add("not observable: " + String.join("; ", unobservable));
        }
        return Checks.atMost(id, KIND, worst, limitS, "s", String.join("; ", parts));
    }

    private static ExpectationResult readmits(BalanceExpectation e, BalanceAnalysis a, Duration limit) {
        String id = e.id() + ".readmits-within";
        double limitS = seconds(limit.toNanos());
        if (a.episodes().isEmpty()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", "no instance of " + e.upstream() + " was made to fail"
                    + " (down, a connection fault or a 5xx, in a rule with instance)");
        }
        List<String> parts = new ArrayList<>();
        List<String> tooShort = new ArrayList<>();
        double worst = -1;
        boolean never = false;
        for (FaultEpisode ep : a.episodes()) {
            String label = "#" + ep.instance() + " after " + ep.phases();
            if (ep.firstAfterNanos().isPresent()) {
                long readmit = ep.firstAfterNanos().getAsLong() - ep.endNanos();
                worst = Math.max(worst, seconds(readmit));
                parts.add(label + ": first request " + Numbers.seconds(readmit) + " after its fault ended");
            } else if (ep.afterNanos() >= limit.toNanos()) {
                never = true;
                parts.add(label + ": no request in the " + Numbers.seconds(ep.afterNanos()) + " the run went on after its fault ended");
            } else {
                tooShort.add(label + " (the run ended " + Numbers.seconds(ep.afterNanos()) + " after its fault, before the limit)");
            }
        }
        if (never) {
            ExpectationResult failed = Checks.atMost(id, KIND, Double.POSITIVE_INFINITY, limitS, "s", String.join("; ", parts));
            return new ExpectationResult(failed.id(), failed.kind(), failed.status(), false, null, failed.limit(),
                    failed.comparison(), failed.unit(), "never", failed.limitText(), failed.explanation());
        }
        if (!tooShort.isEmpty()) {
            parts.add("not readmitted yet: " + String.join("; ", tooShort));
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", String.join("; ", parts));
        }
        return Checks.atMost(id, KIND, worst, limitS, "s", String.join("; ", parts));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
