package dev.faultline.journal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A drift event survives journal.jsonl, applied or left alone. */
class ResponseDriftJsonTest {

    @Test
    void appliedAndSkippedDriftsRoundTrip() throws IOException {
        ResponseDrift applied = new ResponseDrift(12_116_693_616L, "orders", 0, 14, "GET", "/v1/orders/42", "a-1",
                "added/orders[0]", "application/json", List.of("add-field $: 1 changed, name \"tier_9c1a\" = 7",
                "reorder $: 1 changed"), null);
        ResponseDrift skipped = new ResponseDrift(1, "orders", -1, 3, "GET", "/text", null, "added/orders[0]", "text/plain",
                List.of(), "not JSON: text/plain");

        String line = JournalJson.toLine(applied);
        assertThat(line).startsWith("{\"type\":\"drift\",\"atNanos\":12116693616,").doesNotContain("skipped");
        assertThat(JournalJson.fromLine(line)).isEqualTo(applied);
        assertThat(JournalJson.fromLine(JournalJson.toLine(skipped))).isEqualTo(skipped);
        assertThat(applied.words()).containsExactly("add-field", "reorder");
        assertThat(skipped.applied()).isFalse();
    }
}
