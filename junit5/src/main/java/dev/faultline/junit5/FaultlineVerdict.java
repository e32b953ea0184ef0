package dev.faultline.junit5;

import dev.faultline.judge.Judge;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Verdict;
import dev.faultline.report.internal.ExpectationText;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The judged checks and the verdict they fold into, as {@code faultline run} reports them: failed if any
 * check failed, else inconclusive if any could not be judged, else held.
 *
 * @param verdict the folded verdict
 * @param checks  every check, with its measured number and one-line explanation
 */
public record FaultlineVerdict(Verdict verdict, List<ExpectationResult> checks) {
    public FaultlineVerdict {
        checks = List.copyOf(checks);
    }

    static FaultlineVerdict of(List<ExpectationResult> checks) {
        return new FaultlineVerdict(Judge.verdict(checks), checks);
    }

    /** True when every check held. */
    public boolean held() {
        return verdict == Verdict.HELD;
    }

    /** The check with this id ({@code retries.max-amplification}), for tests that look at its number. */
    public ExpectationResult check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + id + " (checks: "
                        + checks.stream().map(ExpectationResult::id).collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * Throws unless the verdict is held. An inconclusive check fails the assertion too: what could not
     * be judged has not been shown to hold.
     *
     * @throws AssertionError one line per failed or inconclusive check: its id, status, measured number
     *                        and limit, and the explanation the command line prints
     */
    public FaultlineVerdict assertHeld() {
        if (!held()) {
            throw new AssertionError(message());
        }
        return this;
    }

    /** The failure message: the verdict, then one line per check that did not pass. */
    public String message() {
        return "faultline: " + verdict.name().toLowerCase(java.util.Locale.ROOT) + "\n" + checks.stream()
                .filter(c -> c.status() == CheckStatus.FAILED || c.status() == CheckStatus.INCONCLUSIVE)
                .map(FaultlineVerdict::line)
                .collect(Collectors.joining("\n"));
    }

    private static String line(ExpectationResult c) {
        return "  " + c.id() + " " + c.status().name().toLowerCase(java.util.Locale.ROOT) + " (" + ExpectationText.verdictLine(c)
                + "): " + ExpectationText.explanation(c);
    }

    @Override
    public String toString() {
        return held() ? "faultline: held (" + checks.size() + " checks)" : message();
    }
}
