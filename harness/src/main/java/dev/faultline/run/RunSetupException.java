package dev.faultline.run;

import dev.faultline.report.Verdict;

/** The run could not be set up; carries the verdict it ends with (error, or invalid for a bad template). */
final class RunSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Verdict verdict;

    RunSetupException(Verdict verdict, String message) {
        super(message);
        this.verdict = verdict;
    }

    Verdict verdict() {
        return verdict;
    }
}
