package dev.faultline.analysis.retry;

import dev.faultline.analysis.JudgedJournal;
import dev.faultline.analysis.Retry;
import dev.faultline.analysis.WallClock;
import dev.faultline.expect.Checks;
import dev.faultline.journal.Event;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Numbers;
import dev.faultline.scenario.Expectations.RetryExpectation;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Judges {@code expect.retries} from the journal: amplification, attempts per call, the retry ratio,
 * Retry-After compliance, jitter, statuses that must not be retried, bunching across clients and
 * recovery after the fault, each with a one-line explanation carrying the numbers behind it. Pure.
 *
 * <p>Retries of POST or PATCH without an Idempotency-Key are a finding no key judges: they are named
 * at the end of the explanation of the entry's {@code no-retry-on} check when it has one, else of its
 * first check.
 */
public final class RetryJudge {
    private static final String KIND = "retries";

    private RetryJudge() {
    }

    /** Every retry check of the scenario, in file order; HTTP-date Retry-After values are not resolved. */
    public static List<ExpectationResult> judge(Scenario scenario, List<Event> events) {
        return judge(scenario, events, Optional.empty());
    }

    /** Every retry check of the scenario, in file order, with the run's wall-clock start for HTTP-dates. */
    public static List<ExpectationResult> judge(Scenario scenario, List<Event> events, Optional<WallClock> wallClock) {
        if (scenario.expect().retries().isEmpty()) {
            return new ArrayList<>();
        }
        return judge(scenario, JudgedJournal.of(events), wallClock);
    }

    /** Every retry check of the scenario, in file order; each upstream's attempts are read into columns once. */
    public static List<ExpectationResult> judge(Scenario scenario, JudgedJournal journal, Optional<WallClock> wallClock) {
        List<ExpectationResult> results = new ArrayList<>();
        for (RetryExpectation expectation : scenario.expect().retries()) {
            results.addAll(judge(scenario, expectation, journal, wallClock));
        }
        return results;
    }

    static List<ExpectationResult> judge(Scenario scenario, RetryExpectation e, JudgedJournal events, Optional<WallClock> wallClock) {
        List<String> faultPhases = faultPhases(scenario, e.upstream());
        List<String> during = e.during().isEmpty() ? faultPhases : e.during();
        Optional<String> baseline = scenario.phases().stream()
                .filter(p -> p.faultsFor(e.upstream()).isEmpty() && !during.contains(p.name()))
                .map(PhaseSpec::name)
                .findFirst();
        RetryScope scope = new RetryScope(e.upstream(), during, e.callsBy(), baseline, e.noRetryOn(), faultPhases, wallClock);
        RetryAnalysis analysis = RetryAnalysis.of(events, scope);
        AmplificationMeasurement m = analysis.amplification();
        String window = windowName(e.upstream(), during);

        String unjudgeable = null;
        if (during.isEmpty()) {
            unjudgeable = "no phase injects faults on " + e.upstream() + ", so there is no fault window to judge (name one with during:)";
        } else if (m.windows().isEmpty()) {
            unjudgeable = "the phases " + during + " were never played";
        } else if (m.faultedInWindow() == 0) {
            unjudgeable = "no fault fired at " + window + " (" + m.attemptsInWindow() + " attempts, none faulted): nothing to judge";
        }

        Judging j = new Judging(e, analysis, window);
        List<ExpectationResult> results = new ArrayList<>();
        e.maxAmplification().ifPresent(limit -> results.add(amplification(e, m, limit, window)));
        e.maxAttemptsPerCall().ifPresent(limit -> results.add(attemptsPerCall(e, m, limit, window)));
        e.maxRetryRatio().ifPresent(limit -> results.add(retryRatio(e, m, limit, window)));
        e.honorRetryAfter().ifPresent(required -> results.add(j.honorRetryAfter(required)));
        e.requireJitter().ifPresent(required -> results.add(j.requireJitter(required)));
        if (!e.noRetryOn().isEmpty()) {
            results.add(j.noRetryOn());
        }
        e.maxSync().ifPresent(limit -> results.add(j.maxSync(limit)));
        e.maxRecovery().ifPresent(limit -> results.add(j.maxRecovery(limit.toNanos() / 1e9)));
        if (unjudgeable != null) {
            String reason = unjudgeable;
            results.replaceAll(r -> Checks.inconclusive(r.id(), KIND, r.limit(), r.comparison(), r.unit(), reason));
        } else {
            j.finding().ifPresent(finding -> addFinding(results, e.id() + ".no-retry-on", finding));
        }
        return results;
    }

