package dev.faultline.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of one check. */
public enum CheckStatus {
    PASSED("passed"),
    FAILED("failed"),
    /** Could not be judged: the fault it relies on never fired, or nothing was measured. */
    INCONCLUSIVE("inconclusive");

    private final String text;

    CheckStatus(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static CheckStatus fromText(String text) {
        for (CheckStatus s : values()) {
            if (s.text.equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown check status \"" + text + "\" (expected passed, failed or inconclusive)");
    }
}
