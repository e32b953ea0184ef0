package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.journal.ResponseDrift;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report counts the responses a drift rule fired on but left alone, per rule and reason. */
class DriftSkipsTest {
    private static ResponseDrift drift(long at, String rule, String skipped) {
        return new ResponseDrift(at, "orders", 0, at, "GET", "/v1/orders/42", null, rule, "application/json",
                skipped == null ? List.of("add-field $ (1)") : List.of(), skipped);
    }

    @Test
    void bodiesLeftAloneAreCountedPerRuleWithTheirReasons() {
        List<Event> events = List.of(
                drift(1, "added/orders[0]", null),
                drift(2, "added/orders[0]", "not JSON: text/plain"),
                drift(3, "added/orders[0]", "not JSON: text/plain"),
                drift(4, "added/orders[0]", "Content-Encoding gzip: an encoded body is sent unchanged"),
                drift(5, "renamed/orders[0]", null));

        assertThat(DriftSkips.notes(events)).containsExactly("drift rule added/orders[0] at orders left 3 of 4 responses"
                + " unchanged, so the client did not meet the drift in them: not JSON: text/plain (2); Content-Encoding gzip:"
                + " an encoded body is sent unchanged (1) (only application/json and +json bodies, not encoded, are drifted)");
    }

    @Test
    void aRuleThatDriftedEveryBodyGetsNoNote() {
        assertThat(DriftSkips.notes(List.of(drift(1, "added/orders[0]", null), drift(2, "added/orders[0]", null)))).isEmpty();
    }
}
