package dev.faultline.analysis.health;

import dev.faultline.analysis.health.HealthMeasurement.Contradictions;
import dev.faultline.analysis.health.HealthMeasurement.Incident;
import dev.faultline.analysis.health.HealthMeasurement.LivenessWatch;
import dev.faultline.analysis.health.HealthMeasurement.ProbeStats;
import dev.faultline.analysis.health.HealthMeasurement.Truth;
import dev.faultline.expect.Checks;
import dev.faultline.expect.LoadFidelity;
import dev.faultline.journal.Event;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Numbers;
import dev.faultline.scenario.Expectations.HealthExpectation;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Judges {@code expect.health}: whether the target's health endpoints tell the truth while its
 * dependencies fail. Each check carries a one-line explanation with the numbers behind it. Pure.
 *
 * <p>Beyond the keys written in the file, the first health entry carries one implied check,
 * {@code status-matches-code}: when probe bodies declare a health status
 * ({@code application/health+json}), {@code pass}/{@code warn} must come with 2xx-3xx and
 * {@code fail} with 4xx-5xx, as the format's draft says MUST.
 */
public final class HealthJudge {
    private static final String KIND = "health";

    private HealthJudge() {
    }

    /** Every health check of the scenario, in file order. */
    public static List<ExpectationResult> judge(Scenario scenario, List<Event> events) {
        List<ExpectationResult> results = new ArrayList<>();
        if (scenario.expect().health().isEmpty()) {
            return results;
        }
        List<String> faultPhases = scenario.phases().stream().filter(PhaseSpec::injectsFaults).map(PhaseSpec::name).toList();
        HealthMeasurement m = HealthAnalysis.of(events, faultPhases);
        boolean first = true;
        for (HealthExpectation e : scenario.expect().health()) {
            results.addAll(judge(e, m, faultPhases, first));
            first = false;
        }
        return results;
    }

    static List<ExpectationResult> judge(HealthExpectation e, HealthMeasurement m, List<String> faultPhases, boolean first) {
        List<ExpectationResult> results = new ArrayList<>();
        e.readinessFailsWithin().ifPresent(limit -> results.add(failsWithin(e.id() + ".readiness.fails-within", limit, m, faultPhases)));
        e.readinessRecoversWithin().ifPresent(limit -> results.add(recoversWithin(e.id() + ".readiness.recovers-within", limit, m,
                faultPhases)));
        e.livenessStaysUp().ifPresent(staysUp -> results.add(staysUp(e.id() + ".liveness.stays-up", staysUp, m.liveness(),
                faultPhases)));
        e.maxFalseHealthy().ifPresent(limit -> results.add(falseTime(e.id() + ".max-false-healthy", limit, m, true)));
        e.maxFalseUnhealthy().ifPresent(limit -> results.add(falseTime(e.id() + ".max-false-unhealthy", limit, m, false)));
        e.maxProbeLatency().ifPresent(limit -> results.add(probeLatency(e.id() + ".max-probe-latency", limit, m,
                faultPhases)));
        if (first) {
            statusMatchesCode(e.id() + ".status-matches-code", m).ifPresent(results::add);
        }
        return results;
    }

    private static ExpectationResult failsWithin(String id, Duration limit, HealthMeasurement m, List<String> faultPhases) {
        double limitS = seconds(limit);
        Optional<String> unjudgeable = incidentProblem(m, faultPhases);
        if (unjudgeable.isPresent()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", unjudgeable.get());
        }
        List<Incident> judged = judgedIncidents(m);
        List<Incident> never = judged.stream().filter(i -> i.detectionNanos().isEmpty()).toList();
        if (!never.isEmpty()) {
            Incident i = never.get(0);
            return never(id, limitS, "readiness never failed during " + i.phase() + replica(i, m) + " ("
                    + Numbers.count(i.readinessResults(), "answer") + ", all passing) although "
                    + Numbers.count(i.faultsFired(), "fault") + " fired at the upstreams"
                    + (never.size() < judged.size() ? "; " + (judged.size() - never.size()) + " other fault phase(s) were detected" : ""));
        }
        Incident worst = judged.stream().max(Comparator.comparingLong(i -> i.detectionNanos().getAsLong())).orElseThrow();
        String text = "readiness first failed " + Numbers.seconds(worst.detectionNanos().getAsLong()) + " after "
                + worst.phase() + " began" + replica(worst, m) + " (" + worst.readinessFailed() + " of "
                + Numbers.count(worst.readinessResults(), "answer") + " failed during it)"
                + others(judged, worst, m, i -> i.detectionNanos().getAsLong());
        return Checks.atMost(id, KIND, worst.detectionNanos().getAsLong() / 1e9, limitS, "s", text);
    }

