package dev.faultline.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The overall outcome of a run, with the exit code CI gates on. */
public enum Verdict {
    /** Every expectation held. */
    HELD("held", 0),
    /** At least one expectation failed. */
    FAILED("failed", 1),
    /** The scenario or the command line was invalid. */
    INVALID("invalid", 2),
    /** The run could not be carried out (target did not start, port taken, ...). */
    ERROR("error", 3),
    /** The harness could not inject or measure faithfully, so no pass or fail is given. */
    INCONCLUSIVE("inconclusive", 4),
    /** The run was interrupted (Ctrl-C, SIGTERM); what was measured so far is reported. */
    ABORTED("aborted", 130);

    private final String text;
    private final int exitCode;

    Verdict(String text, int exitCode) {
        this.text = text;
        this.exitCode = exitCode;
    }

    /** The lower-case word used in every report. */
    @JsonValue
    public String text() {
        return text;
    }

    /** The process exit code for this verdict. */
    public int exitCode() {
        return exitCode;
    }

    @JsonCreator
    public static Verdict fromText(String text) {
        for (Verdict v : values()) {
            if (v.text.equals(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict \"" + text + "\" (expected held, failed, invalid, error, inconclusive or aborted)");
    }
}
