package dev.faultline.junit5;

import dev.faultline.report.ExpectationResult;
import dev.faultline.report.RunReport;
import dev.faultline.report.Verdict;

import java.nio.file.Path;
import java.util.List;

/**
 * The report of a whole scenario run ({@link Faultline#run(Path)}), as an object: the verdict and exit
 * code {@code faultline run} would end with, every check with its status, measured number, limit and
 * explanation, and the full report (phases, per-upstream counts, targets, harness fidelity) that
 * {@code report.json} holds.
 *
 * @param report    the run's report, the same record {@code report.json} is written from
 * @param reportDir where the report files were written
 */
public record FaultlineReport(RunReport report, Path reportDir) {

    /** held, failed, inconclusive, error, aborted or invalid. */
    public Verdict verdict() {
        return report.verdict();
    }

    /** The exit code {@code faultline run} ends with for this report (0 held, 1 failed, 3 error, 4 inconclusive). */
    public int exitCode() {
        return report.exitCode();
    }

    /** Every check, in file order, each with status, measured number, limit and explanation. */
    public List<ExpectationResult> checks() {
        return report.expectations();
    }

    /** The check with this id ({@code retries.max-attempts-per-call}). */
    public ExpectationResult check(String id) {
        return checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + id + " in " + report.scenario() + " (checks: "
                        + String.join(", ", checks().stream().map(ExpectationResult::id).toList()) + ")"));
    }

    /** True when the verdict is held. */
    public boolean held() {
        return verdict() == Verdict.HELD;
    }

    /**
     * Throws unless the run held: inconclusive, an error (the target could not start, say) and an
     * aborted run fail the assertion too.
     *
     * @throws AssertionError the verdict, the run's message if any, one line per failed or inconclusive
     *                        check, and where the report files are
     */
    public FaultlineReport assertHeld() {
        if (!held()) {
            throw new AssertionError(message());
        }
        return this;
    }

    /** The verdict, the run's own message if any, then one line per check that did not pass. */
    public String message() {
        String checks = new FaultlineVerdict(verdict(), checks()).message();
        String head = report.message().isEmpty() ? checks : checks.replaceFirst("\n|$", " (" + report.message() + ")\n");
        return head.stripTrailing() + "\n  report: " + reportDir;
    }

    @Override
    public String toString() {
        return held() ? "faultline: held (" + checks().size() + " checks; report: " + reportDir + ")" : message();
    }
}
