package dev.faultline.analysis.shutdown;

import dev.faultline.analysis.shutdown.ShutdownMeasurement.Endings;
import dev.faultline.analysis.shutdown.ShutdownMeasurement.Episode;
import dev.faultline.analysis.shutdown.ShutdownMeasurement.Exit;
import dev.faultline.analysis.shutdown.ShutdownMeasurement.Readiness;
import dev.faultline.expect.Checks;
import dev.faultline.journal.Event;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Numbers;
import dev.faultline.scenario.Expectations.ShutdownExpectation;
import dev.faultline.scenario.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Judges {@code expect.shutdown}: whether the target, once signalled, finished what it had accepted,
 * said it was going (readiness), and exited in time with the right code. Each check carries one line
 * with the numbers behind it. Pure.
 *
 * <p>With several signalled replicas, drain and exit code are judged on the worst replica, failed
 * requests in flight are summed, and readiness must fail before the exit on every replica.
 */
public final class ShutdownJudge {
    private static final String KIND = "shutdown";
    private static final Map<Integer, String> SIGNAL_NAMES = Map.ofEntries(
            Map.entry(1, "HUP"), Map.entry(2, "INT"), Map.entry(3, "QUIT"), Map.entry(4, "ILL"), Map.entry(6, "ABRT"),
            Map.entry(7, "BUS"), Map.entry(8, "FPE"), Map.entry(9, "KILL"), Map.entry(10, "USR1"), Map.entry(11, "SEGV"),
            Map.entry(12, "USR2"), Map.entry(13, "PIPE"), Map.entry(14, "ALRM"), Map.entry(15, "TERM"));

    private ShutdownJudge() {
    }

    /** Every shutdown check of the scenario, in file order. */
    public static List<ExpectationResult> judge(Scenario scenario, List<Event> events) {
        List<ExpectationResult> results = new ArrayList<>();
        if (scenario.expect().shutdown().isEmpty()) {
            return results;
        }
        ShutdownMeasurement m = ShutdownAnalysis.of(events);
        for (ShutdownExpectation e : scenario.expect().shutdown()) {
            results.addAll(judge(e, m));
        }
        return results;
    }

    static List<ExpectationResult> judge(ShutdownExpectation e, ShutdownMeasurement m) {
        List<ExpectationResult> results = new ArrayList<>();
        e.maxDrain().ifPresent(limit -> results.add(maxDrain(e.id() + ".max-drain", limit, m)));
        e.maxFailedInFlight().ifPresent(limit -> results.add(failedInFlight(e.id() + ".max-failed-in-flight", limit, m)));
        if (!e.exitCode().isEmpty()) {
            results.add(exitCode(e.id() + ".exit-code", e.exitCode(), m));
        }
        e.readinessFailsBeforeExit().ifPresent(required -> results.add(readinessBeforeExit(e.id() + ".readiness-fails-before-exit",
                required, m)));
        return results;
    }

    private static Optional<String> unjudgeable(ShutdownMeasurement m) {
        if (m.unmeasured().isPresent()) {
            return m.unmeasured();
        }
        List<Episode> early = m.episodes().stream().filter(ep -> ep.exitedBeforeNanos().isPresent()).toList();
        if (early.size() == m.episodes().size()) {
            Episode ep = early.get(0);
            return Optional.of(head(ep, m) + ": the target's main process had already exited by itself "
                    + secs(ep.exitedBeforeNanos().getAsLong()) + " earlier, so there was no shutdown to watch");
        }
        return Optional.empty();
    }

    private static List<Episode> judged(ShutdownMeasurement m) {
        return m.episodes().stream().filter(ep -> ep.exitedBeforeNanos().isEmpty()).toList();
    }

    // --- max-drain -------------------------------------------------------------------------------

    private static ExpectationResult maxDrain(String id, Duration limit, ShutdownMeasurement m) {
        double limitS = limit.toNanos() / 1e9;
        Optional<String> none = unjudgeable(m);
        if (none.isPresent()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", none.get());
        }
        List<Episode> episodes = judged(m);
        List<Episode> unfinished = episodes.stream().filter(ep -> ep.exit().isEmpty()).toList();
        for (Episode ep : unfinished) {
            long watched = ep.abortedAfterNanos().orElse(0);
            if (watched / 1e9 > limitS) {
                return new ExpectationResult(id, KIND, CheckStatus.FAILED, false, watched / 1e9, limitS, "<=", "s",
                        "> " + Numbers.number(watched / 1e9) + " s", "<= " + Numbers.number(limitS) + " s",
                        head(ep, m) + ": " + exitText(ep));
            }
        }
        if (!unfinished.isEmpty()) {
            return Checks.inconclusive(id, KIND, limitS, "<=", "s", head(unfinished.get(0), m) + ": " + exitText(unfinished.get(0)));
        }
        Episode worst = episodes.stream().max(Comparator.comparingLong(ep -> ep.exit().get().afterNanos())).orElseThrow();
        String text = head(worst, m) + ": " + exitText(worst) + " (" + inFlightBrief(worst) + ")" + others(episodes, worst, m,
                ep -> secs(ep.exit().get().afterNanos()));
        return Checks.atMost(id, KIND, worst.exit().get().afterNanos() / 1e9, limitS, "s", text);
    }