    private static ExpectationResult recoversWithin(String id, Duration limit, HealthMeasurement m, List<String> faultPhases) {
        double limitS = seconds(limit);
        Optional<String> unjudgeable = incidentProblem(m, faultPhases);
        if (unjudgeable.isPresent()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", unjudgeable.get());
        }
        List<Incident> followed = judgedIncidents(m).stream().filter(Incident::recoveryExpected).toList();
        if (followed.isEmpty()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", "no fault-free phase follows " + String.join(", ", faultPhases)
                    + ", so recovery cannot be timed (add a phase without faults after it)");
        }
        List<Incident> failed = followed.stream().filter(i -> i.readinessFailed() > 0).toList();
        if (failed.isEmpty()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", "readiness never failed during "
                    + followed.stream().map(Incident::phase).distinct().collect(Collectors.joining(", "))
                    + ", so there was no recovery to time");
        }
        List<Incident> never = failed.stream().filter(i -> i.recoveryNanos().isEmpty()).toList();
        if (!never.isEmpty()) {
            Incident i = never.get(0);
            return never(id, limitS, "readiness still failed " + Numbers.seconds(i.watchedAfterNanos()) + " after "
                    + i.phase() + " ended" + replica(i, m) + ", when the run ended");
        }
        Incident worst = failed.stream().max(Comparator.comparingLong(i -> i.recoveryNanos().getAsLong())).orElseThrow();
        String text = worst.recoveryNanos().getAsLong() == 0
                ? "readiness already passed when " + worst.phase() + " ended" + replica(worst, m)
                : "readiness passed again " + Numbers.seconds(worst.recoveryNanos().getAsLong()) + " after " + worst.phase()
                        + " ended" + replica(worst, m);
        text += others(failed, worst, m, i -> i.recoveryNanos().getAsLong());
        return Checks.atMost(id, KIND, worst.recoveryNanos().getAsLong() / 1e9, limitS, "s", text);
    }

    private static Optional<String> incidentProblem(HealthMeasurement m, List<String> faultPhases) {
        if (faultPhases.isEmpty()) {
            return Optional.of("no phase injects faults, so there is nothing for readiness to detect");
        }
        if (m.incidents().isEmpty()) {
            return Optional.of(m.probe("readiness").isEmpty() ? "the readiness probe never answered"
                    : "the fault phases " + faultPhases + " were never played");
        }
        if (m.incidents().stream().allMatch(i -> i.faultsFired() == 0)) {
            return Optional.of("no fault fired during " + String.join(", ", faultPhases)
                    + ": the target never called the failing upstream, so its readiness had nothing to detect");
        }
        if (judgedIncidents(m).isEmpty()) {
            return Optional.of("the readiness probe never answered during " + String.join(", ", faultPhases));
        }
        return Optional.empty();
    }

    /** Incidents where a fault fired and readiness answered. */
    private static List<Incident> judgedIncidents(HealthMeasurement m) {
        return m.incidents().stream().filter(i -> i.faultsFired() > 0 && i.readinessResults() > 0).toList();
    }

    private static ExpectationResult staysUp(String id, boolean staysUp, LivenessWatch w, List<String> faultPhases) {
        String span = w.cutAtSignal() ? " until the first signal action" : "";
        if (w.watched() == 0) {
            return Checks.inconclusive(id, KIND, staysUp ? 0.0 : 1.0, staysUp ? "<=" : ">=", "failed answers",
                    "the liveness probe never answered" + span);
        }
        String during = faultPhases.isEmpty() ? "" : " (faults during " + String.join(", ", faultPhases) + ")";
        String text;
        if (w.failed() == 0) {
            text = "all " + Numbers.count(w.watched(), "liveness answer") + " passed" + span + during;
        } else {
            text = "liveness failed " + w.failed() + " of " + Numbers.count(w.watched(), "answer") + span + " ("
                    + w.failures().entrySet().stream().map(f -> f.getKey() + " ×" + f.getValue()).collect(Collectors.joining(", "))
                    + "), " + w.failedInFaults() + " of them during fault phases; the first at "
                    + Numbers.seconds(w.firstFailureNanos()) + (w.firstFailurePhase().isEmpty() ? "" : " in " + w.firstFailurePhase())
                    + ": a restart here would not fix a failing dependency";
        }
        if (staysUp) {
            return Checks.atMost(id, KIND, w.failed(), 0, "failed answers", text);
        }
        return Checks.atLeast(id, KIND, w.failedInFaults(), 1, "failed answers", text + " (stays-up: false expects liveness"
                + " to fail during a fault phase)");
    }

    private static ExpectationResult falseTime(String id, Duration limit, HealthMeasurement m, boolean ready) {
        double limitS = seconds(limit);
        Optional<String> lag = LoadFidelity.problem(m.truth().stream().mapToLong(Truth::lateRequests).sum(),
                m.truth().stream().mapToLong(Truth::requests).sum(), m.loadLag());
        if (lag.isPresent()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", lag.get());
        }
        List<Truth> judged = m.truth().stream().filter(t -> t.slices() > 0).toList();
        if (judged.isEmpty()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s",
                    "no 1 s slice had both load results and a readiness answer to compare");
        }
        ToLongFunction<Truth> time = ready ? Truth::falseReadyNanos : Truth::falseUnreadyNanos;
        Truth worst = judged.stream().max(Comparator.comparingLong(time)).orElseThrow();
        long nanos = time.applyAsLong(worst);
        String replica = m.truth().size() > 1 ? " on replica " + worst.replica() : "";
        String threshold = Numbers.number(100 * HealthAnalysis.SERVING_THRESHOLD) + " %";
        String text;
        if (nanos == 0) {
            text = ready ? "readiness never passed while the load failed" : "readiness never failed while the load succeeded";
        } else if (ready) {
            text = "readiness passed for " + Numbers.seconds(nanos) + replica + " while under " + threshold
                    + " of the load succeeded (" + Numbers.count(worst.falseReadySlices(), "slice") + ", the first at "
                    + Numbers.seconds(worst.firstFalseReadyNanos()) + in(worst.firstFalseReadyPhase()) + ")";
        } else {
            text = "readiness failed for " + Numbers.seconds(nanos) + replica + " while at least " + threshold
                    + " of the load succeeded (" + Numbers.count(worst.falseUnreadySlices(), "slice") + ", the first at "
                    + Numbers.seconds(worst.firstFalseUnreadyNanos()) + in(worst.firstFalseUnreadyPhase()) + ")";
        }
        text += "; " + worst.slices() + " slices of 1 s judged, " + (worst.slices() - worst.servingSlices()) + " not serving";
        return Checks.atMost(id, KIND, nanos / 1e9, limitS, "s", text);
    }

    private static ExpectationResult probeLatency(String id, Duration limit, HealthMeasurement m, List<String> faultPhases) {
        double limitMs = limit.toNanos() / 1e6;
        String during = faultPhases.isEmpty() ? "over the run" : "during " + String.join(", ", faultPhases);
        List<ProbeStats> probes = m.probes().stream().filter(p -> p.count() > 0).toList();
        if (probes.isEmpty()) {
            return Checks.inconclusive(id, KIND, limitMs, "<=", "ms", "no probe answered " + during);
        }
        ProbeStats worst = probes.stream().max(Comparator.comparingLong(p -> p.latency().maxNanos())).orElseThrow();
        String text = during + ": " + probes.stream().map(p -> p.probe() + " max " + Numbers.millis(p.latency().maxNanos()) + ", p99 "
                        + Numbers.millis(p.latency().p99Nanos()) + " over " + Numbers.count(p.count(), "answer")
                        + (p.timeouts() > 0 ? " (" + p.timeouts() + " timed out: at least their timeout)" : ""))
                .collect(Collectors.joining("; "));
        if (worst.timeouts() > 0) {
            text += ": a health check that waits on a slow dependency";
        }
        return Checks.atMost(id, KIND, worst.latency().maxNanos() / 1e6, limitMs, "ms", text);
    }

    private static Optional<ExpectationResult> statusMatchesCode(String id, HealthMeasurement m) {
        long declared = m.contradictions().stream().mapToLong(Contradictions::declared).sum();
        if (declared == 0) {
            return Optional.empty();
        }
        long contradict = m.contradictions().stream().mapToLong(Contradictions::contradict).sum();
        String text;
        if (contradict == 0) {
            text = "all " + Numbers.count(declared, "answer") + " with a health status agree with their HTTP code";
        } else {
            text = m.contradictions().stream().filter(c -> c.contradict() > 0)
                    .map(c -> c.probe() + " answered " + c.example() + " " + c.contradict() + " of " + c.declared()
                            + " times, first at " + Numbers.seconds(c.firstNanos()))
                    .collect(Collectors.joining("; "))
                    + ": the body contradicts the code (pass/warn need 2xx-3xx, fail needs 4xx-5xx)";
        }
        return Optional.of(Checks.atMost(id, KIND, contradict, 0, "answers", text));
    }

    private static ExpectationResult never(String id, double limitS, String explanation) {
        return new ExpectationResult(id, KIND, CheckStatus.FAILED, false, null, limitS, "<=", "s", "never",
                "<= " + Numbers.number(limitS) + " s", explanation);
    }

    /** {@code ; other fault phases: outage 0.255 s} for the incidents besides the worst. */
    private static String others(List<Incident> all, Incident worst, HealthMeasurement m, ToLongFunction<Incident> nanos) {
        List<Incident> rest = all.stream().filter(i -> i != worst).toList();
        if (rest.isEmpty()) {
            return "";
        }
        return "; other fault phases: " + rest.stream().map(i -> i.phase() + replica(i, m) + " "
                + Numbers.seconds(nanos.applyAsLong(i))).collect(Collectors.joining(", "));
    }

    private static String in(String phase) {
        return phase.isEmpty() ? "" : " in " + phase;
    }

    private static String replica(Incident i, HealthMeasurement m) {
        return m.truth().size() > 1 ? " on replica " + i.replica() : "";
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
