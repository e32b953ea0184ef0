package dev.faultline.analysis.fairness;

import dev.faultline.analysis.Timeline;
import dev.faultline.analysis.WallClock;
import dev.faultline.analysis.fairness.FairnessAnalysis.LimitedRates;
import dev.faultline.expect.Checks;
import dev.faultline.expect.LoadFidelity;
import dev.faultline.journal.Event;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Numbers;
import dev.faultline.scenario.Expectations.FairnessExpectation;
import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.spec.RateLimitKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges {@code expect.fairness}: how a limit was shared and whether its clients were told, and
 * listened, when to come back. Two sides:
 * <ul>
 *   <li>{@code upstream}: the target's replicas are the clients of a fake upstream's rate limit.
 *       {@code min-jain-index}, {@code honor-retry-after} (no request before the wait a 429 named),
 *       {@code min-goodput} and {@code max-limit-error} (what each replica was admitted while the limit
 *       held it back, against what the limit allows), {@code max-herd} (returns after 429s bunched in
 *       100 ms).</li>
 *   <li>{@code tenants}: the load's tenants are the clients of the target's own limiter.
 *       {@code min-jain-index}, {@code honor-retry-after} (every 429 carries a Retry-After),
 *       {@code max-limit-error} (admitted against the declared {@code limit}), and
 *       {@code valid-ratelimit-headers}.</li>
 * </ul>
 * {@link FairnessAnalysis} measures; this turns its measurements into checks, each with one line of the
 * per-client numbers behind it. Pure.
 */
public final class FairnessJudge {
    private static final String KIND = "fairness";

    private FairnessJudge() {
    }

    /** Every fairness check of the scenario, in file order. */
    public static List<ExpectationResult> judge(Scenario scenario, List<Event> events, Optional<WallClock> wallClock) {
        List<ExpectationResult> results = new ArrayList<>();
        if (scenario.expect().fairness().isEmpty()) {
            return results;
        }
        Timeline timeline = Timeline.of(events);
        for (FairnessExpectation e : scenario.expect().fairness()) {
            results.addAll(judge(e, FairnessAnalysis.of(scenario, e, events, timeline, wallClock)));
        }
        return results;
    }

    /**
     * The checks of one entry, from its analysis: {@code min-jain-index}, {@code honor-retry-after},
     * {@code min-goodput}, {@code max-limit-error}, {@code max-herd}, {@code valid-ratelimit-headers} (each
     * when the entry asks for it and its side has it).
     */
    static List<ExpectationResult> judge(FairnessExpectation e, FairnessAnalysis a) {
        List<ExpectationResult> results = new ArrayList<>();
        String where = a.where();
        e.minJainIndex().ifPresent(limit -> results.add(jain(e.id(), a.shares(), limit, a.tenants(), where, a.lag())));
        e.honorRetryAfter().ifPresent(required -> results.add(a.tenants()
                ? retryAfterPresence(e.id(), a.retryAfter().orElseThrow(), required, where)
                : honorRetryAfter(e.id(), a.compliance().orElseThrow(), a.refusals(), required, where)));
        a.goodput().ifPresent(rates -> results.add(goodput(e.id(), rates, e.minGoodput().orElseThrow(), where)));
        a.limitError().ifPresent(rates -> results.add(limitError(e.id(), rates, e.maxLimitError().orElseThrow(), where,
                a.tenants() ? "the tenants together" : "the replicas together", a.lag())));
        a.herd().ifPresent(herd -> results.add(herd(e.id(), herd, a.refusals(), e.maxHerd().orElseThrow(), where)));
        a.rateLimit().ifPresent(audit -> results.add(rateLimitHeaders(e.id(), audit, e.validRateLimitHeaders().orElseThrow(),
                where)));
        return a.unjudgeable().map(reason -> inconclusive(results, reason)).orElse(results);
    }