    // --- max-failed-in-flight --------------------------------------------------------------------

    private static ExpectationResult failedInFlight(String id, int limit, ShutdownMeasurement m) {
        String unit = "requests";
        Optional<String> none = unjudgeable(m);
        if (none.isPresent()) {
            return Checks.inconclusive(id, KIND, (double) limit, "<=", unit, none.get());
        }
        List<Episode> episodes = judged(m);
        if (!m.loadSeen()) {
            return Checks.inconclusive(id, KIND, (double) limit, "<=", unit,
                    "the scenario sends no load, so no request was in flight at the signal (add load)");
        }
        long inFlight = episodes.stream().mapToLong(ep -> ep.inFlight().total()).sum();
        if (inFlight == 0) {
            return Checks.inconclusive(id, KIND, (double) limit, "<=", unit, episodes.stream().map(ep -> head(ep, m))
                    .collect(Collectors.joining("; ")) + ": no load request was in flight, so none could be lost"
                    + " (slow the target down with a delay at its upstream, or raise the load's rate, so some are)");
        }
        long failed = episodes.stream().mapToLong(ep -> ep.inFlight().failed()).sum();
        long cancelled = episodes.stream().mapToLong(ep -> ep.inFlight().cancelled()).sum();
        String text = episodes.stream().map(ep -> summary(ep, m)).collect(Collectors.joining("; "));
        if (failed <= limit && failed + cancelled > limit) {
            return Checks.inconclusive(id, KIND, (double) limit, "<=", unit, text + " (" + Numbers.count(cancelled, "request")
                    + " cancelled by the harness could have gone either way)");
        }
        return Checks.atMost(id, KIND, failed, limit, unit, text);
    }

    // --- exit-code -------------------------------------------------------------------------------

    private static ExpectationResult exitCode(String id, List<Integer> allowed, ShutdownMeasurement m) {
        boolean one = allowed.size() == 1;
        String limitText = one ? String.valueOf(allowed.get(0))
                : allowed.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        String comparison = one ? "==" : "in";
        Double limit = one ? (double) allowed.get(0) : null;
        Optional<String> none = unjudgeable(m);
        if (none.isPresent()) {
            return inconclusiveCode(id, limit, comparison, limitText, none.get());
        }
        List<Episode> episodes = judged(m);
        Optional<Episode> wrong = episodes.stream()
                .filter(ep -> ep.exit().isPresent() && !allowed.contains(ep.exit().get().exitCode())).findFirst();
        Optional<Episode> unfinished = episodes.stream().filter(ep -> ep.exit().isEmpty()).findFirst();
        if (wrong.isEmpty() && unfinished.isPresent()) {
            return inconclusiveCode(id, limit, comparison, limitText, head(unfinished.get(), m) + ": " + exitText(unfinished.get()));
        }
        Episode shown = wrong.orElse(episodes.get(0));
        int code = shown.exit().get().exitCode();
        boolean ok = wrong.isEmpty();
        String text = head(shown, m) + ": " + exitText(shown) + others(episodes, shown, m,
                ep -> ep.exit().map(x -> "exited " + x.exitCode()).orElse("not exited"));
        return new ExpectationResult(id, KIND, ok ? CheckStatus.PASSED : CheckStatus.FAILED, ok, (double) code, limit, comparison,
                "", String.valueOf(code), limitText, text);
    }

    private static ExpectationResult inconclusiveCode(String id, Double limit, String comparison, String limitText,
                                                      String explanation) {
        return new ExpectationResult(id, KIND, CheckStatus.INCONCLUSIVE, false, null, limit, comparison, "", "not measured",
                limitText, explanation);
    }

    // --- readiness-fails-before-exit -------------------------------------------------------------

