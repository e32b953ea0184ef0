package dev.faultline.analysis.fairness;

import dev.faultline.analysis.LoadStats;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.analysis.WallClock;
import dev.faultline.expect.LoadFidelity;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.scenario.Expectations.FairnessExpectation;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Rate;
import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.RateLimitKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything one {@code expect.fairness} entry is judged on, measured from the journal: the windows, each
 * client's requests and shares, and for each check the entry asks for, its measurement (a check not asked
 * for is not measured). {@link FairnessJudge} turns it into verdicts. Pure.
 *
 * @param where        the clients and windows, for people: {@code at payments during limited}
 * @param tenants      the load's tenants at the target's limiter, rather than replicas at a fake upstream's
 * @param unjudgeable  why no check of the entry can be judged (no window, no request), if so
 * @param lag          for tenants: why the harness's own load was too late to judge shares by, if it was
 * @param refusals     429s among the judged requests
 * @param shares       each client's demand, admitted rate and fair share, and Jain's index
 * @param compliance   for replicas, {@code honor-retry-after}: who came back before the wait a 429 named
 * @param retryAfter   for tenants, {@code honor-retry-after}: which 429s carried a Retry-After
 * @param rateLimit    for tenants, {@code valid-ratelimit-headers}: the RateLimit fields that were wrong
 * @param goodput      for replicas, {@code min-goodput}: what each key was admitted against the rule's rate
 * @param limitError   {@code max-limit-error}: what each key was admitted against the limit
 * @param herd         {@code max-herd}: how bunched the returns after 429s were; empty inside when none returned
 */
