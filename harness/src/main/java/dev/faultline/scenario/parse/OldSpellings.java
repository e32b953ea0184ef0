package dev.faultline.scenario.parse;

import java.util.Map;

/**
 * Keys the format once spelt differently, by the mapping they belong to: old spelling to the one to
 * write now. An old spelling still loads to the same scenario, with a note asking for the new one,
 * so files written before a rename keep working (docs/scenario-format.md, "Spelling").
 */
final class OldSpellings {
    /** A fault rule: grouping is always {@code by}. */
    static final Map<String, String> FAULT_RULE = Map.of("per", "by");
    /** A rate limit: a period is always {@code every}. */
    static final Map<String, String> RATE_LIMIT = Map.of("per", "every");
    /** {@code expect.retries}: grouping is always {@code by}. */
    static final Map<String, String> RETRIES = Map.of("calls-by", "by");
    /** {@code expect.fairness}: grouping is always {@code by}. */
    static final Map<String, String> FAIRNESS = Map.of("limit-by", "by");

    private OldSpellings() {
    }

    static String note(String old, String current) {
        return "'" + old + "' is an old spelling of '" + current + "' (still accepted; write '" + current + "')";
    }

    static String both(String old, String current) {
        return "'" + old + "' and '" + current + "' are one key spelt two ways (keep '" + current + "' and remove '"
                + old + "')";
    }
}
