package dev.faultline.report.internal;

import dev.faultline.report.Numbers;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.RunReport;
import dev.faultline.report.UpstreamReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Facts derived from a report that more than one renderer states. */
public final class ReportFacts {

    private ReportFacts() {
    }

    /**
     * Fault rules that never fired, in report order: the harness's list, plus any rule an upstream
     * counted zero times, so a report written by a producer that filled only one of them still
     * names every rule.
     */
    public static List<String> rulesNeverFired(RunReport report) {
        Set<String> ids = new LinkedHashSet<>(report.harness().rulesNeverFired());
        for (UpstreamReport upstream : report.upstreams()) {
            for (UpstreamReport.RuleReport rule : upstream.rules()) {
                if (rule.fired() == 0) {
                    ids.add(rule.id());
                }
            }
        }
        return new ArrayList<>(ids);
    }

    /** How many checks ended with this status. */
    public static long count(RunReport report, CheckStatus status) {
        return report.expectations().stream().filter(e -> e.status() == status).count();
    }

    /** {@code 3 passed, 1 failed, 1 inconclusive}, leaving out zero counts except when all are zero. */
    public static String statusCounts(RunReport report) {
        List<String> parts = new ArrayList<>();
        for (CheckStatus status : CheckStatus.values()) {
            long n = count(report, status);
            if (n > 0) {
                parts.add(n + " " + status.text());
            }
        }
        return parts.isEmpty() ? "no checks" : String.join(", ", parts);
    }

    /**
     * What happened to the run as a whole: its message, or for a verdict that came without one, what
     * that verdict means; for an inconclusive run, each inconclusive check's own reason. Empty for held
     * and failed runs, whose checks say it all.
     */
    public static String runMessage(RunReport report) {
        if (!report.message().isBlank()) {
            return report.message();
        }
        return switch (report.verdict()) {
            case HELD, FAILED -> "";
            case INVALID -> "the scenario or the command line was invalid";
            case ERROR -> "the run could not be carried out";
            case INCONCLUSIVE -> "the harness could not inject or measure faithfully" + inconclusiveReasons(report);
            case ABORTED -> "the run was interrupted before it finished";
        };
    }

    /**
     * {@code : a.b, a.c: REASON; a.d: OTHER REASON}: the inconclusive checks grouped by their reason, in
     * report order, so a reason several checks share is given once; empty when none is inconclusive.
     */
    private static String inconclusiveReasons(RunReport report) {
        Map<String, List<String>> idsByReason = new LinkedHashMap<>();
        for (ExpectationResult e : report.expectations()) {
            if (e.status() == CheckStatus.INCONCLUSIVE) {
                idsByReason.computeIfAbsent(ExpectationText.explanation(e), reason -> new ArrayList<>()).add(e.id());
            }
        }
        List<String> parts = new ArrayList<>();
        idsByReason.forEach((reason, ids) -> parts.add(String.join(", ", ids) + ": " + reason));
        return parts.isEmpty() ? "" : ": " + String.join("; ", parts);
    }

    /** Whether the journal lost events past its cap, so counts are exact but the evidence is partial. */
    public static boolean journalDropped(RunReport report) {
        return report.journal().dropped() > 0;
    }

    /** {@code 1,200 events dropped past the cap of 1,000,000}. */
    public static String journalDropLine(RunReport report) {
        return Numbers.count(report.journal().dropped()) + " events dropped past the cap of "
                + Numbers.count(report.journal().capacity());
    }
}