    private static ExpectationResult readinessBeforeExit(String id, boolean required, ShutdownMeasurement m) {
        String unit = "failed answers";
        Optional<String> none = unjudgeable(m);
        if (none.isEmpty() && !m.readinessSeen()) {
            none = Optional.of("the readiness probe never answered");
        }
        if (none.isPresent()) {
            return required ? Checks.inconclusive(id, KIND, 1.0, ">=", unit, none.get())
                    : Checks.info(id, KIND, null, unit, "not measured", none.get() + " (nothing was required: false)");
        }
        List<Episode> episodes = judged(m);
        Episode worst = episodes.stream().min(Comparator.comparingLong(ep -> ep.readiness().failedBeforeExit())).orElseThrow();
        long failed = worst.readiness().failedBeforeExit();
        String text = head(worst, m) + ": " + readinessText(worst) + others(episodes, worst, m,
                ep -> ep.readiness().failedBeforeExit() + " failed before the exit");
        if (!required) {
            return Checks.info(id, KIND, (double) failed, unit, Numbers.number(failed) + " " + unit,
                    text + " (nothing was required: false)");
        }
        if (failed == 0 && worst.exit().isEmpty()) {
            return Checks.inconclusive(id, KIND, 1.0, ">=", unit, text);
        }
        return Checks.atLeast(id, KIND, failed, 1, unit, text);
    }

    // --- words -----------------------------------------------------------------------------------

    /**
     * {@code SIGTERM at 12.00 s (1.50 s into drain)}, naming the replica when the run had several, and
     * the final stop as such.
     */
    static String head(Episode ep, ShutdownMeasurement m) {
        String when = ep.reason().equals("stop") ? "the final stop"
                : ep.phase().map(p -> secs(ep.intoPhaseNanos()) + " into " + p).orElse("");
        return "SIG" + ep.signal() + (m.replicas() > 1 ? " to replica " + ep.replica() : "") + " at " + secs(ep.signalNanos())
                + (when.isEmpty() ? "" : " (" + when + ")");
    }

    /**
     * The whole episode in one line: {@code SIGTERM at 12.00 s with 7 requests in flight: 7 completed; 3 sent
     * after it were refused (connection refused 3); readiness failed 0.21 s after the signal; exited 0 after
     * 1.35 s without KILL; no upstream call abandoned}.
     */
    static String summary(Episode ep, ShutdownMeasurement m) {
        Endings in = ep.inFlight();
        StringBuilder text = new StringBuilder(head(ep, m)).append(" with ").append(Numbers.count(in.total(), "request"))
                .append(" in flight");
        if (in.total() > 0) {
            text.append(": ").append(inFlightEndings(in));
        }
        text.append("; ").append(afterText(ep.afterSignal()));
        if (m.readinessSeen()) {
            text.append("; ").append(readinessBrief(ep));
        }
        text.append("; ").append(exitText(ep)).append("; ").append(abandonedText(ep));
        return text.toString();
    }

    private static String inFlightEndings(Endings in) {
        List<String> parts = new ArrayList<>();
        parts.add(in.succeeded() + " completed");
        if (in.failed() > 0) {
            parts.add(in.failed() + " failed (" + kinds(in.failures()) + ")");
        }
        if (in.cancelled() > 0) {
            parts.add(in.cancelled() + " cancelled by the harness");
        }
        return String.join(", ", parts);
    }

    private static String inFlightBrief(Episode ep) {
        Endings in = ep.inFlight();
        if (in.total() == 0) {
            return "no request was in flight at the signal";
        }
        return Numbers.count(in.total(), "request was", "requests were") + " in flight, " + in.succeeded() + " completed;"
                + " the last ended " + secs(ep.lastInFlightEndNanos()) + " after the signal";
    }

    private static String afterText(Endings after) {
        if (after.total() == 0) {
            return "none sent after it before the exit";
        }
        List<String> parts = new ArrayList<>();
        if (after.succeeded() > 0) {
            parts.add(after.succeeded() + " served");
        }
        if (after.refused() > 0) {
            parts.add(after.refused() + " refused (" + kinds(after.refusals()) + ")");
        }
        if (after.failed() > 0) {
            parts.add(after.failed() + " failed (" + kinds(after.failures()) + ")");
        }
        if (after.cancelled() > 0) {
            parts.add(after.cancelled() + " cancelled by the harness");
        }
        String lead = Numbers.count(after.total(), "request", "requests") + " sent after it before the exit";
        if (parts.size() == 1 && after.cancelled() == 0) {
            // "3 requests sent after it before the exit were refused (connection refused 3)", "... failed (reset 1)"
            String only = parts.get(0);
            String verb = after.failed() > 0 ? " " : after.total() == 1 ? " was " : " were ";
            return lead + verb + only.substring(only.indexOf(' ') + 1);
        }
        return lead + ": " + String.join(", ", parts);
    }

