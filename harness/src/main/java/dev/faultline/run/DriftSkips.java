package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.journal.ResponseDrift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's notes on responses a {@code drift} rule fired on but left alone (not JSON, an encoded
 * body, a body over the held bound, a JSON body that did not parse): a client that never saw the drift
 * was not tested against it, and the report says how many, per rule and reason. Pure.
 */
final class DriftSkips {
    private DriftSkips() {
    }

    static List<String> notes(List<Event> events) {
        Map<String, Long> firedByRule = new LinkedHashMap<>();
        Map<String, Map<String, Long>> skippedByRule = new LinkedHashMap<>();
        for (Event event : events) {
            if (event instanceof ResponseDrift drift) {
                String key = drift.rule() + " at " + drift.upstream();
                firedByRule.merge(key, 1L, Long::sum);
                if (drift.skipped() != null) {
                    skippedByRule.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(drift.skipped(), 1L, Long::sum);
                }
            }
        }
        List<String> notes = new ArrayList<>();
        skippedByRule.forEach((rule, reasons) -> {
            long skipped = reasons.values().stream().mapToLong(Long::longValue).sum();
            List<String> why = new ArrayList<>();
            reasons.forEach((reason, count) -> why.add(reason + " (" + count + ")"));
            notes.add("drift rule " + rule + " left " + skipped + " of " + firedByRule.get(rule)
                    + " responses unchanged, so the client did not meet the drift in them: " + String.join("; ", why)
                    + " (only application/json and +json bodies, not encoded, are drifted)");
        });
        return notes;
    }
}
