package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Verdict;
import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.UpstreamStats;

import java.util.List;

/**
 * Everything a finished run knows, gathered for the report.
 *
 * @param scenario       the scenario
 * @param displayFile    its file as the user named it
 * @param seed           the seed used
 * @param verdict        the overall verdict
 * @param message        what went wrong, for error/aborted/invalid; else empty
 * @param startEpochMillis wall-clock start
 * @param durationNanos  how long the run took
 * @param events         the journal in time order
 * @param journalDropped events past the journal's cap
 * @param results        the judged checks
 * @param upstreams      per upstream: ports and counters
 * @param targets        per started replica
 */
record FinishedRun(
        Scenario scenario,
        String displayFile,
        long seed,
        Verdict verdict,
        String message,
        long startEpochMillis,
        long durationNanos,
        List<Event> events,
        long journalDropped,
        List<ExpectationResult> results,
        List<UpstreamFacts> upstreams,
        List<TargetFacts> targets) {

    /** The same facts, the run ended as an error for {@code why}; the checks stay as judged. */
    FinishedRun withError(String why) {
        return new FinishedRun(scenario, displayFile, seed, Verdict.ERROR, why, startEpochMillis, durationNanos, events,
                journalDropped, results, upstreams, targets);
    }

    /** One upstream's ports and counters. */
    record UpstreamFacts(String name, List<Integer> ports, UpstreamStats stats) {
    }

    /** One replica as launched; {@code killedLate}: its processes KILLed after its group, one line each. */
    record TargetFacts(int replica, String command, long pid, int port, boolean killed, String stdout, String stderr,
                       List<String> killedLate) {
    }
}