    private static ExpectationResult honorRetryAfter(String entry, ThrottleCompliance c, long refusals, boolean required,
                                                     String where) {
        String id = entry + ".honor-retry-after";
        String unit = "early requests";
        if (c.refusalsWithWait() == 0) {
            String why = refusals == 0 ? "no replica was refused (429) " + where + ", so no wait was asked of any"
                    : "none of the " + Numbers.count(refusals, "429") + " " + where + " named a wait the analysis could place"
                    + " (Retry-After delay-seconds, or RateLimit with r=0 and t)" + unplaced(c)
                    + "; add headers: [retry-after] to the rate-limit fault";
            return required ? Checks.inconclusive(id, KIND, 0.0, "<=", unit, why) : Checks.info(id, KIND, null, unit, "not measured",
                    "not required; " + why);
        }
        String perClient = c.earlyByClient().entrySet().stream().map(x -> x.getKey() + ": " + x.getValue())
                .collect(Collectors.joining(", "));
        String text;
        if (c.early().isEmpty()) {
            text = "every replica waited as told after each of the " + Numbers.count(c.refusalsWithWait(), "429") + " " + where
                    + " that named a wait (50 ms tolerance)"
                    + c.closest().map(w -> ": the closest, " + w.client() + ", came back " + waited(w)).orElse("")
                    + unplaced(c);
        } else {
            ThrottleWait first = c.early().get(0);
            long clients = c.earlyByClient().values().stream().filter(n -> n > 0).count();
            text = Numbers.count(c.early().size(), "request") + " " + where + " came before the wait their 429 named, from "
                    + Numbers.count(clients, "replica") + " (" + perClient + "); the first, " + first.client() + " at " + Numbers.seconds(first.atNanos())
                    + ", came " + waited(first) + unplaced(c);
        }
        if (!required) {
            return Checks.info(id, KIND, (double) c.early().size(), unit, c.early().size() + " " + unit, "not required; " + text);
        }
        return Checks.atMost(id, KIND, c.early().size(), 0, unit, text);
    }

    private static String waited(ThrottleWait w) {
        return Numbers.seconds(w.waitedNanos()) + " after a 429 that asked " + Numbers.seconds(w.askedNanos())
                + " (" + w.told() + ")";
    }

    private static String unplaced(ThrottleCompliance c) {
        String text = "";
        if (c.undated() > 0) {
            text += "; " + Numbers.count(c.undated(), "429") + " named an HTTP-date, not judged without the run's wall-clock start";
        }
        if (c.invalid() > 0) {
            text += "; " + Numbers.count(c.invalid(), "429") + " had a Retry-After that is neither delay-seconds nor an HTTP-date";
        }
        return text;
    }

    private static ExpectationResult goodput(String entry, LimitedRates rates, double limit, String where) {
        String id = entry + ".min-goodput";
        String unit = "of the limit";
        Optional<String> problem = limitedProblem(rates.keys(), "goodput");
        if (problem.isPresent()) {
            return Checks.inconclusive(id, KIND, limit, ">=", unit, problem.get());
        }
        List<LimitedRate> all = rates.rates().orElseThrow();
        List<LimitedRate> judged = judgedRates(all);
        if (judged.isEmpty()) {
            return Checks.inconclusive(id, KIND, limit, ">=", unit, notHeldBack(all, where, "replica"));
        }
        LimitedRate worst = judged.stream().min((a, b) -> Double.compare(a.goodput(), b.goodput())).orElseThrow();
        String text = FairnessWords.limited(judged, LimitedRate::goodput, false, where, "the replicas together");
        if (judged.size() > 1 && worst.goodput() < limit) {
            text += "; " + worst.key() + " used " + Numbers.percent(worst.goodput()) + " of what the limit allows";
        }
        text += shortSpans(all);
        return Checks.atLeast(id, KIND, round(worst.goodput()), limit, unit, text);
    }

    private static ExpectationResult limitError(String entry, LimitedRates rates, double limit, String where, String together,
                                                Optional<String> lag) {
        String id = entry + ".max-limit-error";
        String unit = "";
        Optional<String> problem = limitedProblem(rates.keys(), "the limit error").or(() -> lag);
        if (problem.isPresent()) {
            return Checks.inconclusive(id, KIND, limit, "<=", unit, problem.get());
        }
        List<LimitedRate> all = rates.rates().orElseThrow();
        List<LimitedRate> judged = judgedRates(all);
        if (judged.isEmpty()) {
            return Checks.inconclusive(id, KIND, limit, "<=", unit, notHeldBack(all, where, "client"));
        }
        LimitedRate worst = judged.stream().max((a, b) -> Double.compare(Math.abs(a.error()), Math.abs(b.error()))).orElseThrow();
        String text = FairnessWords.limited(judged, LimitedRate::error, true, where, together) + shortSpans(all);
        return Checks.atMost(id, KIND, round(Math.abs(worst.error())), limit, unit, text);
    }