public record FairnessAnalysis(String where, boolean tenants, Optional<String> unjudgeable, Optional<String> lag,
                               long refusals, FairnessMeasurement shares, Optional<ThrottleCompliance> compliance,
                               Optional<RetryAfterPresence> retryAfter, Optional<RateLimitAudit> rateLimit,
                               Optional<LimitedRates> goodput, Optional<LimitedRates> limitError,
                               Optional<Optional<HerdMeasurement>> herd) {

    /** The key every request shares under a global limit. */
    static final String ALL = "all";

    /**
     * What a limit admitted each of its keys while it held them back.
     *
     * @param keys  how the judged phases key their limit, one per phase that has one
     * @param rates each key's rate; empty when the keys do not name one key per request (a header key, or
     *              per client in some phases and global in others)
     */
    public record LimitedRates(List<RateLimitKey> keys, Optional<List<LimitedRate>> rates) {

        static LimitedRates measure(Map<String, List<FairnessSample>> samples, List<RateLimitKey> keys, double[] rates) {
            return measure(samples, keys, keyOf(keys), rates);
        }

        static LimitedRates measure(Map<String, List<FairnessSample>> samples, List<RateLimitKey> keys,
                                    Function<FairnessSample, String> keyOf, double[] rates) {
            boolean oneKeyPerRequest = !keys.isEmpty() && (keys.stream().allMatch(k -> k instanceof RateLimitKey.Client)
                    || keys.stream().allMatch(k -> k instanceof RateLimitKey.Global));
            return new LimitedRates(List.copyOf(keys), oneKeyPerRequest
                    ? Optional.of(LimitedRateAnalyzer.measure(samples.values(), keyOf, rates)) : Optional.empty());
        }
    }

    /** The analysis of one entry. */
    public static FairnessAnalysis of(Scenario scenario, FairnessExpectation e, List<Event> events, Timeline timeline,
                                      Optional<WallClock> wallClock) {
        return e.tenants() ? tenants(scenario, e, events, timeline) : upstream(scenario, e, events, timeline, wallClock);
    }

    // ---- replicas at a fake upstream's limit ----

    private static FairnessAnalysis upstream(Scenario scenario, FairnessExpectation e, List<Event> events, Timeline timeline,
                                             Optional<WallClock> wallClock) {
        String upstream = e.upstream().orElseThrow();
        List<String> limiting = scenario.phases().stream().filter(p -> rateLimit(p, upstream).isPresent())
                .map(PhaseSpec::name).toList();
        List<String> during = e.during().isEmpty() ? limiting : e.during();
        List<PhaseWindow> windows = timeline.phases(during);
        String where = "at " + upstream + " during " + String.join(", ", during);
        Map<String, List<FairnessSample>> samples = FairnessSamples.atUpstream(events, upstream, windows);
        FairnessMeasurement shares = FairnessMeasurement.of(samples, seconds(windows),
                ThrottleComplianceAnalyzer.demandWhileFree(samples, windows, wallClock));

        String unjudgeable = null;
        if (during.isEmpty()) {
            unjudgeable = "no phase rate-limits " + upstream + ", so there is no window to judge (add a rate-limit fault, or name"
                    + " the phases with during:)";
        } else if (windows.isEmpty()) {
            unjudgeable = "the phases " + during + " were never played";
        } else if (samples.isEmpty()) {
            unjudgeable = "no replica sent a request " + where;
        }

        Optional<LimitedRates> goodput = Optional.empty();
        Optional<LimitedRates> limitError = Optional.empty();
        if (e.minGoodput().isPresent() || e.maxLimitError().isPresent()) {
            double[] ruleRates = new double[windows.size()];
            double[] limitRates = new double[windows.size()];
            List<RateLimitKey> keys = new ArrayList<>();
            for (int w = 0; w < windows.size(); w++) {
                Optional<FaultAction.RateLimit> rule = scenario.phase(windows.get(w).name()).flatMap(p -> rateLimit(p, upstream));
                ruleRates[w] = rule.map(r -> r.limit() / (r.per().toNanos() / 1e9)).orElse(0.0);
                limitRates[w] = e.limit().map(Rate::perSecond).orElse(ruleRates[w]);
                rule.ifPresent(r -> keys.add(r.by()));
            }
            if (e.minGoodput().isPresent()) {
                goodput = Optional.of(LimitedRates.measure(samples, keys, ruleRates));
            }
            // A limit written in the file, at an upstream no judged phase rate-limits (429s from a respond rule): one shared limit.
            List<RateLimitKey> limitKeys = keys.isEmpty() && e.limit().isPresent() ? List.of(new RateLimitKey.Global()) : keys;
            if (e.maxLimitError().isPresent()) {
                limitError = Optional.of(LimitedRates.measure(samples, limitKeys, limitRates));
            }
        }
        return new FairnessAnalysis(where, false, Optional.ofNullable(unjudgeable), Optional.empty(), refusals(samples), shares,
                e.honorRetryAfter().map(required -> ThrottleComplianceAnalyzer.measure(samples, wallClock)),
                Optional.empty(), Optional.empty(), goodput, limitError,
                e.maxHerd().isPresent() ? Optional.of(HerdAnalyzer.measure(samples)) : Optional.empty());
    }

    private static Optional<FaultAction.RateLimit> rateLimit(PhaseSpec phase, String upstream) {
        for (FaultRule rule : phase.faultsFor(upstream)) {
            if (rule.action() instanceof FaultAction.RateLimit limit) {
                return Optional.of(limit);
            }
        }
        return Optional.empty();
    }

    /** The limit's key of a request: its replica (by: client), everyone (global), or not known (by header). */
    private static Function<FairnessSample, String> keyOf(List<RateLimitKey> keys) {
        boolean perClient = !keys.isEmpty() && keys.stream().allMatch(k -> k instanceof RateLimitKey.Client);
        boolean global = !keys.isEmpty() && keys.stream().allMatch(k -> k instanceof RateLimitKey.Global);
        return s -> perClient ? s.client() : global ? ALL : null;
    }

    // ---- tenants at the target's own limiter ----

    private static FairnessAnalysis tenants(Scenario scenario, FairnessExpectation e, List<Event> events, Timeline timeline) {
        List<PhaseWindow> windows = e.during().isEmpty() ? timeline.phases() : timeline.phases(e.during());
        String where = "during " + (e.during().isEmpty() ? "the run" : String.join(", ", e.during()));
        List<String> names = scenario.load().map(LoadSpec::tenants).orElse(List.of()).stream().map(LoadSpec.Tenant::name).toList();
        Map<String, List<FairnessSample>> samples = FairnessSamples.ofTenants(events, windows, names);
        double seconds = seconds(windows);
        FairnessMeasurement shares = FairnessMeasurement.of(samples, seconds);
        List<LoadResult> inWindow = LoadStats.within(LoadStats.results(events), windows);
        LoadStats stats = LoadStats.of(where, seconds, inWindow);
        Optional<String> lag = LoadFidelity.problem(inWindow.stream().filter(LoadFidelity::late).count(), stats.requests(),
                stats.lag());

        String unjudgeable = null;
        if (windows.isEmpty()) {
            unjudgeable = e.during().isEmpty() ? "no phase was played" : "the phases " + e.during() + " were never played";
        } else if (samples.isEmpty()) {
            unjudgeable = "no tenant's request was sent " + where;
        }

        Optional<LimitedRates> limitError = Optional.empty();
        if (e.maxLimitError().isPresent()) {
            double[] rates = new double[windows.size()];
            Arrays.fill(rates, e.limit().orElseThrow().perSecond());
            Function<FairnessSample, String> keyOf = e.limitPerTenant() ? FairnessSample::client : s -> ALL;
            List<RateLimitKey> keys = List.of(e.limitPerTenant() ? new RateLimitKey.Client() : new RateLimitKey.Global());
            limitError = Optional.of(LimitedRates.measure(samples, keys, keyOf, rates));
        }
        return new FairnessAnalysis(where, true, Optional.ofNullable(unjudgeable), lag, refusals(samples), shares,
                Optional.empty(), e.honorRetryAfter().map(required -> LimiterHeaderAnalyzer.retryAfter(samples)),
                e.validRateLimitHeaders().map(required -> LimiterHeaderAnalyzer.rateLimit(samples)),
                Optional.empty(), limitError, Optional.empty());
    }

    private static long refusals(Map<String, List<FairnessSample>> samples) {
        return samples.values().stream().flatMap(List::stream).filter(FairnessSample::refused).count();
    }

    private static double seconds(List<PhaseWindow> windows) {
        return windows.stream().mapToDouble(PhaseWindow::seconds).sum();
    }
}
