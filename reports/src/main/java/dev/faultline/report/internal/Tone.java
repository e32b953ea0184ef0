package dev.faultline.report.internal;

import dev.faultline.report.CheckStatus;
import dev.faultline.report.Verdict;

/** How alarming an outcome is; every report colours and marks outcomes by tone, never by name. */
public enum Tone {
    GOOD,
    BAD,
    /** Neither pass nor fail: a reader must look before trusting the run. */
    WARNING;

    /** The tone of a run's verdict. */
    public static Tone of(Verdict verdict) {
        return switch (verdict) {
            case HELD -> GOOD;
            case FAILED, INVALID, ERROR -> BAD;
            case INCONCLUSIVE, ABORTED -> WARNING;
        };
    }

    /** The tone of one check. */
    public static Tone of(CheckStatus status) {
        return switch (status) {
            case PASSED -> GOOD;
            case FAILED -> BAD;
            case INCONCLUSIVE -> WARNING;
        };
    }
}