    private static Optional<String> limitedProblem(List<RateLimitKey> keys, String what) {
        if (keys.isEmpty()) {
            return Optional.of("no judged phase rate-limits the upstream, so there is no limit to hold " + what + " against");
        }
        boolean perClient = keys.stream().allMatch(k -> k instanceof RateLimitKey.Client);
        boolean global = keys.stream().allMatch(k -> k instanceof RateLimitKey.Global);
        if (perClient || global) {
            return Optional.empty();
        }
        return Optional.of(keys.stream().anyMatch(k -> k instanceof RateLimitKey.Header)
                ? "the limit is kept per value of a request header, which the journal does not record, so " + what
                        + " needs by: client or by: global"
                : "the judged phases limit by different keys (by: client in some, global in others); judge them in separate"
                        + " entries with during:");
    }

    private static List<LimitedRate> judgedRates(List<LimitedRate> rates) {
        return rates.stream().filter(r -> r.spanSeconds() >= LimitedRateAnalyzer.MIN_SPAN_SECONDS).toList();
    }

    private static String notHeldBack(List<LimitedRate> all, String where, String who) {
        if (all.isEmpty()) {
            return "no " + who + " was refused (429) " + where + ": the limit never held anyone back";
        }
        return "no " + who + " was held back long enough to measure " + where + " (a rate needs its first and last 429 at least "
                + Numbers.number(LimitedRateAnalyzer.MIN_SPAN_SECONDS) + " s apart): " + all.stream()
                .map(r -> (r.key().equals(FairnessAnalysis.ALL) ? "all together" : r.key()) + " " + Numbers.count(r.refusals(), "429") + " over "
                        + Numbers.number(Math.round(r.spanSeconds() * 100) / 100.0) + " s")
                .collect(Collectors.joining(", "));
    }

    private static String shortSpans(List<LimitedRate> all) {
        List<String> unjudged = all.stream().filter(r -> r.spanSeconds() < LimitedRateAnalyzer.MIN_SPAN_SECONDS)
                .map(LimitedRate::key).toList();
        return unjudged.isEmpty() ? "" : "; not held back long enough to measure (first to last 429 under 1 s): "
                + String.join(", ", unjudged);
    }

    private static ExpectationResult herd(String entry, Optional<HerdMeasurement> measured, long refusals, double limit,
                                          String where) {
        String id = entry + ".max-herd";
        String unit = "peak/mean";
        if (measured.isEmpty()) {
            return refusals > 0 ? Checks.info(id, KIND, null, unit, "no returns", "no replica came back after its 429s " + where)
                    : Checks.inconclusive(id, KIND, limit, "<=", unit, "no replica was refused (429) " + where
                    + ", so none had to come back");
        }
        HerdMeasurement h = measured.get();
        String text = "the busiest 100 ms (from " + Numbers.seconds(h.peakAtNanos()) + ") held " + h.peak() + " of "
                + Numbers.count(h.returns(), "return") + " after a 429 by " + Numbers.count(h.clients(), "replica")
                + ", against a mean of " + Numbers.number(h.mean()) + " per 100 ms over the "
                + Numbers.number(Math.round(h.windowSeconds() * 100) / 100.0) + " s from the first 429 to the last return " + where
                + ": peak-to-mean " + Numbers.number(h.ratio());
        if (h.clients() < 2) {
            return Checks.inconclusive(id, KIND, limit, "<=", unit, "a herd needs the returns of two or more replicas; " + text);
        }
        if (h.lowestPossibleRatio() > limit) {
            return Checks.inconclusive(id, KIND, limit, "<=", unit, "too few returns to tell: evenly spread, these "
                    + h.returns() + " would still score " + Numbers.number(h.lowestPossibleRatio()) + " (run more replicas, or a"
                    + " longer phase); " + text);
        }
        if (h.lowestPossibleRatio() > 1.5) {
            text += " (evenly spread, these few returns would still score " + Numbers.number(h.lowestPossibleRatio()) + ")";
        }
        return Checks.atMost(id, KIND, h.ratio(), limit, unit, text);
    }

    // ---- tenants at the target's own limiter ----