    private static void addFinding(List<ExpectationResult> results, String preferredId, String finding) {
        if (results.isEmpty()) {
            return;
        }
        int index = 0;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).id().equals(preferredId)) {
                index = i;
            }
        }
        ExpectationResult r = results.get(index);
        String explanation = r.explanation().isBlank() ? "finding: " + finding : r.explanation() + "; finding: " + finding;
        results.set(index, new ExpectationResult(r.id(), r.kind(), r.status(), r.passed(), r.measured(), r.limit(), r.comparison(),
                r.unit(), r.measuredText(), r.limitText(), explanation));
    }

    /** The checks that need the calls, judged from one analysis. */
    private static final class Judging {
        private final RetryExpectation e;
        private final RetryAnalysis a;
        private final String window;

        Judging(RetryExpectation e, RetryAnalysis a, String window) {
            this.e = e;
            this.a = a;
            this.window = window;
        }

        private String noCalls() {
            return RetryJudge.noCalls(a.amplification(), window);
        }

        private String headline() {
            BackoffMeasurement b = a.backoff().orElseThrow();
            long clients = a.calls().orElseThrow().retryClients();
            return RetryWords.headline(b, clients, a.sync());
        }

        private boolean noRetries() {
            return a.backoff().map(b -> b.retries() == 0).orElse(false);
        }

        private String noRetriesText() {
            long calls = a.calls().map(c -> (long) c.calls().size()).orElse(0L);
            return "no call retried at " + window + " (" + Numbers.count(calls, "call") + ")";
        }

        /** Why the harness could not trust the levels it left unjudged (the machine was short of CPU either way). */
        private static String untrustedCause(List<LevelJitter> untrusted) {
            List<String> causes = new ArrayList<>();
            if (untrusted.stream().anyMatch(l -> l.verdict() == LevelJitter.Verdict.UNTRUSTED)) {
                causes.add("the fake upstream answered over a quarter of the failures before it slowly (the harness was short of CPU)");
            }
            if (untrusted.stream().anyMatch(l -> l.verdict() == LevelJitter.Verdict.MACHINE_NOISE)) {
                causes.add("the spread was within the timer noise the harness measured on the machine meanwhile (the machine was short of CPU)");
            }
            return String.join("; ", causes);
        }

        ExpectationResult requireJitter(boolean required) {
            String id = e.id() + ".require-jitter";
            String unit = "CV";
            if (a.calls().isEmpty()) {
                return required ? Checks.inconclusive(id, KIND, RetryWords.JITTER_CV, ">=", unit, noCalls())
                        : Checks.info(id, KIND, null, unit, "not measured", "not required; " + noCalls());
            }
            if (noRetries()) {
                return Checks.info(id, KIND, null, unit, "no retries", noRetriesText() + ": no retries to jitter");
            }
            BackoffMeasurement b = a.backoff().orElseThrow();
            if (b.jitter().present().isEmpty() && !b.jitter().untrusted().isEmpty()) {
                String why = "no judged retry level showed jitter, but " + RetryWords.levelNumbers(b.jitter().untrusted())
                        + " could not be judged: " + untrustedCause(b.jitter().untrusted())
                        + ", and jitter there alone would pass; " + headline() + "; "
                        + RetryWords.jitterLevels(b);
                return required ? Checks.inconclusive(id, KIND, RetryWords.JITTER_CV, ">=", unit, why)
                        : Checks.info(id, KIND, null, unit, "not measured", "not required; " + why);
            }
            if (b.jitter().present().isEmpty()) {
                String why = "no retry level with a backoff could be judged: jitter compares the n-th waits of "
                        + (JitterAnalyzer.MIN_DOF + 1) + " or more calls that failed together (within 1 s, no failure 100 ms or more after the one before) and that the fake upstream"
                        + " answered promptly (the most compared: " + b.jitter().mostCallsCompared()
                        + "; run more clients or calls at once); " + headline() + "; "
                        + RetryWords.jitterLevels(b);
                return required ? Checks.inconclusive(id, KIND, RetryWords.JITTER_CV, ">=", unit, why)
                        : Checks.info(id, KIND, null, unit, "not measured", "not required; " + why);
            }
            double cv = b.jitter().strongestCv();
            String text = headline() + "; " + RetryWords.jitterLevels(b);
            if (!required) {
                return Checks.info(id, KIND, cv, unit, Numbers.ratio(cv) + " CV", "not required; " + text);
            }
            return Checks.atLeast(id, KIND, cv, RetryWords.JITTER_CV, unit, text);
        }

        ExpectationResult maxSync(double limit) {
            String id = e.id() + ".max-sync";
            String unit = "peak/mean";
            if (a.calls().isEmpty()) {
                return Checks.inconclusive(id, KIND, limit, "<=", unit, noCalls());
            }
            if (a.sync().isEmpty()) {
                return Checks.info(id, KIND, null, unit, "no retries", noRetriesText() + ": no retries to bunch");
            }
            SyncMeasurement s = a.sync().get();
            if (s.calls() < 2) {
                return Checks.inconclusive(id, KIND, limit, "<=", unit, "only one call retried at " + window
                        + ", and bunching across clients needs the retries of at least two");
            }
            StringBuilder text = new StringBuilder();
            text.append("the busiest 100 ms (from ").append(RetryWords.at(s.peakAtNanos())).append(") held ")
                    .append(s.peak()).append(" of ").append(Numbers.count(s.retries(), "retry", "retries")).append(" by ")
                    .append(RetryWords.who(s.calls(), s.clients())).append(", against a mean of ")
                    .append(Numbers.number(s.mean())).append(" per 100 ms over the ")
                    .append(Numbers.fixedSeconds(s.windowSeconds())).append(" from the start of ").append(s.window().name())
                    .append(" to the last retry: peak-to-mean ").append(Numbers.number(s.ratio()));
            if (s.lowestPossibleRatio() > 1.5) {
                text.append(" (evenly spread, these few retries would still score ")
                        .append(Numbers.number(s.lowestPossibleRatio())).append(")");
            }
            a.backoff().ifPresent(b -> text.append("; ").append(RetryWords.shape(b)).append(RetryWords.jitter(b)));
            return Checks.atMost(id, KIND, s.ratio(), limit, unit, text.toString());
        }

        ExpectationResult honorRetryAfter(boolean required) {
            String id = e.id() + ".honor-retry-after";
            String unit = "early retries";
            if (a.calls().isEmpty()) {
                return required ? Checks.inconclusive(id, KIND, 0.0, "<=", unit, noCalls())
                        : Checks.info(id, KIND, null, unit, "not measured", "not required; " + noCalls());
            }
            RetryAfterMeasurement ra = a.retryAfter().orElseThrow();
            if (ra.responsesNaming() == 0) {
                String why = "no response at " + window + " named a Retry-After (add one to the fault's respond headers)";
                return required ? Checks.inconclusive(id, KIND, 0.0, "<=", unit, why) : Checks.info(id, KIND, null, unit, "not measured",
                        "not required; " + why);
            }
            String unresolved = ra.unresolvedDates() == 0 ? "" : "; " + Numbers.count(ra.unresolvedDates(), "retry", "retries")
                    + " followed an HTTP-date, which could not be judged because the run's wall-clock start was not given";
            String invalid = ra.invalid() == 0 ? "" : "; " + Numbers.count(ra.invalid(), "retry", "retries")
                    + " followed a Retry-After that is neither seconds nor an HTTP-date";
            if (ra.judged() == 0) {
                if (ra.retriesAfter() == 0) {
                    String text = "no retry followed any of the " + Numbers.count(ra.responsesNaming(), "response")
                            + " that named a Retry-After";
                    return required ? Checks.atMost(id, KIND, 0, 0, unit, text) : Checks.info(id, KIND, 0.0, unit, "0 " + unit,
                            "not required; " + text);
                }
                String why = "no retry after a Retry-After could be judged" + unresolved + invalid;
                return required ? Checks.inconclusive(id, KIND, 0.0, "<=", unit, why) : Checks.info(id, KIND, null, unit,
                        "not measured", "not required; " + why);
            }
            StringBuilder text = new StringBuilder();
            if (ra.early().isEmpty()) {
                RetryAfterMeasurement.Wait closest = ra.closest().orElseThrow();
                text.append("all ").append(Numbers.count(ra.judged(), "retry", "retries"))
                        .append(" after a Retry-After waited as asked (50 ms tolerance): the closest waited ")
                        .append(waitText(closest));
            } else {
                RetryAfterMeasurement.Wait first = ra.early().get(0);
                RetryAfterMeasurement.Wait worst = ra.closest().orElseThrow();
                text.append(ra.early().size()).append(" of ").append(Numbers.count(ra.judged(), "retry", "retries"))
                        .append(" after a Retry-After came early: the first, ").append(RetryWords.where(first.retry()))
                        .append(", waited ").append(waitText(first));
                if (worst != first) {
                    text.append("; the earliest waited ").append(waitText(worst)).append(" (")
                            .append(RetryWords.where(worst.retry())).append(')');
                }
                if (ra.early().size() > 1) {
                    text.append("; early at ").append(ra.early().stream().limit(5)
                            .map(w -> RetryWords.at(w.retry().attempt().atNanos())).collect(Collectors.joining(", ")))
                            .append(ra.early().size() > 5 ? ", …" : "");
                }
            }
            text.append(unresolved).append(invalid);
            if (!required) {
                return Checks.info(id, KIND, (double) ra.early().size(), unit, ra.early().size() + " " + unit,
                        "not required; " + text);
            }
            return Checks.atMost(id, KIND, ra.early().size(), 0, unit, text.toString());
        }

        private static String waitText(RetryAfterMeasurement.Wait w) {
            return Numbers.fixedSeconds(w.waitedNanos() / 1e9) + " of the " + Numbers.fixedSeconds(w.askedNanos() / 1e9)
                    + " asked (Retry-After: " + w.value() + ")";
        }

        ExpectationResult noRetryOn() {
            String id = e.id() + ".no-retry-on";
            String unit = "retries";
            String statuses = new TreeSet<>(e.noRetryOn()).stream().map(String::valueOf).collect(Collectors.joining(", "));
            if (a.calls().isEmpty()) {
                return Checks.inconclusive(id, KIND, 0.0, "<=", unit, noCalls());
            }
            NonRetryableMeasurement n = a.nonRetryable().orElseThrow();
            long responses = n.responses().values().stream().mapToLong(Long::longValue).sum();
            if (responses == 0) {
                return Checks.inconclusive(id, KIND, 0.0, "<=", unit, "no response at " + window + " had status " + statuses
                        + ", so there was nothing the client should not have retried (does a fault answer with it?)");
            }
            String answered = Numbers.count(responses, "response") + " with " + statuses;
            if (n.retriedAfterStatus().isEmpty()) {
                return Checks.atMost(id, KIND, 0, 0, unit, "none of the " + answered + " was retried");
            }
            Map<Integer, Long> byStatus = n.retriedByStatus();
            Retry first = n.retriedAfterStatus().get(0);
            String text = byStatus.entrySet().stream()
                    .map(en -> Numbers.count(en.getValue(), "retry", "retries") + " after " + en.getKey())
                    .collect(Collectors.joining(", "))
                    + " (of " + answered + "); the first, " + RetryWords.where(first)
                    + ", came " + Numbers.fixedSeconds(first.gapNanos() / 1e9) + " after a " + first.previous().status();
            return Checks.atMost(id, KIND, n.retriedAfterStatus().size(), 0, unit, text);
        }

        ExpectationResult maxRecovery(double limitSeconds) {
            String id = e.id() + ".max-recovery";
            String unit = "s";
            RecoveryMeasurement r = a.recovery();
            if (r instanceof RecoveryMeasurement.Unmeasured u) {
                return Checks.inconclusive(id, KIND, limitSeconds, "<=", unit, u.reason());
            }
            RecoveryMeasurement.Measured m = (RecoveryMeasurement.Measured) r;
            String bursts = m.baselineBurst() > 1 ? " in bursts of " + m.baselineBurst() : "";
            String normal = "1.1× the " + m.baseline().name() + " rate (" + Numbers.number(m.baselinePerSecond())
                    + " attempts/s" + bursts + ": at most " + Numbers.count(m.allowedPerSlice(), "attempt") + " a 1 s slice)";
            String slices = slices(m.slices());
            if (m.recovered()) {
                String text = m.recoverySeconds() == 0
                        ? "the attempt rate at " + e.upstream() + " was within " + normal + " from the end of the fault; slices after it: " + slices
                        : "the attempt rate at " + e.upstream() + " was back within " + normal + " "
                        + Numbers.fixedSeconds(m.recoverySeconds()) + " after the fault ended at " + RetryWords.at(m.faultEndNanos())
                        + "; slices after it: " + slices;
                return Checks.atMost(id, KIND, m.recoverySeconds(), limitSeconds, unit, text);
            }
            String text = "the attempt rate at " + e.upstream() + " was still above " + normal + " in the last of the "
                    + Numbers.fixedSeconds(m.observedSeconds()) + " watched after the fault ended at " + RetryWords.at(m.faultEndNanos())
                    + "; slices: " + slices;
            if (m.observedSeconds() <= limitSeconds) {
                return Checks.inconclusive(id, KIND, limitSeconds, "<=", unit, text
                        + " (the run watched no longer than max-recovery; lengthen the phase after the fault)");
            }
            return new ExpectationResult(id, KIND, CheckStatus.FAILED, false, m.observedSeconds(), limitSeconds, "<=", unit,
                    "> " + Numbers.number(m.observedSeconds()) + " s", "<= " + Numbers.number(limitSeconds) + " s", text);
        }

        private static String slices(List<Long> slices) {
            String listed = slices.stream().limit(12).map(String::valueOf).collect(Collectors.joining(", "));
            return listed + (slices.size() > 12 ? ", …" : "");
        }

        /** Retries of POST or PATCH without an Idempotency-Key, in words; empty when there were none. */
        Optional<String> finding() {
            return a.nonRetryable().filter(n -> !n.unkeyedRetries().isEmpty()).map(n -> {
                Retry first = n.unkeyedRetries().get(0);
                return Numbers.count(n.unkeyedRetries().size(), "retry", "retries") + " of " + first.attempt().method()
                        + " without an Idempotency-Key (the first, " + RetryWords.where(first)
                        + "): the server cannot tell them from new requests, so one may be applied twice";
            });
        }
    }

    private static ExpectationResult amplification(RetryExpectation e, AmplificationMeasurement m, double limit, String window) {
        String id = e.id() + ".max-amplification";
        String unit = "attempts/call";
        Optional<AmplificationMeasurement.CallStats> calls = m.calls().filter(c -> c.calls() > 0);
        if (calls.isPresent()) {
            AmplificationMeasurement.CallStats c = calls.get();
            return Checks.atMost(id, KIND, c.amplification(), limit, unit, callsSentence(c, window));
        }
        if (m.rate().isPresent() && !Double.isNaN(m.rate().get().amplification())) {
            AmplificationMeasurement.RateStats r = m.rate().get();
            return Checks.atMost(id, KIND, r.amplification(), limit, "× baseline rate",
                    noIdsPrefix(m) + "attempt rate " + Numbers.number(r.windowPerSecond()) + "/s at " + window + " vs "
                            + Numbers.number(r.baselinePerSecond()) + "/s during " + r.baselinePhase() + ": ×"
                            + Numbers.number(r.amplification()));
        }
        return Checks.inconclusive(id, KIND, limit, "<=", unit, noCalls(m, window)
                + (m.rate().isEmpty() ? "; no fault-free phase to compare rates with" : "; the baseline phase saw no attempts"));
    }

    private static ExpectationResult attemptsPerCall(RetryExpectation e, AmplificationMeasurement m, int limit, String window) {
        String id = e.id() + ".max-attempts-per-call";
        String unit = "attempts";
        Optional<AmplificationMeasurement.CallStats> calls = m.calls().filter(c -> c.calls() > 0);
        if (calls.isEmpty()) {
            return Checks.inconclusive(id, KIND, (double) limit, "<=", unit, noCalls(m, window));
        }
        AmplificationMeasurement.CallStats c = calls.get();
        return Checks.atMost(id, KIND, c.maxAttemptsPerCall(), limit, unit,
                "the worst call (" + c.worstCallKey() + ") made " + Numbers.count(c.maxAttemptsPerCall(), "attempt") + "; "
                        + Numbers.count(c.calls(), "call") + " started at " + window);
    }

    private static ExpectationResult retryRatio(RetryExpectation e, AmplificationMeasurement m, double limit, String window) {
        String id = e.id() + ".max-retry-ratio";
        String unit = "retries/call";
        Optional<AmplificationMeasurement.CallStats> calls = m.calls().filter(c -> c.calls() > 0);
        if (calls.isPresent()) {
            AmplificationMeasurement.CallStats c = calls.get();
            return Checks.atMost(id, KIND, c.retryRatio(), limit, unit,
                    Numbers.count(c.retries(), "retry", "retries") + " for " + Numbers.count(c.calls(), "first attempt") + " at " + window + " (retries are "
                            + Numbers.number(100 * c.retryShare()) + " % of all attempts)");
        }
        if (m.rate().isPresent() && !Double.isNaN(m.rate().get().amplification())) {
            AmplificationMeasurement.RateStats r = m.rate().get();
            double ratio = Math.max(0, r.amplification() - 1);
            return Checks.atMost(id, KIND, ratio, limit, unit, noIdsPrefix(m) + "attempt rate ×"
                    + Numbers.number(r.amplification()) + " the " + r.baselinePhase() + " rate, so about "
                    + Numbers.number(ratio) + " extra attempts per call");
        }
        return Checks.inconclusive(id, KIND, limit, "<=", unit, noCalls(m, window));
    }

    private static String callsSentence(AmplificationMeasurement.CallStats c, String window) {
        String text = Numbers.count(c.attempts(), "attempt") + " for " + Numbers.count(c.calls(), "call") + " (grouped by "
                + c.basis() + ") at " + window + ": " + Numbers.number(c.amplification()) + " attempts per call";
        if (c.attemptsWithoutId() > 0) {
            text += "; " + c.attemptsWithoutId() + " attempts lacked " + c.basis() + " and count as calls of their own";
        }
        return text;
    }

    private static String noIdsPrefix(AmplificationMeasurement m) {
        return m.noCallIdsReason().isEmpty() ? "" : m.noCallIdsReason() + "; ";
    }

    private static String noCalls(AmplificationMeasurement m, String window) {
        if (!m.noCallIdsReason().isEmpty()) {
            return m.noCallIdsReason() + " (forward X-Request-Id, or use by: client for a client that makes one call at a time)";
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
