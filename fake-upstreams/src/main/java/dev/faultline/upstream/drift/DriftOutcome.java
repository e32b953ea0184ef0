package dev.faultline.upstream.drift;

import java.util.List;

/**
 * What {@link JsonDrift} did to one body.
 *
 * @param body      the body to send: the mutated JSON, or the original bytes when it was left alone
 * @param mutations one entry per mutation applied, as the journal records it; empty when left alone
 * @param skipped   why the body was left alone, or {@code null} when the mutations were applied
 */
public record DriftOutcome(byte[] body, List<String> mutations, String skipped) {
    public DriftOutcome {
        mutations = List.copyOf(mutations);
    }

    /** The body as it came, with the reason. */
    static DriftOutcome leftAlone(byte[] body, String why) {
        return new DriftOutcome(body, List.of(), why);
    }

    public boolean applied() {
        return skipped == null;
    }
}