    private static ExpectationResult retryAfterPresence(String entry, RetryAfterPresence p, boolean required, String where) {
        String id = entry + ".honor-retry-after";
        String unit = "429s without Retry-After";
        if (p.refusals() == 0) {
            String why = "the target refused no request with 429 " + where + ", so there was no Retry-After to give";
            return required ? Checks.inconclusive(id, KIND, 0.0, "<=", unit, why) : Checks.info(id, KIND, null, unit, "not measured",
                    "not required; " + why);
        }
        String perTenant = p.refusalsByClient().keySet().stream()
                .map(t -> t + " " + p.missingByClient().get(t) + " of " + p.refusalsByClient().get(t))
                .collect(Collectors.joining(", "));
        String text = p.missing() == 0
                ? "all " + Numbers.count(p.refusals(), "429") + " " + where + " carried a Retry-After (" + String.join(", ", p.values())
                        + ")"
                : p.missing() + " of " + Numbers.count(p.refusals(), "429") + " " + where + " had no valid Retry-After (" + perTenant
                        + "); the first, to " + p.firstMissing().orElseThrow().client() + " at "
                        + Numbers.seconds(p.firstMissing().orElseThrow().atNanos())
                        + p.firstMissing().map(s -> s.retryAfter() == null ? ", had none" : ", said " + s.retryAfter()).orElse("");
        if (!required) {
            return Checks.info(id, KIND, (double) p.missing(), unit, p.missing() + " " + unit, "not required; " + text);
        }
        return Checks.atMost(id, KIND, p.missing(), 0, unit, text);
    }

    private static ExpectationResult rateLimitHeaders(String entry, RateLimitAudit a, boolean required, String where) {
        String id = entry + ".valid-ratelimit-headers";
        String unit = "bad responses";
        if (a.responses() == 0) {
            String why = "no response of the target " + where + " carried a RateLimit or RateLimit-Policy field";
            return required ? Checks.inconclusive(id, KIND, 0.0, "<=", unit, why) : Checks.info(id, KIND, null, unit, "not measured",
                    "not required; " + why);
        }
        long bad = a.malformed() + a.contradicting();
        String text = bad == 0
                ? "all " + Numbers.count(a.responses(), "response") + " " + where + " with RateLimit fields parse"
                        + " (draft-ietf-httpapi-ratelimit-headers-10) and agree with their status and Retry-After"
                : bad + " of " + Numbers.count(a.responses(), "response") + " " + where + " with RateLimit fields are wrong: "
                        + a.malformed() + " do not parse, " + a.contradicting() + " contradict the response (per tenant "
                        + a.badByClient().entrySet().stream().map(x -> x.getKey() + " " + x.getValue())
                                .collect(Collectors.joining(", ")) + "); "
                        + a.findings().stream().map(f -> f.client() + " at " + Numbers.seconds(f.atNanos()) + " (" + f.status()
                                + "): " + f.what()).collect(Collectors.joining("; "));
        if (!required) {
            return Checks.info(id, KIND, (double) bad, unit, bad + " " + unit, "not required; " + text);
        }
        return Checks.atMost(id, KIND, bad, 0, unit, text);
    }

    // ---- shared ----

    private static ExpectationResult jain(String entry, FairnessMeasurement m, double limit, boolean tenants, String where,
                                          Optional<String> lag) {
        String id = entry + ".min-jain-index";
        String unit = "";
        String who = tenants ? "tenant" : "replica";
        if (m.clients().size() < 2) {
            return Checks.inconclusive(id, KIND, limit, ">=", unit, "fairness compares two or more clients, and "
                    + (m.clients().isEmpty() ? "no " + who + " sent a request" : "only " + m.clients().get(0).name() + " sent requests")
                    + " " + where);
        }
        if (m.notServed() == 0) {
            return Checks.inconclusive(id, KIND, limit, ">=", unit, "all " + Numbers.count(m.requests(), "request") + " " + where
                    + " were served: the limit never held anyone back, so there was nothing to share ("
                    + FairnessWords.shares(m, tenants, where) + ")");
        }
        if (Double.isNaN(m.jain())) {
            return Checks.inconclusive(id, KIND, limit, ">=", unit, "none of the " + Numbers.count(m.requests(), "request") + " "
                    + where + " was served, so there are no shares to compare");
        }
        if (lag.isPresent()) {
            return Checks.inconclusive(id, KIND, limit, ">=", unit, lag.get() + "; " + FairnessWords.shares(m, tenants, where));
        }
        return Checks.atLeast(id, KIND, round(m.jain()), limit, unit, FairnessWords.shares(m, tenants, where));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static List<ExpectationResult> inconclusive(List<ExpectationResult> results, String reason) {
        return results.stream().map(r -> Checks.inconclusive(r.id(), KIND, r.limit(), r.comparison(), r.unit(), reason)).toList();
    }
}
