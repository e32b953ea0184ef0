package dev.faultline.scenario.parse;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The most a scenario may hold. Each limit is far above what a scenario needs and low enough that
 * the worst file within them is refused or loaded in about a second, in bounded memory; the
 * reasons are in docs/scenario-format.md, "Limits".
 */
final class Limits {
    /** Bytes in a scenario file; checked before reading, so a huge or endless file costs nothing. */
    static final int MAX_SCENARIO_BYTES = 3 * 1024 * 1024;
    /** Bytes in one {@code body-file}. */
    static final int MAX_BODY_FILE_BYTES = 16 * 1024 * 1024;
    /** Mappings and lists inside each other; far deeper than any key of the format goes. */
    static final int MAX_NESTING = 64;
    /**
     * Keys, values and brackets, as Jackson counts tokens; the largest example scenario has a few hundred.
     * Each becomes a node with its location, so this bounds the memory and time of the tree.
     */
    static final long MAX_TOKENS = 100_000;
    /** Errors reported for one file; after these, one more line says how many were left out. */
    static final int MAX_ERRORS = 200;
    /** Characters in one number, as Jackson counts them; BigInteger/BigDecimal parsing is quadratic. */
    static final int MAX_NUMBER_LENGTH = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;
    /**
     * The largest decimal exponent of a number's size: {@code |x| < 1e308}, and for a number that is
     * not zero {@code |x| >= 1e-307}, so every accepted number is a finite, non-zero double when it is
     * not zero, and BigDecimal arithmetic on it stays cheap.
     */
    static final int MAX_EXPONENT = 307;

    /** The parsers' own limits, for Jackson's JSON and YAML parsers. */
    static StreamReadConstraints streamReadConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_SCENARIO_BYTES)
                .maxNameLength(MAX_SCENARIO_BYTES)
                .maxDocumentLength(MAX_SCENARIO_BYTES)
                .maxTokenCount(MAX_TOKENS)
                .build();
    }

    private Limits() {
    }
}