    private static String readinessBrief(Episode ep) {
        Readiness r = ep.readiness();
        if (r.failingAtSignal()) {
            return "readiness was already failing at the signal";
        }
        if (r.firstFailureNanos().isEmpty()) {
            return "readiness never failed";
        }
        long first = r.firstFailureNanos().getAsLong();
        if (ep.exit().isPresent() && r.failedBeforeExit() == 0) {
            return "readiness did not fail until the exit (first failure " + secs(first) + " after the signal, "
                    + r.firstFailure().orElse("?") + ")";
        }
        return "readiness failed " + secs(first) + " after the signal (" + r.firstFailure().orElse("?") + ")";
    }

    private static String readinessText(Episode ep) {
        Readiness r = ep.readiness();
        String until = ep.exit().map(x -> "the exit " + secs(x.afterNanos()) + " later")
                .orElse(ep.abortedAfterNanos().isPresent() ? "the abort " + secs(ep.abortedAfterNanos().getAsLong()) + " later"
                        : "the end of the run");
        String margin = ep.exit().isPresent() ? " until " + secs(ShutdownAnalysis.EXIT_MARGIN_NANOS) + " before it" : "";
        if (r.failedBeforeExit() == 0) {
            String answers = r.answersBeforeExit() == 0 ? "no answer arrived" + margin
                    : r.answersBeforeExit() == 1 ? "the one answer" + margin + " passed"
                    : "all " + r.answersBeforeExit() + " answers" + margin + " passed";
            String atExit = r.failedAtExit() == 0 ? ""
                    : "; " + Numbers.count(r.failedAtExit(), "failed answer") + " came as the process ended: the exit itself, not a warning";
            return "readiness never failed between the signal and " + until + " (" + answers + ")" + atExit;
        }
        String flip = r.failingAtSignal() ? "readiness was already failing at the signal"
                : "readiness failed " + secs(r.firstFailureNanos().getAsLong()) + " after the signal (" + r.firstFailure().orElse("?") + ")";
        String ahead = ep.exit().isPresent() && !r.failingAtSignal()
                ? ", " + secs(ep.exit().get().afterNanos() - r.firstFailureNanos().getAsLong()) + " before the exit" : "";
        return flip + ahead + "; " + r.failedBeforeExit() + " of " + Numbers.count(r.answersBeforeExit(), "answer")
                + " between the signal and " + until + (margin.isEmpty() ? "" : " (" + margin.trim() + ")") + " failed";
    }

    /** {@code exited 0 after 1.35 s without KILL}, {@code KILLed 10.02 s after the signal: ...}, or why it had not exited. */
    static String exitText(Episode ep) {
        if (ep.exit().isEmpty()) {
            if (ep.abortedAfterNanos().isPresent()) {
                return "had not exited when the run was aborted " + secs(ep.abortedAfterNanos().getAsLong()) + " after the signal";
            }
            return "its main process never exited";
        }
        Exit x = ep.exit().get();
        String how = "exited " + x.exitCode() + byWhat(ep, x) + " after " + secs(x.afterNanos());
        if (ep.signal().equals("KILL")) {
            return how;
        }
        return how + (ep.killSent() ? ": the grace ran out and the harness sent KILL" : " without KILL");
    }

    private static String byWhat(Episode ep, Exit x) {
        if (x.bySignal().isEmpty()) {
            return "";
        }
        int number = x.bySignal().getAsInt();
        String name = SIGNAL_NAMES.getOrDefault(number, String.valueOf(number));
        if (name.equals(ep.signal()) && !name.equals("KILL")) {
            return " (ended by SIG" + name + " itself: no handler for it)";
        }
        return " (ended by SIG" + name + ")";
    }

    private static String abandonedText(Episode ep) {
        long n = ep.abandonedCalls();
        if (n == 0) {
            return "no upstream call abandoned";
        }
        return Numbers.count(n, "upstream call") + " abandoned mid-response (" + kinds(ep.abandoned()) + ")";
    }

    private static String others(List<Episode> all, Episode shown, ShutdownMeasurement m,
                                 Function<Episode, String> what) {
        List<Episode> rest = all.stream().filter(ep -> ep != shown).toList();
        if (rest.isEmpty()) {
            return "";
        }
        return "; " + rest.stream().map(ep -> "replica " + ep.replica() + ": " + what.apply(ep)).collect(Collectors.joining(", "));
    }

    /** {@code closed 12, reset 3}, most frequent first. */
    private static String kinds(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(c -> c.getKey() + " " + c.getValue()).collect(Collectors.joining(", "));
    }

    private static String secs(long nanos) {
        return Numbers.fixedSeconds(nanos / 1e9);
    }
}
